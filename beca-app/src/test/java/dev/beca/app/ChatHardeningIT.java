package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.BecaJar.Result;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.secrets.SecretFingerprints;
import dev.beca.core.testkit.DummySecrets;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes of issue 11 against {@code beca chat} and stored names, kept as a suite so they stay
 * fixed: each runs the built jar as a subprocess against the loopback Ollama server and reads the
 * knowledge base it leaves behind with plain JDBC.
 */
class ChatHardeningIT {

  private static final String ESC = "\u001b";

  @TempDir Path dataDir;
  private OllamaLoopbackServer ollama;

  @BeforeEach
  void startOllama() {
    ollama =
        OllamaLoopbackServer.builder()
            .model("llama3.2")
            .defaultReply(OllamaLoopbackServer::echoReply)
            .start();
  }

  @AfterEach
  void stopOllama() {
    ollama.close();
  }

  // ---- item 1: multi-line input and key material ------------------------------------------------

  @Test
  void privateKeyPipedLineByLineIsOneRedactedMessageAndNoBodyLineLeaves() throws Exception {
    DummySecrets secrets = new DummySecrets(11);
    String pem = secrets.privateKeyPem("RSA");
    List<String> body = pem.lines().filter(l -> !l.startsWith("-----")).toList();

    Result result = chat("Here is my key:\n" + pem + "\nThanks.\n");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> users = rows("SELECT content FROM messages WHERE role = 'USER' ORDER BY id");
    assertThat(users).hasSize(3);
    assertThat(users.get(0)).isEqualTo("Here is my key:");
    assertThat(users.get(1))
        .as("the whole block, redacted")
        .isEqualTo("----" + SecretFingerprints.MASK);
    assertThat(users.get(2)).isEqualTo("Thanks.");
    assertThat(rows("SELECT rule_id FROM security_alerts")).containsExactly("private-key");
    String everythingStoredOrSent =
        String.join("\n", rows("SELECT content FROM messages"))
            + String.join("\n", ollama.chatRequests().stream().map(r -> r.lastUserText()).toList())
            + result.stdout()
            + result.stderr();
    for (String line : body) {
      assertThat(everythingStoredOrSent).doesNotContain(line);
    }
  }

  @Test
  void pasteBlockAndBracketedPasteAreOneMessageEach() throws Exception {
    String trace = "java.lang.IllegalStateException: boom\n\tat demo.Main.run(Main.java:10)\n/exit";
    Result result =
        chat(
            "/paste\n"
                + trace
                + "\n/end\n"
                + ESC
                + "[200~first pasted line\n  second pasted line\n"
                + ESC
                + "[201~\nafter\n");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(rows("SELECT content FROM messages WHERE role = 'USER' ORDER BY id"))
        .containsExactly(trace, "first pasted line\n  second pasted line", "after");
  }

  @Test
  void unterminatedPrivateKeyIsNeitherSentNorStored() throws Exception {
    String pem = new DummySecrets(12).privateKeyPem("EC");
    String cut = pem.substring(0, pem.indexOf("-----END"));

    Result result = chat("before\n" + cut);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("private key", "not sent or stored");
    assertThat(rows("SELECT content FROM messages WHERE role = 'USER'")).containsExactly("before");
    assertThat(ollama.chatRequests()).hasSize(1);
  }

  // ---- item 4: an over-limit message
  // ---------------------------------------------------------------

  @Test
  void overLimitLineIsRefusedTruthfullyAndTheNextLineIsAnswered() throws Exception {
    Result result = chat("x".repeat(1_048_576) + "\nnext\n");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("1048576 characters", "1000000", "not sent or stored")
        .doesNotContain("was saved");
    assertThat(rows("SELECT role || ':' || content FROM messages ORDER BY id"))
        .containsExactly("USER:next", "ASSISTANT:" + OllamaLoopbackServer.ECHO_PREFIX + "next");
  }

  // ---- item 6: one failed line does not end the chat
  // -----------------------------------------------

  @Test
  void failedLinesAreReportedAndTheRestOfThePipedInputIsStillAnswered() throws Exception {
    ollama.enqueue(OllamaReply.text("partial ", "reply").withStreamErrorAfter(1, "stream broke"));

    Result result = chat("first\n/thread use 999999\n/thread use abc\n/thread new \nlast\n");

    assertThat(result.exitCode()).as("a line failed").isEqualTo(1);
    assertThat(result.stderr().lines().toList())
        .hasSize(4)
        .allSatisfy(line -> assertThat(line).startsWith("beca: ").doesNotContain("Exception"));
    assertThat(rows("SELECT role || ':' || content FROM messages ORDER BY id"))
        .containsExactly(
            "USER:first", "ASSISTANT:partial " + Assistant.INCOMPLETE_MARK,
            "USER:last", "ASSISTANT:" + OllamaLoopbackServer.ECHO_PREFIX + "last");
  }

  // ---- item 7: a reply over the size limit
  // --------------------------------------------------------

  @Test
  void overLimitReplyIsShownWholeStoredTruncatedAndTheReplyIsBlamed() throws Exception {
    String[] chunks = new String[101];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = "word ".repeat(2_000);
    }
    int replyLength = 101 * 10_000;
    ollama.enqueue(OllamaReply.text(chunks));

