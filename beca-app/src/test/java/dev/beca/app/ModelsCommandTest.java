package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaModelSpec;
import dev.beca.core.testkit.OllamaPullReply;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.core.testkit.OpenAiLoopbackServer;
import dev.beca.core.testkit.OpenAiReply;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca models ...} run in-process against loopback Ollama and OpenAI-compatible servers. */
class ModelsCommandTest {

  @TempDir Path dataDir;
  private OllamaLoopbackServer ollama;
  private OpenAiLoopbackServer lmStudio;
  private String out = "";
  private String err = "";

  @BeforeEach
  void start() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").model("qwen2.5-coder:7b").start();
    lmStudio = OpenAiLoopbackServer.start("qwen2.5-7b-instruct");
  }

  @AfterEach
  void stop() {
    ollama.close();
    lmStudio.close();
  }

  private int run(String input, String... args) {
    return run(false, input, args);
  }

  private int run(boolean interactive, String input, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--data-dir",
            dataDir.toString(),
            "--ollama-url",
            ollama.baseUrl(),
            "--openai-url",
            lmStudio.baseUrl()));
    BecaRun run = BecaRun.of(input, interactive, Map.of(), all.toArray(String[]::new));
    out = run.out();
    err = run.err();
    return run.exit();
  }

  private int runWith(Map<String, String> env, String input, String... args) {
    BecaRun run = BecaRun.of(input, false, env, args);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  @Test
  void credentialsInTheOllamaUrlAreRedactedInHealthOnStandardErrorInTheErrorLogAndTheLogFile()
      throws Exception {
    String url =
        OllamaLoopbackServer.unusedLoopbackUrl().replace("http://", "http://admin:s3cret-pw@");
    Map<String, String> env = Map.of("BECA_DATA_DIR", dataDir.toString(), "BECA_OLLAMA_URL", url);

    assertThat(runWith(env, "", "models", "health")).isEqualTo(1);
    assertThat(out.toString())
        .contains("http://***@127.0.0.1:", "No model server answers at http://***@127.0.0.1:")
        .doesNotContain("s3cret-pw", "admin");

    assertThat(runWith(env, "hello\n", "chat")).isEqualTo(1);
    assertThat(err.toString())
        .contains("No model server answers at http://***@127.0.0.1:")
        .doesNotContain("s3cret-pw", "admin");
    assertThat(KnowledgeBaseRows.rows(dataDir, "SELECT message FROM model_errors"))
        .isNotEmpty()
        .allSatisfy(
            message ->
                assertThat(message).contains("http://***@127.0.0.1:").doesNotContain("s3cret-pw"));
    assertThat(java.nio.file.Files.readString(dataDir.resolve("logs").resolve("beca.log")))
        .doesNotContain("s3cret-pw");
  }

  @Test
  void helpListsEverySubcommand() {
    assertThat(run("", "models", "--help")).isZero();
    assertThat(out.toString())
        .contains("list", "test", "use", "rollback", "history", "updates", "pull", "rm", "health");
  }

  @Test
  void listShowsTheModelsOfBothServersAndWhichRoleUsesThem() {
    assertThat(run("", "models", "list")).isZero();

    assertThat(out.toString().lines())
        .anySatisfy(
            l -> assertThat(l).contains("ollama", "llama3.2:latest", "3.2B", "Q4_K_M", "general"))
        .anySatisfy(l -> assertThat(l).contains("openai", "qwen2.5-7b-instruct"));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void testReportsPassWithFiguresAndFailsForAModelWithoutToolsInTheCodingRole() {
    assertThat(run("", "models", "test", "llama3.2")).isZero();
    assertThat(out.toString()).contains("ollama/llama3.2:latest for general: pass: first token");

    ollama.addModel(OllamaModelSpec.of("gemma2").withCapabilities(OllamaModelSpec.COMPLETION));
    assertThat(run("", "models", "test", "gemma2", "--role", "coding")).isEqualTo(1);
    assertThat(out.toString()).contains("fail:", "does not support tools");
  }

  @Test
  void useHistoryRollbackAndChatFollowTheActiveModel() throws Exception {
    assertThat(
            run(
                "",
                "models",
                "use",
                "general",
                "qwen2.5-coder:7b",
                "--temperature",
                "0.3",
                "--num-ctx",
                "16384"))
        .isZero();
    assertThat(out.toString())
        .contains(
            "The general role now uses ollama/qwen2.5-coder:7b (version 1; pass:",
            "temperature=0.3",
            "num_ctx=16384");
    assertThat(run("", "models", "use", "general", "qwen2.5-7b-instruct", "--server", "openai"))
        .isZero();

    assertThat(run("", "models", "history", "general")).isZero();
    assertThat(out.toString().lines().skip(1).toList()).hasSize(2);
    assertThat(out.toString()).contains("openai   qwen2.5-7b-instruct").contains("inactive");

    lmStudio.enqueue(OpenAiReply.text("from ", "lmstudio"));
    assertThat(run("hello\n", "chat")).isZero();
    assertThat(out.toString()).contains("from lmstudio");

    assertThat(run("", "models", "rollback", "general", "1")).isZero();
    assertThat(out.toString())
        .contains("uses ollama/qwen2.5-coder:7b again (version 3; rollback to version 1)");
    ollama.enqueue(OllamaReply.text("from ollama"));
    assertThat(run("again\n", "chat")).isZero();
    assertThat(ollama.lastChatRequest().model()).isEqualTo("qwen2.5-coder:7b");
    assertThat(ollama.lastChatRequest().options().path("temperature").asDouble()).isEqualTo(0.3);
    assertThat(rows("SELECT role || ':' || name || ':' || status FROM model_versions ORDER BY id"))
        .containsExactly(
            "GENERAL:qwen2.5-coder:7b:INACTIVE",
            "GENERAL:qwen2.5-7b-instruct:INACTIVE",
            "GENERAL:qwen2.5-coder:7b:ACTIVE");
  }

  @Test
  void useOfAMissingModelAndRollbackOfAnUnknownVersionFailInOneLine() {
    assertThat(run("", "models", "use", "general", "mistral")).isEqualTo(1);
    assertThat(err.toString().strip())
        .startsWith("beca: Server ollama has no model 'mistral'.")
        .contains("beca models pull mistral")
        .doesNotContain("\n");
    assertThat(run("", "models", "rollback", "coding", "7")).isEqualTo(1);
    assertThat(err.toString()).contains("There is no model version 7");
    assertThat(run("", "models", "use", "chef", "llama3.2")).as("a usage error").isEqualTo(2);
    assertThat(err.toString()).contains("'chef' is not a role");
  }

  @Test
  void updatesShowNewAndChangedModels() {
    run("", "models", "use", "general", "llama3.2");
    ollama.setDigest("llama3.2", "e".repeat(64));

    assertThat(run("", "models", "updates")).isZero();

    assertThat(out.toString())
        .contains(
            "changed  ollama/llama3.2:latest",
            "-> eeeeeeeeeeee",
            "new      ollama/qwen2.5-coder:7b",
            "new      openai/qwen2.5-7b-instruct");
  }

  @Test
  void pullPrintsProgressAndReportsAnErrorInsideTheStream() {
    ollama.addPullable(OllamaModelSpec.of("mistral"));
    assertThat(run("", "models", "pull", "mistral")).isZero();
    assertThat(out.toString()).contains("pulling manifest", "100%", "Pulled ollama/mistral:latest");

    ollama.addPullable(OllamaModelSpec.of("phi3"));
    ollama.enqueuePull(OllamaPullReply.failingAfter(2, "max retries exceeded: unexpected EOF"));
    assertThat(run("", "models", "pull", "phi3")).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "beca: Server ollama could not pull 'phi3': max retries exceeded: unexpected EOF");
  }

  @Test
  void rmAsksForConfirmationUnlessToldYes() {
    assertThat(run("n\n", "models", "rm", "qwen2.5-coder:7b")).isZero();
    assertThat(out.toString())
        .contains("Delete ollama/qwen2.5-coder:7b from the server?", "Not deleted.");
    assertThat(ollama.model("qwen2.5-coder:7b")).isPresent();

    assertThat(run("y\n", "models", "rm", "qwen2.5-coder:7b")).isZero();
    assertThat(ollama.model("qwen2.5-coder:7b")).isEmpty();

    assertThat(run("", "models", "rm", "llama3.2", "--yes")).isZero();
    assertThat(out.toString()).contains("Deleted ollama/llama3.2");
    assertThat(ollama.models()).isEmpty();
  }

  @Test
  void healthShowsEachServerAndFailsWhenTheDefaultIsDown() {
    assertThat(run("", "models", "health")).isZero();
    assertThat(out.toString())
        .contains("ollama   up", OllamaLoopbackServer.DEFAULT_VERSION, "openai   up");

    ollama.stop();
    assertThat(run("", "models", "health")).isEqualTo(1);
    assertThat(out.toString()).contains("ollama   down", "No model server answers");
  }

  @Test
  void chatFallsBackToTheConfiguredModelWhenTheDefaultServerIsDownAndLogsIt() throws Exception {
    ollama.stop();
    lmStudio.enqueue(OpenAiReply.text("fallback answer"));

    assertThat(run("hi\n", "chat", "--fallback", "openai/qwen2.5-7b-instruct")).isZero();

    assertThat(out.toString()).contains("fallback answer");
    assertThat(rows("SELECT action FROM model_errors ORDER BY id"))
        .last()
        .asString()
        .isEqualTo("fell back to openai/qwen2.5-7b-instruct");
    assertThat(rows("SELECT role || ':' || content FROM messages ORDER BY id"))
        .containsExactly("USER:hi", "ASSISTANT:fallback answer");
  }

  @Test
  void chatReplyCutMidStreamIsKeptMarkedIncompleteAndTheUserIsTold() throws Exception {
    ollama.enqueue(OllamaReply.text("Records ", "are ", "final.").withDroppedConnectionAfter(2));

    assertThat(run("records?\n", "chat")).isEqualTo(1);

    assertThat(out.toString()).startsWith("Records are ");
    assertThat(err.toString())
        .contains(
            "broke off after 12 characters and was saved marked incomplete",
            "Ask again",
            "Your message was saved");
    assertThat(rows("SELECT content FROM messages ORDER BY id"))
        .containsExactly(
            "records?", "Records are " + dev.beca.core.assistant.Assistant.INCOMPLETE_MARK);
    assertThat(rows("SELECT count(*) FROM model_errors")).containsExactly("1");
  }

  @Test
  void interactiveChatNamesTheActiveModelAndWarnsAboutADownServerAtTheStart() {
    lmStudio.close();

    assertThat(run(true, "/exit\n", "chat")).isZero();

    assertThat(out.toString())
        .contains("BECA chat with llama3.2 on ollama at " + ollama.baseUrl())
        .contains("No general model chosen yet: using the default.")
        .contains(
            "warning: server openai is down: No model server answers at " + lmStudio.baseUrl())
        .doesNotContain("warning: server ollama");
  }

  @Test
  void listFailsWhenNoServerAnswers() {
    ollama.stop();
    lmStudio.close();

    assertThat(run("", "models", "list")).isEqualTo(1);
    assertThat(err.toString().lines())
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).startsWith("beca: No model server answers"));
  }

  @Test
  void invalidFallbackIsAUsageError() {
    assertThat(run("hi\n", "chat", "--fallback", "nowhere/x")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown server 'nowhere'");
  }

  private List<String> rows(String sql) throws SQLException {
    return KnowledgeBaseRows.rows(dataDir, sql);
  }
}
