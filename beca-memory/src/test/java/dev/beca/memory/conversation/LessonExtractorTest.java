package dev.beca.memory.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.learning.LessonAddition;
import dev.beca.core.learning.LessonExtraction;
import dev.beca.core.learning.LessonExtractor;
import dev.beca.core.learning.NewLesson;
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

/** {@link LessonExtractor} against the loopback Ollama server with LangChain4j's real client. */
class LessonExtractorTest {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase kb;
  private OllamaLoopbackServer ollama;

  @BeforeEach
  void setUp() {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
  }

  @AfterEach
  void tearDown() {
    ollama.close();
    kb.close();
  }

  private LessonExtractor extractor() {
    return LessonExtractor.builder()
        .models(new LoopbackModels(ollama.baseUrl(), "llama3.2"))
        .build();
  }

  @Test
  void lessonsOfASuccessfulTurnAreParsedAndStored() {
    ollama.enqueue(
        OllamaReply.text(
            "LESSON [testing]: Run Flyway migrations against a temporary SQLite file in tests.\n",
            "- LESSON [tooling]: Pass -o to Maven when the network is down."));

    LessonExtraction found =
        extractor()
            .extract(
                "How do I test my Flyway migrations?",
                "Point Flyway at a temporary SQLite file in the test.",
                List.of("message:1", "message:2"));

    assertThat(found.failed()).isFalse();
    assertThat(found.lessons()).hasSize(2);
    assertThat(ollama.lastChatRequest().lastUserText())
        .contains("How do I test my Flyway migrations?", "temporary SQLite file");
    for (NewLesson lesson : found.lessons()) {
      assertThat(kb.lessons().add(lesson).outcome()).isEqualTo(LessonAddition.Outcome.ADDED);
    }
    assertThat(kb.lessons().top(Optional.empty(), 10))
        .extracting(l -> l.evidence())
        .allSatisfy(e -> assertThat(e).containsExactly("message:1", "message:2"));
  }

  @Test
  void aReplyOutOfFormatIsAFailedExtractionWithTheRawTextAndNoLesson() {
    ollama.enqueue(OllamaReply.text("Great question! Flyway is a wonderful tool for migrations."));

    LessonExtraction found = extractor().extract("Q?", "A.", List.of());

    assertThat(found.failed()).isTrue();
    assertThat(found.lessons()).isEmpty();
    assertThat(found.rawReply())
        .isEqualTo("Great question! Flyway is a wonderful tool for migrations.");
  }

  @Test
  void aFailingModelIsAFailedExtractionNotAnException() {
    ollama.enqueue(OllamaReply.httpError(500, "model crashed"));

    LessonExtraction found = extractor().extract("Q?", "A.", List.of());

    assertThat(found.failed()).isTrue();
    assertThat(found.lessons()).isEmpty();
    assertThat(found.failure())
        .hasValueSatisfying(f -> assertThat(f).contains("model call failed"));
  }
}
