package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.internal.AppOptions;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca threads ...} and the thread commands of {@code beca chat}, run in-process. */
class ThreadsCommandTest {

  @TempDir Path dataDir;

  private String out = "";
  private String err = "";

  private int run(String input, Map<String, String> env, String... args) {
    BecaRun run = BecaRun.of(input, false, env, args);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  private Map<String, String> env(String ollamaUrl) {
    return Map.of(
        AppOptions.DATA_DIR_ENV, dataDir.toString(), AppOptions.OLLAMA_URL_ENV, ollamaUrl);
  }

  @Test
  void chatTalksInAThreadAndTheThreadCommandsShowIt() {
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      int code =
          run(
              "/thread new billing move\nplan the billing migration\n/thread\n",
              env(ollama.baseUrl()),
              "chat");
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString())
          .contains(
              "Now in new thread 1 'billing move'",
              "echo: plan the billing migration",
              "thread 1 'billing move' (2 messages)");

      assertThat(run("", env(ollama.baseUrl()), "threads", "list")).isZero();
      assertThat(out.toString()).contains("ID", "billing move").containsPattern("1\\s+2\\s+");

      assertThat(run("", env(ollama.baseUrl()), "threads", "show", "1")).isZero();
      assertThat(out.toString())
          .contains("user: plan the billing migration", "assistant (reply to #1): echo: plan");

      // A second chat continues the thread with /thread use; the assembled prompt carries history.
      assertThat(run("/thread use 1\nwhat did we plan?\n", env(ollama.baseUrl()), "chat")).isZero();
      assertThat(ollama.lastChatRequest().messages("user"))
          .extracting(m -> m.content())
          .contains("plan the billing migration", "what did we plan?");
    }
  }

  @Test
  void newLinkAndKeywordSearch() {
    String session;
    ConversationMessage loose;
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      session = kb.sessions().create("").id();
      loose = kb.messages().append(NewMessage.user(session, "the gradle daemon crashed again"));
    }
    String url = OllamaLoopbackServer.unusedLoopbackUrl();
    assertThat(run("", env(url), "threads", "new", "build", "problems")).isZero();
    assertThat(out.toString().strip()).isEqualTo("1");
    assertThat(run("", env(url), "threads", "link", String.valueOf(loose.id()), "1")).isZero();

    assertThat(
            run("", env(url), "threads", "search", "--mode", "keyword", "--thread", "1", "gradle"))
        .isZero();
    assertThat(out.toString()).contains("#" + loose.id() + " thread 1", "[gradle]");

    assertThat(run("", env(url), "threads", "search", "--mode", "keyword", "\"unbalanced"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("not valid query syntax");
    assertThat(run("", env(url), "threads", "link", "999", "1")).isEqualTo(1);
    assertThat(err.toString()).contains("There is no message 999");
  }

  @Test
  void summarizeUsesTheModelOrFallsBackWithAClearMessage() {
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      String session = kb.sessions().create("").id();
      long thread = kb.threads().create("t").id();
      kb.messages()
          .append(NewMessage.user(session, "We chose Postgres. It scales.").inThread(thread));
    }
    assertThat(run("", env(OllamaLoopbackServer.unusedLoopbackUrl()), "threads", "summarize", "1"))
        .isZero();
    assertThat(err.toString()).contains("Stored an extractive summary instead");
    assertThat(out.toString()).contains("[Extractive summary", "user: We chose Postgres.");

    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      ollama.enqueue(OllamaReply.text("Postgres was chosen for scale."));
      assertThat(run("", env(ollama.baseUrl()), "threads", "summarize", "1")).isZero();
      assertThat(out.toString().strip()).isEqualTo("Postgres was chosen for scale.");
      assertThat(err.toString()).isEmpty();
    }
  }

  @Test
  void threadsHelpListsEverySubcommand() {
    assertThat(run("", Map.of(), "threads", "--help")).isZero();
    assertThat(out.toString()).contains("list", "show", "new", "link", "summarize", "search");
    assertThat(List.of("list", "show", "new", "link", "summarize", "search"))
        .allSatisfy(sub -> assertThat(run("", Map.of(), "threads", sub, "--help")).isZero());
  }
}
