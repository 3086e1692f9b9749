package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.BecaJar.Result;
import dev.beca.core.agent.CommandSandbox;
import dev.beca.core.testkit.DummySecrets;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.core.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code beca chat} with tools on a real git project, the loopback Ollama server
 * scripted with real {@code tool_calls}; the SQLite file it leaves behind is read with plain JDBC.
 */
class AgentEndToEndIT {

  @TempDir Path temp;
  private Path dataDir;
  private Path project;
  private OllamaLoopbackServer ollama;

  @BeforeEach
  void setUp() throws Exception {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
    dataDir = temp.resolve("data");
    project = Files.createDirectories(temp.resolve("project"));
    Files.writeString(project.resolve("greeting.txt"), "hello from the project\n");
    Files.writeString(
        project.resolve("check.sh"),
        "grep -q goodbye greeting.txt && echo CHECK PASSED || { echo CHECK FAILED; exit 1; }\n");
    Files.writeString(temp.resolve("outside.txt"), "not for the model\n");
    git("init", "-q", "-b", "main");
    git("config", "user.email", "dev@example.com");
    git("config", "user.name", "Dev");
    git("add", "-A");
    git("commit", "-q", "-m", "Initial");
  }

  @AfterEach
  void tearDown() {
    ollama.close();
  }

  @Test
  void autoEditReadsEditsRunsTheCheckCommitsAndUndoes() throws Exception {
    boolean sandboxed = CommandSandbox.detect().isActive();
    ollama.enqueue(
        OllamaReply.toolCall("read_file", "{\"path\": \"greeting.txt\"}"),
        OllamaReply.toolCall(
            "edit_file",
            "{\"path\": \"greeting.txt\", \"old_text\": \"hello\", \"new_text\": \"goodbye\"}"),
        OllamaReply.toolCall("run_command", "{\"command\": \"sh check.sh\"}"),
        OllamaReply.text("Changed the greeting; the check passes."));

    Result result =
        beca("Say goodbye instead\n/undo\n", "--approval", "full-auto", "--auto-commit");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .contains("> read_file {\"path\":\"greeting.txt\"}")
        .contains("> edit_file")
        .contains("> run_command")
        .contains("Changed the greeting; the check passes.")
        .contains("committed ")
        .contains("undone: ");
    // The check's output went back to the model.
    List<String> toolResults = toolResults();
    assertThat(toolResults.get(0)).contains("hello from the project");
    if (sandboxed) {
      assertThat(toolResults.get(2)).contains("CHECK PASSED");
    } else {
      assertThat(toolResults.get(2)).startsWith("Error: ");
    }
    // The commit was made, then undone: the file is back and the branch is where it was.
    assertThat(git("log", "--format=%s", "main")).isEqualTo("Initial");
    assertThat(Files.readString(project.resolve("greeting.txt")))
        .isEqualTo("hello from the project\n");
    assertThat(rows("SELECT tool || ':' || answer FROM permission_decisions ORDER BY id"))
        .containsExactly(
            "read_file:ALLOWED_BY_POLICY",
            "edit_file:ALLOWED_BY_POLICY",
            "run_command:" + (sandboxed ? "ALLOWED_BY_POLICY" : "DENIED_BY_POLICY"));
    assertThat(rows("SELECT tools_json FROM messages WHERE role = 'ASSISTANT'"))
        .singleElement()
        .satisfies(json -> assertThat(json).contains("read_file", "edit_file", "run_command"));
  }

  @Test
  void aCommittedTurnThatBreaksATestIsBenchmarkedWorseAndQueuedForLearning() throws Exception {
    Files.writeString(project.resolve("greet.py"), "def greet():\n    return \"hello\"\n");
    Files.writeString(
        project.resolve("test_greet.py"),
        "from greet import greet\n\n\ndef test_greet():\n    assert greet() == \"hello\"\n");
    git("add", "-A");
    git("commit", "-q", "-m", "Python greeter");
    ollama.enqueue(
        OllamaReply.toolCall(
            "edit_file",
            "{\"path\": \"greet.py\", \"old_text\": \"hello\", \"new_text\": \"bye\"}"),
        OllamaReply.text("Changed."));

    Result result = beca("Say bye\n", "--approval", "auto-edit", "--auto-commit");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .as(this::logs)
        .contains("committed ")
        .contains("benchmark: score ")
        .contains("verdict: worse")
        .contains("the drop is on the learning queue.");
    assertThat(rows("SELECT count(*) FROM learning_queue")).containsExactly("1");
    assertThat(rows("SELECT name || ':' || project_path FROM benchmarks"))
        .containsExactly("project:" + project.toRealPath());
    assertThat(rows("SELECT hints FROM learning_queue"))
        .singleElement()
        .satisfies(hints -> assertThat(hints).contains("test"));
  }

