package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.testkit.OllamaLoopbackServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code beca} command line run in-process, without a model server. */
class CommandLineTest {

  @TempDir Path dataDir;

  private String out = "";
  private String err = "";

  private int run(String input, Map<String, String> env, String... args) {
    BecaRun run = BecaRun.of(input, false, env, args);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  @Test
  void versionPrintsTheBuildVersion() {
    assertThat(run("", Map.of(), "--version")).isZero();
    assertThat(out.toString()).startsWith("beca 0.1.0-SNAPSHOT").contains("Java 17");
  }

  @Test
  void helpListsTheChatCommand() {
    assertThat(run("", Map.of(), "--help")).isZero();
    assertThat(out.toString()).contains("Usage: beca", "chat");
  }

  @Test
  void chatHelpDocumentsOptionsEnvironmentAndExitCodes() {
    assertThat(run("", Map.of(), "chat", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--data-dir",
            "BECA_DATA_DIR",
            "--ollama-url",
            "BECA_OLLAMA_URL",
            "BECA_MODEL",
            "Exit codes");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("", Map.of(), "chat", "--no-such-option")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option");
  }

  @Test
  void invalidOllamaUrlIsRejectedNamingTheSetting() {
    int code =
        run(
            "hello\n",
            Map.of(),
            "chat",
            "--data-dir",
            dataDir.toString(),
            "--ollama-url",
            "localhost:11434");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("baseUrl must be an http(s) URL")
        .doesNotContain("Exception");
  }

  @Test
  void serverDownGivesOneLineKeepsTheMessageAndExitsNonZero() throws Exception {
    int code =
        run(
            "Is anyone there?\n",
            Map.of(),
            "chat",
            "--data-dir",
            dataDir.toString(),
            "--ollama-url",
            deadUrl());

    assertThat(code).isEqualTo(1);
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith("beca: No model server answers at http://127.0.0.1:")
        .contains("ollama serve", "--ollama-url", "Your message was saved")
        .doesNotContain("Exception", "\tat ");
    assertThat(storedMessages()).containsExactly("USER:Is anyone there?");
    assertThat(dataDir.resolve("logs").resolve("beca.log")).content().contains("ConnectException");
  }

  @Test
  void settingsComeFromTheEnvironmentWhenNoOptionIsGiven() throws Exception {
    String url = deadUrl();
    int code =
        run(
            "hi\n",
            Map.of(
                "BECA_DATA_DIR", dataDir.toString(), "BECA_OLLAMA_URL", url, "BECA_MODEL", "qwen3"),
            "chat");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains(url).contains("ollama pull qwen3");
    assertThat(storedMessages()).containsExactly("USER:hi");
  }

  @Test
  void unknownSessionIsReportedInOneLine() {
    int code = run("hi\n", Map.of(), "chat", "--data-dir", dataDir.toString(), "--session", "nope");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .startsWith("beca: There is no session 'nope'")
        .doesNotContain("\n");
  }

  @Test
  void blankLinesAndExitCommandSendNothing() throws Exception {
    int code =
        run(
            "\n   \n/exit\nnever sent\n",
            Map.of(),
            "chat",
            "--data-dir",
            dataDir.toString(),
            "--ollama-url",
            deadUrl());

    assertThat(code).isZero();
    assertThat(storedMessages()).isEmpty();
  }

  /** A loopback URL where nothing listens: the port was just free. */
  @Test
  void modelTimeoutsComeFromTheCommandLineAndBadValuesAreUsageErrors() throws Exception {
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      ollama.setDefaultReply(
          r -> OllamaLoopbackServer.echoReply(r).withFirstTokenDelay(Duration.ofSeconds(5)));
      long start = System.nanoTime();
      int code =
          run(
              "slow?\n",
              Map.of("BECA_STALL_TIMEOUT", "30"),
              "chat",
              "--data-dir",
              dataDir.toString(),
              "--ollama-url",
              ollama.baseUrl(),
              "--first-token-timeout",
              "1");

      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).contains("sent no first token within 1000 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("three 1 s attempts, not one of 2 min")
          .isLessThan(Duration.ofSeconds(60));
      assertThat(ollama.requestCount("/api/chat")).isEqualTo(3);
      assertThat(storedMessages()).containsExactly("USER:slow?");
    }

    assertThat(
            run(
                "hi\n",
                Map.of("BECA_REPLY_TIMEOUT", "ten"),
                "chat",
                "--data-dir",
                dataDir.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--reply-timeout (env BECA_REPLY_TIMEOUT) must be a positive whole number of seconds, was 'ten'");
  }

  static String deadUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  private List<String> storedMessages() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection jdbc =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("beca.db"));
        Statement statement = jdbc.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT role, content FROM messages ORDER BY id")) {
      while (result.next()) {
        rows.add(result.getString(1) + ":" + result.getString(2));
      }
    }
    return rows;
  }
}