    Result result = chat("write a lot\n");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout().strip()).hasSize(replyLength - 1);
    assertThat(result.stderr())
        .contains("reply", String.valueOf(replyLength), "truncated")
        .doesNotContain("The message has");
    List<String> answers = rows("SELECT content FROM messages WHERE role = 'ASSISTANT'");
    assertThat(answers)
        .singleElement()
        .satisfies(
            answer ->
                assertThat(answer)
                    .hasSizeLessThanOrEqualTo(1_000_000)
                    .startsWith("word word")
                    .contains("[reply truncated"));
    assertThat(rows("SELECT success FROM messages WHERE role = 'ASSISTANT'")).containsExactly("0");
  }

  // ---- item 8: SIGTERM during a reply -----------------------------------------------------------

  @Test
  void sigtermDuringAReplyStoresThePartialReplyMarkedIncomplete() throws Exception {
    String[] chunks = new String[60];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = "w" + i + " ";
    }
    ollama.enqueue(OllamaReply.text(chunks).withChunkDelay(Duration.ofMillis(250)));
    Process process =
        new BecaJar(dataDir.resolve("home"))
            .start(
                Map.of(),
                "chat",
                "--data-dir",
                dataDir.toString(),
                "--ollama-url",
                ollama.baseUrl());
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Thread out = BecaJar.pump(process.getInputStream(), stdout, new AtomicLong());
    Thread err = BecaJar.pump(process.getErrorStream(), stderr, new AtomicLong());
    OutputStream stdin = process.getOutputStream();
    stdin.write("tell me a long story\n".getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!printed(stdout).contains("w3 ") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(printed(stdout)).as("the reply started streaming").contains("w3 ");

    process.destroy(); // SIGTERM
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("beca ends after SIGTERM").isTrue();
    out.join();
    err.join();

    String shown = printed(stdout).strip();
    List<String> answers = rows("SELECT content FROM messages WHERE role = 'ASSISTANT'");
    assertThat(answers)
        .as("stderr: %s", printed(stderr))
        .singleElement()
        .satisfies(
            answer ->
                assertThat(answer)
                    .startsWith("w0 w1 w2 w3 ")
                    .endsWith(Assistant.INCOMPLETE_MARK)
                    .startsWith(shown.substring(0, shown.indexOf("w3") + 2)));
    assertThat(rows("SELECT success FROM messages WHERE role = 'ASSISTANT'")).containsExactly("0");
    assertThat(rows("SELECT content FROM messages WHERE role = 'USER'"))
        .containsExactly("tell me a long story");
  }

  // ---- item 10: control characters in names
  // --------------------------------------------------------

  @Test
  void threadNamesWithControlCharactersAreRefusedOnInputAndEscapedOnOutput() throws Exception {
    String hostile = "x" + ESC + "]0;pwned" + "\u0007" + ESC + "[2J";

    Result viaCommand = beca("", "threads", "new", "--data-dir", dataDir.toString(), hostile);
    Result viaChat = chat("/thread new " + hostile + "\nhello\n");

    assertThat(viaCommand.exitCode()).isNotZero();
    assertThat(viaCommand.stderr()).contains("control character").doesNotContain(ESC);
    assertThat(viaChat.exitCode()).isEqualTo(1);
    assertThat(viaChat.stderr()).contains("control character").doesNotContain(ESC);
    assertThat(rows("SELECT count(*) FROM threads")).containsExactly("0");
    assertThat(rows("SELECT content FROM messages WHERE role = 'USER'")).containsExactly("hello");

    // A name stored before the rule (or by another front end) is escaped when shown.
    execute(
        "INSERT INTO threads (name, created_at, updated_at) VALUES ('"
            + hostile.replace("\n", "")
            + "' || char(10) || 'y', 0, 0)");
    Result list = beca("", "threads", "list", "--data-dir", dataDir.toString());
    Result show = beca("", "threads", "show", "--data-dir", dataDir.toString(), "1");

    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.stdout())
        .doesNotContain(ESC, "\u0007")
        .contains("x\\x1B]0;pwned\\x07\\x1B[2J\\ny");
    assertThat(list.stdout().lines()).hasSize(2);
    assertThat(show.stdout()).doesNotContain(ESC, "\u0007").contains("x\\x1B]0;pwned");
  }

  private Result chat(String input) throws Exception {
    return beca(input, "chat", "--data-dir", dataDir.toString(), "--ollama-url", ollama.baseUrl());
  }

  private Result beca(String input, String... args) throws Exception {
    return new BecaJar(dataDir.resolve("home")).run(input, Map.of(), args);
  }

  private static String printed(ByteArrayOutputStream sink) {
    synchronized (sink) {
      return sink.toString(StandardCharsets.UTF_8);
    }
  }

  private List<String> rows(String sql) throws SQLException {
    return new ArrayList<>(KnowledgeBaseRows.rows(dataDir, sql));
  }

  private void execute(String sql) throws SQLException {
    try (Connection jdbc =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("beca.db"));
        Statement statement = jdbc.createStatement()) {
      statement.execute(sql);
    }
  }
}