  @Test
  void noBenchmarkRunsWithNoBenchmarkOrAfterATurnThatChangedNothing() throws Exception {
    ollama.enqueue(
        OllamaReply.toolCall("write_file", "{\"path\": \"a.txt\", \"content\": \"a\"}"),
        OllamaReply.text("Written."),
        OllamaReply.toolCall("write_file", "{\"path\": \"b.txt\", \"content\": \"b\"}"),
        OllamaReply.text("Written."),
        OllamaReply.toolCall("read_file", "{\"path\": \"a.txt\"}"),
        OllamaReply.text("Read."));

    Result withoutCommit = beca("Write a\n", "--approval", "auto-edit", "--no-benchmark");
    git("add", "-A");
    git("commit", "-q", "-m", "a");
    Result turnedOff =
        beca("Write b\n", "--approval", "auto-edit", "--auto-commit", "--no-benchmark");
    Result unchanged = beca("Read a\n", "--approval", "auto-edit");

    assertThat(withoutCommit.stdout()).contains("Written.").doesNotContain("benchmark");
    assertThat(turnedOff.stdout()).contains("  committed ").doesNotContain("benchmark");
    assertThat(unchanged.stdout()).contains("Read.").doesNotContain("benchmark");
  }

  @Test
  void uncommittedTurnsAreBenchmarkedOnSnapshotsAndATreeIsMeasuredOnce() throws Exception {
    Files.writeString(project.resolve("greet.py"), "def greet():\n    return \"hello\"\n");
    Files.writeString(
        project.resolve("test_greet.py"),
        "from greet import greet\n\n\ndef test_greet():\n    assert greet() == \"hello\"\n");
    git("add", "-A");
    git("commit", "-q", "-m", "Python greeter");
    ollama.enqueue(
        OllamaReply.toolCall(
            "edit_file",
            "{\"path\": \"greet.py\", \"old_text\": \"hello\", \"new_text\": \"bye\"}"),
        OllamaReply.text("Changed."),
        OllamaReply.toolCall(
            "edit_file",
            "{\"path\": \"greet.py\", \"old_text\": \"bye\", \"new_text\": \"hello\"}"),
        OllamaReply.text("Changed back."));

    Result result = beca("Say bye\nSay hello again\n", "--approval", "auto-edit");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .as(this::logs)
        .doesNotContain("committed ")
        .contains("verdict: worse")
        .contains("the drop is on the learning queue.")
        .contains("verdict: better");
    // The second turn's "before" is the first turn's "after": taken from the store, not measured.
    assertThat(logs()).containsOnlyOnce("already measured");
    assertThat(git("log", "-1", "--format=%s")).isEqualTo("Python greeter");
    assertThat(git("status", "--porcelain")).isEmpty();
    assertThat(rows("SELECT count(*) FROM benchmark_results")).containsExactly("2");
  }

  @Test
  void theCommitCarriesTheSessionTrailer() throws Exception {
    ollama.enqueue(
        OllamaReply.toolCall(
            "write_file", "{\"path\": \"notes/todo.md\", \"content\": \"- write docs\\n\"}"),
        OllamaReply.text("Noted."));

    Result result = beca("Note a todo\n/session\n", "--approval", "auto-edit", "--auto-commit");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String session =
        result.stdout().lines().filter(l -> l.matches("[0-9a-f-]{36}")).findFirst().orElseThrow();
    assertThat(git("log", "-1", "--format=%s%n%b", "main"))
        .startsWith("BECA: Note a todo")
        .contains("BECA-Session: " + session);
    assertThat(git("status", "--porcelain")).isEmpty();
  }

