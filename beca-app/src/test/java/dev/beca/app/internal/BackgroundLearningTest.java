package dev.beca.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.learning.ExtractionItem;
import dev.beca.core.learning.Lesson;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background learning loop of {@code beca chat} and {@code beca serve}, on a real file. */
class BackgroundLearningTest {

  @TempDir Path dataDir;

  private AppContext open(String ollamaUrl) {
    Terminal terminal =
        new Terminal(
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(new StringWriter(), true),
            false);
    return new Startup(
            terminal,
            Map.of(
                AppOptions.DATA_DIR_ENV, dataDir.toString(), AppOptions.OLLAMA_URL_ENV, ollamaUrl))
        .open(options(), Startup.Need.MODELS);
  }

  private static AppOptions options() {
    AppOptions options = new AppOptions();
    new picocli.CommandLine(options).parseArgs();
    return options;
  }

  private static String queueSession(KnowledgeBase kb) {
    String session = kb.sessions().create("test").id();
    ConversationMessage q =
        kb.messages().append(NewMessage.user(session, "How do I build offline?"));
    kb.messages().append(NewMessage.assistant(session, "Pass -o to Maven.").replyingTo(q.id()));
    kb.lessons().queueExtraction(session, 0);
    return session;
  }

  private static void awaitCompleted(BackgroundLearning learning, long n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (learning.stats().completed() < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @Test
  void learnsFromAQueuedSessionOnlyOnceTheGateOpensAndStopsWhenClosed() throws Exception {
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
        AppContext app = open(ollama.baseUrl())) {
      KnowledgeBase kb = app.knowledgeBase();
      queueSession(kb);
      ollama.enqueue(OllamaReply.text("LESSON [tooling]: Pass -o to Maven when offline."));
      AtomicBoolean idle = new AtomicBoolean();
      List<String> said = new ArrayList<>();
      BackgroundLearning learning =
          BackgroundLearning.start(
              kb, app.models(), idle::get, said::add, Duration.ofMillis(10), Duration.ofMillis(20));
      try {
        assertThat(learning.extracting()).isTrue();
        Thread.sleep(300);
        assertThat(learning.stats().completed()).isZero();
        assertThat(kb.lessons().top(Optional.empty(), 10)).isEmpty();

        idle.set(true);
        awaitCompleted(learning, 1);
      } finally {
        learning.close();
      }
      assertThat(said).isEmpty();
      assertThat(kb.lessons().top(Optional.empty(), 10))
          .extracting(Lesson::text)
          .containsExactly("Pass -o to Maven when offline.");
      assertThat(kb.lessons().extractions(Optional.of(ExtractionItem.State.DONE), 10)).hasSize(1);
    }
  }

  @Test
  void withoutAModelServerItSaysSoAndLeavesTheSessionsQueued() throws Exception {
    try (AppContext app = open(OllamaLoopbackServer.unusedLoopbackUrl())) {
      KnowledgeBase kb = app.knowledgeBase();
      queueSession(kb);
      List<String> said = new ArrayList<>();
      BackgroundLearning learning =
          BackgroundLearning.start(
              kb,
              app.models(),
              () -> true,
              said::add,
              Duration.ofMillis(10),
              Duration.ofMillis(20));
      try {
        Thread.sleep(300);
      } finally {
        learning.close();
      }
      assertThat(learning.extracting()).isFalse();
      assertThat(said)
          .singleElement()
          .satisfies(line -> assertThat(line).contains("no model server answers", "wait"));
      assertThat(kb.lessons().extractions(Optional.of(ExtractionItem.State.OPEN), 10))
          .singleElement()
          .satisfies(item -> assertThat(item.attempts()).isZero());
    }
  }
}
