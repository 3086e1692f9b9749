package dev.beca.memory.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.learning.ExtractionItem;
import dev.beca.core.learning.LearningLoop;
import dev.beca.core.learning.Lesson;
import dev.beca.core.learning.LessonExtractor;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.SessionLessons;
import dev.beca.core.learning.TurnOutcome;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session queued for learning, worked through by the {@link LearningLoop} with {@link
 * SessionLessons}: a real SQLite file and the loopback Ollama server.
 */
class SessionLessonsTest {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase kb;
  private OllamaLoopbackServer ollama;
  private String session;

  @BeforeEach
  void setUp() {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
    session = kb.sessions().create("test").id();
  }

  @AfterEach
  void tearDown() {
    ollama.close();
    kb.close();
  }

  private LearningLoop loop() {
    SessionLessons work =
        SessionLessons.builder()
            .messages(kb.messages())
            .lessons(kb.lessons())
            .extractor(
                LessonExtractor.builder()
                    .models(new LoopbackModels(ollama.baseUrl(), "llama3.2"))
                    .build())
            .build();
    return LearningLoop.builder().extractions(kb.lessons(), work).worker("test").build();
  }

  private long turn(String question, String answer) {
    ConversationMessage q = kb.messages().append(NewMessage.user(session, question));
    kb.messages().append(NewMessage.assistant(session, answer).replyingTo(q.id()));
    return q.id();
  }

  @Test
  void aQueuedSessionTeachesTheLessonsOfItsTurnsThatDidNotFail() {
    turn("How do I test Flyway migrations?", "Point Flyway at a temporary SQLite file.");
    long failed = turn("Why is the build slow?", "Turn off the tests with -DskipTests.");
    kb.lessons().judgeTurn(failed, TurnOutcome.Verdict.FAILED, "undo:message:" + failed);
    turn("How do I build offline?", "Pass -o to Maven.");
    kb.lessons().queueExtraction(session, 0);
    ollama.enqueue(
        OllamaReply.text(
            "LESSON [testing]: Run Flyway migrations against a temporary SQLite file."),
        OllamaReply.text("LESSON [tooling]: Pass -o to Maven when the network is down."));

    assertThat(loop().runOnce()).isTrue();

    assertThat(kb.lessons().top(Optional.empty(), 10))
        .extracting(Lesson::text)
        .containsExactlyInAnyOrder(
            "Run Flyway migrations against a temporary SQLite file.",
            "Pass -o to Maven when the network is down.");
    assertThat(ollama.pendingReplies()).isZero();
    assertThat(ollama.chatRequests())
        .extracting(r -> r.lastUserText())
        .noneMatch(text -> text.contains("Why is the build slow?"));
    assertThat(kb.lessons().extractions(Optional.of(ExtractionItem.State.DONE), 10)).hasSize(1);
  }

  @Test
  void aTurnWhoseExtractionFailsIsKeptWithTheRawReplyAndLearnedOnTheRetry() {
    long question = turn("How do I build offline?", "Pass -o to Maven.");
    kb.lessons().queueExtraction(session, 0);
    ollama.enqueue(OllamaReply.text("Sure! Offline builds are great."));
    LearningLoop learning = loop();

    assertThat(learning.runOnce()).isTrue();

    assertThat(kb.lessons().top(Optional.empty(), 10)).isEmpty();
    ExtractionItem kept =
        kb.lessons().extractions(Optional.of(ExtractionItem.State.OPEN), 10).get(0);
    assertThat(kept.messageId()).isEqualTo(question);
    assertThat(kept.rawReply()).isEqualTo("Sure! Offline builds are great.");
    assertThat(kept.failure()).isPresent();
    assertThat(kept.attempts()).isEqualTo(1);

    ollama.enqueue(
        OllamaReply.text("LESSON [tooling]: Pass -o to Maven when the network is down."));
    assertThat(learning.runOnce()).isTrue();

    assertThat(kb.lessons().top(Optional.empty(), 10))
        .extracting(Lesson::evidence)
        .containsExactly(List.of("message:" + question, "message:" + (question + 1)));
    assertThat(kb.lessons().extractions(Optional.of(ExtractionItem.State.OPEN), 10)).isEmpty();
    assertThat(learning.runOnce()).isFalse();
  }

  @Test
  void aTurnThatKeepsFailingToExtractIsGivenUpWithItsLastReply() {
    long question = turn("How do I build offline?", "Pass -o to Maven.");
    kb.lessons().recordFailedExtraction(session, question, "not in the format", "Hmm.");
    ollama.enqueue(OllamaReply.text("Well..."), OllamaReply.text("Let me think."));
    LearningLoop learning = loop();

    while (learning.runOnce()) {
      // each failure gives the item back until its attempts are used up
    }

    ExtractionItem given =
        kb.lessons().extractions(Optional.of(ExtractionItem.State.FAILED), 10).get(0);
    assertThat(given.attempts()).isEqualTo(LessonStore.MAX_EXTRACTION_ATTEMPTS);
    assertThat(given.rawReply()).isEqualTo("Let me think.");
    assertThat(learning.stats().failed()).isEqualTo(2);
  }
}