  @Test
  void readOnlyRefusesTheEditAndAuditsIt() throws Exception {
    ollama.enqueue(
        OllamaReply.toolCall(
            "write_file", "{\"path\": \"greeting.txt\", \"content\": \"overwritten\"}"),
        OllamaReply.text("I may not change files."));

    Result result = beca("Overwrite it\n", "--approval", "read-only");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("> write_file").contains("failed: ");
    assertThat(Files.readString(project.resolve("greeting.txt")))
        .isEqualTo("hello from the project\n");
    assertThat(toolResults().get(0)).startsWith("Error: ");
    assertThat(rows("SELECT risk || ':' || answer FROM permission_decisions"))
        .containsExactly("MEDIUM:DENIED_BY_POLICY");
  }

  @Test
  void askWithoutATerminalIsADenialWithTheReasonNeverAHang() throws Exception {
    ollama.enqueue(
        OllamaReply.toolCall(
            "edit_file",
            "{\"path\": \"greeting.txt\", \"old_text\": \"hello\", \"new_text\": \"bye\"}"),
        OllamaReply.text("Nobody answered."));

    Result result = beca("Edit it\n", "--approval", "ask");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(toolResults().get(0)).contains("no one can answer here");
    assertThat(rows("SELECT answer FROM permission_decisions")).containsExactly("UNANSWERED");
    assertThat(Files.readString(project.resolve("greeting.txt")))
        .isEqualTo("hello from the project\n");
  }

  @Test
  void escapesAreRefusedAndAudited() throws Exception {
    ollama.enqueue(
        OllamaReply.toolCall("read_file", "{\"path\": \"../outside.txt\"}"),
        OllamaReply.toolCall("run_command", "{\"command\": \"cat ~/.ssh/id_rsa\"}"),
        OllamaReply.toolCall(
            "write_file", "{\"path\": \"/tmp/beca-escape.txt\", \"content\": \"x\"}"),
        OllamaReply.text("All refused."));

    Result result = beca("Try to escape\n", "--approval", "full-auto");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> results = toolResults();
    assertThat(results).hasSize(3).allSatisfy(text -> assertThat(text).startsWith("Error: "));
    assertThat(results.get(0)).contains("outside the project").doesNotContain("not for the model");
    assertThat(Path.of("/tmp/beca-escape.txt")).doesNotExist();
    assertThat(rows("SELECT tool || ':' || risk || ':' || answer FROM permission_decisions"))
        .contains("run_command:CRITICAL:DENIED_BY_POLICY");
  }

  @Test
  void aSecretReadFromTheProjectNeverReachesTheModelOrTheDatabase() throws Exception {
    String key = new DummySecrets(11).githubPat();
    Files.writeString(project.resolve(".env"), "GITHUB_TOKEN=" + key + "\n");
    ollama.enqueue(
        OllamaReply.toolCall("read_file", "{\"path\": \".env\"}"),
        OllamaReply.text("The file holds a token."));

    Result result = beca("What is in .env?\n", "--approval", "read-only");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    for (RecordedRequest request : ollama.requests("/api/chat")) {
      assertThat(request.body()).doesNotContain(key);
    }
    assertThat(toolResults().get(0)).contains("GITHUB_TOKEN");
    assertThat(rows("SELECT coalesce(tools_json, '') || content FROM messages"))
        .allSatisfy(text -> assertThat(text).doesNotContain(key));
    assertThat(rows("SELECT arguments FROM permission_decisions"))
        .allSatisfy(text -> assertThat(text).doesNotContain(key));
    assertThat(rows("SELECT count(*) FROM security_alerts")).containsExactly("1");
    assertThat(result.stdout()).doesNotContain(key);
  }

  @Test
  void aSecretInTheModelsReplyIsRedactedOnTheTerminal() throws Exception {
    String key = new DummySecrets(12).githubPat();
    ollama.enqueue(
        OllamaReply.text(
            "Set GITHUB_TOKEN to ", key.substring(0, 9), key.substring(9), " and go."));

    Result result = beca("Which token?\n", "--no-tools");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .startsWith("Set GITHUB_TOKEN to ")
        .endsWith(" and go." + System.lineSeparator());
    assertThat(result.stdout()).doesNotContain(key);
    assertThat(rows("SELECT content FROM messages"))
        .allSatisfy(t -> assertThat(t).doesNotContain(key));
  }

