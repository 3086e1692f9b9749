package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.BecaJar.Result;
import dev.beca.core.secrets.SecretFingerprints;
import dev.beca.core.testkit.DummySecrets;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the built {@code beca.jar} runs as a subprocess against the loopback Ollama server,
 * and the SQLite file it leaves behind is read with plain JDBC.
 */
class ChatEndToEndIT {

  @TempDir Path dataDir;
  private OllamaLoopbackServer ollama;

  @BeforeEach
  void startOllama() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
  }

  @AfterEach
  void stopOllama() {
    ollama.close();
  }

  @Test
  void streamsTheReplyToTheTerminalAndStoresBothMessages() throws Exception {
    Duration pause = Duration.ofMillis(700);
    ollama.enqueue(OllamaReply.text("Records ", "are ", "immutable.").withChunkDelay(pause));

    Result result =
        beca(
            "What are records?\n",
            Map.of(),
            "chat",
            "--data-dir",
            dataDir.toString(),
            "--ollama-url",
            ollama.baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).isEqualTo("Records are immutable." + System.lineSeparator());
    assertThat(result.stderr()).isEmpty();
    // Streamed, not printed at the end: the first words reached the terminal while the server
    // was still pausing between chunks.
    assertThat(result.exitNanos() - result.firstOutputNanos()).isGreaterThan(pause.toNanos());
    assertThat(ollama.lastChatRequest().stream()).isTrue();
    assertThat(ollama.lastChatRequest().lastUserText()).isEqualTo("What are records?");
    assertThat(
            rows(
                "SELECT role || ':' || content || ':' || coalesce(parent_id, '-') FROM messages ORDER BY id"))
        .containsExactly("USER:What are records?:-", "ASSISTANT:Records are immutable.:1");
  }

  @Test
  void settingsComeFromTheEnvironment() throws Exception {
    ollama.addModel("qwen3");
    ollama.enqueue(OllamaReply.text("Hi."));

    Result result =
        beca(
            "Hello\n",
            Map.of(
                "BECA_DATA_DIR",
                dataDir.toString(),
                "BECA_OLLAMA_URL",
                ollama.baseUrl(),
                "BECA_MODEL",
                "qwen3"),
            "chat");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(ollama.lastChatRequest().model()).startsWith("qwen3");
    assertThat(rows("SELECT content FROM messages ORDER BY id")).containsExactly("Hello", "Hi.");
  }

  @Test
  void serverDownGivesAOneLineDiagnosisPerLineKeepsEveryMessageAndExitsNonZero() throws Exception {
    String deadUrl = OllamaLoopbackServer.unusedLoopbackUrl();

    Result result =
        beca(
            "Is anyone there?\nA second question\n",
            Map.of(),
            "chat",
            "--data-dir",
            dataDir.toString(),
            "--ollama-url",
            deadUrl);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    List<String> errors = result.stderr().lines().toList();
    assertThat(errors)
        .hasSize(2)
        .allSatisfy(
            line ->
                assertThat(line)
                    .startsWith("beca: ")
                    .contains("Your message was saved")
                    .doesNotContain("Exception"));
    assertThat(errors.get(0))
        .startsWith("beca: No model server answers at " + deadUrl + ".")
        .contains("ollama serve", "ollama pull llama3.2", "--ollama-url or BECA_OLLAMA_URL");
    // The second line gets its own diagnosis (after the first line's retries, the server's circuit
    // breaker may be open: the line then says so instead).
    // A failed line does not end piped input: the second line is stored (and tried) too.
    assertThat(rows("SELECT role || ':' || content FROM messages"))
        .containsExactly("USER:Is anyone there?", "USER:A second question");
    assertThat(dataDir.resolve("logs").resolve("beca.log"))
        .content()
        .contains("No model server answers")
        .contains("java.net.ConnectException");
  }

  @Test
  void versionAndHelpWork() throws Exception {
    Result version = beca("", Map.of(), "--version");
    Result help = beca("", Map.of(), "--help");

    assertThat(version.exitCode()).isZero();
    assertThat(version.stdout()).startsWith("beca 0.1.0-SNAPSHOT");
    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout()).contains("Usage: beca", "chat");
  }

  @Test
  void plantedKeyIsStoredRedactedWithAnAlertAndNeverLoggedInClear() throws Exception {
    DummySecrets secrets = new DummySecrets(2026);
    String key = secrets.awsAccessKeyId();
    String token = secrets.githubPat();
    // The model echoes the key back and adds a token of its own: both replies must be redacted too.
    ollama.enqueue(OllamaReply.text("You sent ", key, "; use ", token, " instead."));

    Result result =
        beca(
            "Please store my key " + key + " in the config\n",
            Map.of("BECA_LOG_LEVEL", "DEBUG"),
            "chat",
            "--data-dir",
            dataDir.toString(),
            "--ollama-url",
            ollama.baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(rows("SELECT role || ':' || content FROM messages ORDER BY id"))
        .containsExactly(
            "USER:Please store my key AKIA**** in the config",
            "ASSISTANT:You sent AKIA****; use ghp_**** instead.");
    assertThat(
            rows(
                "SELECT source || ' ' || rule_id || ' ' || location || ' ' || fingerprint FROM security_alerts ORDER BY id"))
        .containsExactly(
            "message:USER aws-access-key-id messages/1:1:21 " + SecretFingerprints.of(key),
            "message:ASSISTANT aws-access-key-id messages/2:1:10 " + SecretFingerprints.of(key),
            "message:ASSISTANT github-pat messages/2:1:36 " + SecretFingerprints.of(token));
    // The model only ever saw the redacted question.
    assertThat(ollama.lastChatRequest().lastUserText())
        .isEqualTo("Please store my key AKIA**** in the config");
    String log = Files.readString(dataDir.resolve("logs").resolve("beca.log"));
    assertThat(log)
        .contains("User message in session", "AKIA****", "Redacted 1 secret(s) from a USER message")
        .doesNotContain(key, token);
    for (String name : new String[] {"beca.db", "beca.db-wal"}) {
      Path file = dataDir.resolve(name);
      if (Files.exists(file)) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .doesNotContain(key, token);
      }
    }

    Result alerts = beca("", Map.of(), "alerts", "--data-dir", dataDir.toString());
    assertThat(alerts.exitCode()).as(alerts.toString()).isZero();
    assertThat(alerts.stdout())
        .contains("message:USER aws-access-key-id (critical, high confidence)", "3 of 3 alert(s).")
        .doesNotContain(key);
  }

  @Test
  void scanWorksOnARealTreeInAllThreeFormats() throws Exception {
    DummySecrets secrets = new DummySecrets(7);
    String key = secrets.stripeSecretKey();
    Path tree = dataDir.resolve("project");
    Files.createDirectories(tree.resolve("src"));
    Files.writeString(tree.resolve(".gitignore"), "ignored/\n");
    Files.writeString(
        tree.resolve("src").resolve("Pay.java"), "class Pay {\n  String k = \"" + key + "\";\n}\n");
    Files.createDirectories(tree.resolve("ignored"));
    Files.writeString(tree.resolve("ignored").resolve("x.txt"), key);
    Files.write(tree.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0});

    Result text = beca("", Map.of(), "scan", tree.toString());
    Result json = beca("", Map.of(), "scan", "--format", "json", tree.toString());
    Result sarif = beca("", Map.of(), "scan", "--format", "sarif", tree.toString());
    Files.writeString(tree.resolve("src").resolve("Pay.java"), "class Pay {}\n");
    Result clean = beca("", Map.of(), "scan", tree.toString());

    assertThat(text.exitCode()).as(text.toString()).isEqualTo(1);
    assertThat(text.stdout())
        .contains(
            "src/Pay.java:2:15: stripe-secret-key (high, high confidence)",
            "logo.png: skipped, binary")
        .doesNotContain("ignored/");
    assertThat(json.exitCode()).isEqualTo(1);
    assertThat(json.stdout()).contains("\"rule\" : \"stripe-secret-key\"");
    assertThat(sarif.exitCode()).isEqualTo(1);
    assertThat(sarif.stdout())
        .contains("\"version\" : \"2.1.0\"", "\"ruleId\" : \"stripe-secret-key\"");
    for (Result r : List.of(text, json, sarif)) {
      assertThat(r.stdout()).doesNotContain(key);
      assertThat(r.stderr()).isEmpty();
    }
    assertThat(clean.exitCode()).as(clean.toString()).isZero();
  }

  private Result beca(String input, Map<String, String> env, String... args) throws Exception {
    return new BecaJar(dataDir.resolve("home")).run(input, env, args);
  }

  private List<String> rows(String sql) throws SQLException {
    return KnowledgeBaseRows.rows(dataDir, sql);
  }
}
