package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.app.internal.AppOptions;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca lessons ...}, run in-process against a real knowledge base. */
class LessonsCommandTest {

  @TempDir Path dataDir;

  private String out = "";
  private String err = "";

  private int run(String... args) {
    BecaRun run = BecaRun.of("", false, Map.of(AppOptions.DATA_DIR_ENV, dataDir.toString()), args);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  private JsonNode json() throws Exception {
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void addedLessonsAreListedSearchedShownMergedAndForgotten() throws Exception {
    assertThat(run("lessons", "list")).isZero();
    assertThat(out.toString()).contains("No lessons yet");

    assertThat(
            run(
                "lessons",
                "add",
                "--category",
                "testing",
                "Run Flyway migrations against a temporary SQLite file in integration tests."))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("Added lesson 1.");
    assertThat(
            run(
                "lessons",
                "add",
                "--category",
                "performance",
                "--json",
                "Batch JDBC inserts inside one transaction to load a million rows quickly."))
        .isZero();
    assertThat(json().get("outcome").asText()).isEqualTo("added");
    assertThat(json().get("lesson").get("id").asLong()).isEqualTo(2);

    // The same lesson again merges instead of adding a row.
    assertThat(
            run(
                "lessons",
                "add",
                "--category",
                "testing",
                "In integration tests, run the Flyway migrations against a temporary SQLite file."))
        .isZero();
    assertThat(out.toString()).contains("Merged into lesson 1");

    assertThat(run("lessons", "list", "--category", "Testing")).isZero();
    assertThat(out.toString()).contains("ID", "testing", "Run Flyway").doesNotContain("Batch JDBC");

    assertThat(run("lessons", "list", "--top", "1", "--json")).isZero();
    assertThat(json().get("lessons")).hasSize(1);

    assertThat(run("lessons", "search", "--json", "database", "migrations", "in", "tests"))
        .isZero();
    assertThat(json().get("hits").get(0).get("id").asLong()).isEqualTo(1);

    assertThat(run("lessons", "show", "1")).isZero();
    assertThat(out.toString()).contains("Lesson 1 (testing, from conversation)", "Evidence: none");

    assertThat(run("lessons", "forget", "2")).isZero();
    assertThat(out.toString()).contains("Forgot lesson 2.");
    assertThat(run("lessons", "list", "--json")).isZero();
    assertThat(json().get("lessons")).hasSize(1);
  }

  @Test
  void aMergedTextIsShownWithItsLessonAndSplitOffWhenTheMergeWasWrong() throws Exception {
    run(
        "lessons",
        "add",
        "--category",
        "testing",
        "Run Flyway migrations against a temporary SQLite file in integration tests.");
    assertThat(
            run(
                "lessons",
                "add",
                "--category",
                "tooling",
                "In integration tests, run the Flyway migrations against a temporary SQLite file."))
        .isZero();
    assertThat(out)
        .contains(
            "Merged into lesson 1", "Your text is kept as merged text 1", "beca lessons split 1");
    assertThat(
            run(
                "lessons",
                "add",
                "--json",
                "--category",
                "testing",
                "Run Flyway migrations against a temporary SQLite file in integration tests."))
        .isZero();
    assertThat(json().get("outcome").asText()).isEqualTo("merged");
    assertThat(json().get("mergedText").isNull()).isTrue();

    assertThat(run("lessons", "show", "1")).isZero();
    assertThat(out)
        .contains(
            "Merged into it (beca lessons split M",
            "  1 In integration tests, run the Flyway migrations");
    assertThat(run("lessons", "show", "1", "--json")).isZero();
    assertThat(json().at("/merged/0/text").asText()).startsWith("In integration tests");
    assertThat(json().at("/merged/0/category").asText()).isEqualTo("tooling");

    assertThat(run("lessons", "split", "1")).as(err).isZero();
    assertThat(out).contains("Added lesson 2 from merged text 1.");
    assertThat(run("lessons", "show", "2", "--json")).isZero();
    assertThat(json().get("text").asText()).startsWith("In integration tests");
    assertThat(json().get("category").asText()).isEqualTo("tooling");
    assertThat(json().get("merged")).isEmpty();
    assertThat(run("lessons", "show", "1", "--json")).isZero();
    assertThat(json().get("merged")).isEmpty();

    assertThat(run("lessons", "split", "1")).isEqualTo(1);
    assertThat(err).contains("There is no merged text 1", "beca lessons show ID");
  }

  @Test
  void contradictionSupersedesAndShowTellsTheHistory() throws Exception {
    run(
        "lessons",
        "add",
        "--category",
        "tooling",
        "Use the Gradle daemon for builds on the CI server.");
    assertThat(
            run(
                "lessons",
                "add",
                "--category",
                "tooling",
                "Never use the Gradle daemon for builds on the CI server."))
        .isZero();
    assertThat(out.toString()).contains("Added lesson 2; it contradicts lesson 1");

    assertThat(run("lessons", "show", "1", "--json")).isZero();
    assertThat(json().get("supersededBy").asLong()).isEqualTo(2);
    assertThat(json().get("history")).hasSize(2);
    assertThat(run("lessons", "show", "2")).isZero();
    assertThat(out.toString()).contains("History (oldest first):", "* 2 Never use");
  }

  @Test
  void chatPutsARelevantLessonIntoThePromptAndCountsItsUse() throws Exception {
    run("lessons", "add", "--category", "architecture", "Ledger tables need optimistic locking.");
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      int code = chat(ollama, "How should the ledger handle locking?\n", "--no-tools");
      assertThat(code).as(err.toString()).isZero();
      assertThat(ollama.lastChatRequest().messages("system"))
          .extracting(m -> m.content())
          .anySatisfy(t -> assertThat(t).contains("Ledger tables need optimistic locking."));
    }
    assertThat(run("lessons", "show", "1", "--json")).isZero();
    assertThat(json().get("reuseCount").asLong()).isEqualTo(1);
  }

  @Test
  void chatWithLearnSaysHowManyLessonsItLearnedAndStoresThem() throws Exception {
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      ollama.enqueue(OllamaReply.text("Give the ledger table a version column."));
      ollama.enqueue(
          OllamaReply.text(
              "LESSON [architecture]: Ledger tables need optimistic locking with a version"
                  + " column."));
      int code = chat(ollama, "How should the ledger handle locking?\n", "--no-tools", "--learn");
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString()).contains("learned 1 lesson");
    }
    assertThat(run("lessons", "search", "--json", "ledger locking")).isZero();
    assertThat(json().get("hits").get(0).get("text").asText())
        .isEqualTo("Ledger tables need optimistic locking with a version column.");
    assertThat(json().get("hits").get(0).get("evidence").toString())
        .contains("message:1", "message:2");
  }

  /** Runs {@code beca chat ARGS} with the given lines of input against the loopback server. */
  private int chat(OllamaLoopbackServer ollama, String input, String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "chat";
    System.arraycopy(args, 0, command, 1, args.length);
    BecaRun run =
        BecaRun.of(
            input,
            false,
            Map.of(
                AppOptions.DATA_DIR_ENV,
                dataDir.toString(),
                AppOptions.OLLAMA_URL_ENV,
                ollama.baseUrl()),
            command);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  @Test
  void aLessonUsedInATurnThatFailedLosesConfidence() throws Exception {
    run("lessons", "add", "--category", "architecture", "Ledger tables need optimistic locking.");
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      ollama.enqueue(OllamaReply.httpError(400, "model crashed"));

      assertThat(chat(ollama, "How should the ledger handle locking?\n", "--no-tools"))
          .isEqualTo(1);
    }
    assertThat(run("lessons", "show", "1", "--json")).isZero();
    assertThat(json().get("reuseCount").asLong()).isEqualTo(1);
    assertThat(json().get("confidence").asDouble()).isLessThan(0.6);
    assertThat(json().get("evidence").toString()).contains("against:turn-error:message:1");
    assertThat(
            KnowledgeBaseRows.rows(
                dataDir, "SELECT verdict FROM turn_outcomes WHERE message_id = 1"))
        .containsExactly("failed");
  }

  @Test
  void aLessonUsedInASuccessfulTurnGainsConfidenceUntilTheUserSaysItDidNotWork() throws Exception {
    run("lessons", "add", "--category", "architecture", "Ledger tables need optimistic locking.");
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      ollama.enqueue(OllamaReply.text("Give the ledger table a version column."));

      assertThat(chat(ollama, "How should the ledger handle locking?\n", "--no-tools")).isZero();
      assertThat(run("lessons", "show", "1", "--json")).isZero();
      assertThat(json().get("confidence").asDouble()).isGreaterThan(0.6);

      ollama.enqueue(OllamaReply.text("Sorry, try a lock timeout."));
      String session =
          KnowledgeBaseRows.rows(dataDir, "SELECT session_id FROM messages WHERE id = 1").get(0);
      assertThat(
              chat(
                  ollama,
                  "That didn't work, still the same deadlock on the ledger.\n",
                  "--no-tools",
                  "--session",
                  session))
          .isZero();
    }
    assertThat(run("lessons", "show", "1", "--json")).isZero();
    assertThat(json().get("confidence").asDouble()).isLessThan(0.6);
    assertThat(json().get("evidence").toString()).contains("against:complaint:message:3");
  }

  @Test
  void aChatSessionWithSuccessfulTurnsIsQueuedForLearning() throws Exception {
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      ollama.enqueue(OllamaReply.text("Give the ledger table a version column."));

      assertThat(chat(ollama, "How should the ledger handle locking?\n", "--no-tools")).isZero();
    }
    List<String> session = KnowledgeBaseRows.rows(dataDir, "SELECT id FROM sessions");
    assertThat(
            KnowledgeBaseRows.rows(
                dataDir,
                "SELECT session_id || ' ' || message_id || ' ' || state FROM lesson_extractions"))
        .containsExactly(session.get(0) + " 0 open");
  }

  @Test
  void aFailedExtractionInTheChatIsKeptWithTheRawReply() throws Exception {
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      ollama.enqueue(OllamaReply.text("Give the ledger table a version column."));
      ollama.enqueue(OllamaReply.text("Great question! Locking is subtle."));

      assertThat(chat(ollama, "How should the ledger handle locking?\n", "--no-tools", "--learn"))
          .isZero();
      assertThat(err.toString()).contains("no lessons learned from this turn", "tries again");
    }
    assertThat(
            KnowledgeBaseRows.rows(
                dataDir,
                "SELECT message_id || ' ' || state || ' ' || attempts || ' ' || raw_reply"
                    + " FROM lesson_extractions"))
        .containsExactly("1 open 1 Great question! Locking is subtle.");
  }

  @Test
  void unknownIdsAreNotFoundAndBadInputIsAUsageError() {
    assertThat(run("lessons", "show", "99")).isEqualTo(1);
    assertThat(err.toString()).contains("There is no lesson 99", "beca lessons list");
    assertThat(run("lessons", "forget", "99")).isEqualTo(1);
    assertThat(err.toString()).contains("There is no lesson 99");

    assertThat(run("lessons", "add", "--category", "not a word", "something")).isEqualTo(2);
    assertThat(err.toString()).contains("category");
    assertThat(run("lessons", "add", "no category given")).isEqualTo(2);
    assertThat(run("lessons", "list", "--top", "0")).isEqualTo(2);
  }

  @Test
  void aSecretInALessonIsRedactedBeforeItIsStoredOrShown() throws Exception {
    String token = "ghp_" + "Zq8Xw2Ld7Rt5Nb3Kc9Vm1Hs6Jf4Gp0Ay2UeA";
    assertThat(
            run(
                "lessons",
                "add",
                "--category",
                "tooling",
                "--json",
                "Log in to the GitHub CLI with " + token))
        .isZero();
    assertThat(out.toString()).doesNotContain(token);
    assertThat(run("lessons", "show", "1")).isZero();
    assertThat(out.toString()).contains("Log in to the GitHub CLI").doesNotContain(token);
    assertThat(run("alerts")).isZero();
    assertThat(out.toString()).contains("lesson");
  }
}