  @Test
  void noToolsOffersNone() throws Exception {
    ollama.enqueue(OllamaReply.text("Just talk."));

    Result result = beca("Hi\n", "--no-tools");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(ollama.lastChatRequest().toolNames()).isEmpty();
  }

  @Test
  void theDefaultOffersTheProjectTools() throws Exception {
    ollama.enqueue(OllamaReply.text("Hello."));

    Result result = beca("Hi\n");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(ollama.lastChatRequest().toolNames())
        .contains(
            "read_file",
            "list_files",
            "search_files",
            "write_file",
            "edit_file",
            "run_command",
            "git_status",
            "git_diff",
            "git_commit",
            "save_pattern",
            "search_patterns",
            "save_lesson",
            "search_lessons",
            "top_lessons")
        .contains(
            "searchHistory",
            "createThread",
            "listModels",
            "switchModel",
            "scanPath",
            "recentAlerts",
            "runCodeBenchmark",
            "analyseLatestFailures");
  }

  @Test
  void becasOwnToolsRunUnderThePolicyAndAreAudited() throws Exception {
    String key = new DummySecrets(13).githubPat();
    Files.writeString(project.resolve("config.txt"), "token=" + key + "\n");
    ollama.enqueue(
        OllamaReply.toolCall("scanPath", "{\"path\": \"config.txt\"}"),
        OllamaReply.toolCall("scanPath", "{\"path\": \"../outside.txt\"}"),
        OllamaReply.toolCall("createThread", "{\"name\": \"release notes\"}"),
        OllamaReply.toolCall("runCodeBenchmark", "{\"path\": \".\"}"),
        OllamaReply.text("Scanned."));

    Result result = beca("Scan the config\n", "--approval", "read-only");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> results = toolResults();
    assertThat(results.get(0)).contains("config.txt").doesNotContain(key);
    assertThat(results.get(1)).startsWith("Error: ").contains("outside the project");
    // read-only: a change of BECA's memory is refused, the unsandboxed benchmark is critical.
    assertThat(results.get(2)).startsWith("Error: ");
    assertThat(results.get(3)).startsWith("Error: ");
    assertThat(rows("SELECT count(*) FROM threads")).containsExactly("0");
    assertThat(rows("SELECT tool || ':' || risk || ':' || answer FROM permission_decisions"))
        .containsExactly(
            "scanPath:LOW:ALLOWED_BY_POLICY",
            "scanPath:CRITICAL:DENIED_BY_POLICY",
            "createThread:MEDIUM:DENIED_BY_POLICY",
            "runCodeBenchmark:CRITICAL:DENIED_BY_POLICY");
  }

  @Test
  void anUnknownApprovalModeIsAUsageError() throws Exception {
    Result result = beca("", "--approval", "yolo");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("yolo").contains("read-only");
  }

  /** The texts of the tool results BECA sent to the model, in order. */
  private List<String> toolResults() {
    List<String> results = new ArrayList<>();
    var requests = ollama.chatRequests();
    var last = requests.get(requests.size() - 1);
    for (var message : last.messages("tool")) {
      results.add(message.content());
    }
    return results;
  }

  private Result beca(String input, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("chat", "--data-dir", dataDir.toString()));
    all.addAll(List.of("--ollama-url", ollama.baseUrl(), "--project", project.toString()));
    all.addAll(List.of(args));
    return new BecaJar(temp.resolve("home")).run(input, Map.of(), all.toArray(String[]::new));
  }

  /** The log files of the data directory, for failure messages. */
  private String logs() {
    try (var files = Files.walk(dataDir)) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        all.append(file).append(":\n").append(Files.readString(file)).append('\n');
      }
      return all.toString();
    } catch (IOException e) {
      return "no logs: " + e;
    }
  }

  private List<String> rows(String sql) throws Exception {
    return KnowledgeBaseRows.rows(dataDir, sql);
  }

  private String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", project.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " failed: " + out);
    }
    return out.strip();
  }
}
