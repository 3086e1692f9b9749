package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.testkit.OllamaLoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes and messages of the start-up path (issue 11, items 9 and 11): what a user can correct
 * is a usage error (exit 2) that says what to do; a failure names what failed.
 */
class UsageAndFailureReportsTest {

  @TempDir Path dataDir;

  private String out = "";
  private String err = "";

  private int run(String input, String... args) {
    BecaRun run = BecaRun.of(input, false, Map.of(), args);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  @Test
  void anEmptyDataDirOptionIsAUsageErrorNotTheCurrentDirectory() {
    for (String command : new String[] {"chat", "alerts"}) {
      assertThat(run("hello\n", command, "--data-dir", "")).as(command).isEqualTo(2);
      assertThat(err.toString())
          .as(command)
          .startsWith("beca: --data-dir is empty.")
          .doesNotContain("Exception");
    }
    assertThat(Path.of("beca.db")).as("nothing created in the current directory").doesNotExist();
    assertThat(Path.of("logs")).doesNotExist();
  }

  @Test
  void anUnknownRoleIsAUsageError() {
    assertThat(run("", "models", "use", "bogusrole", "llama3.2", "--data-dir", dataDir.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("'bogusrole' is not a role.", "Use general or coding.");
  }

  @Test
  void aTemperatureOutOfRangeIsAUsageError() {
    assertThat(
            run(
                "",
                "models",
                "use",
                "general",
                "llama3.2",
                "--temperature=-3",
                "--data-dir",
                dataDir.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("temperature must be between 0 and 2, was -3.0.");
  }

  @Test
  void aBenchmarkOfAFileSaysItIsAFileNotThatItIsMissing() throws Exception {
    Path file = Files.writeString(dataDir.resolve("calc.py"), "x = 1\n");

    assertThat(run("", "benchmark", file.toString(), "--data-dir", dataDir.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("is a file, not a project folder")
        .doesNotContain("does not exist");
  }

  @Test
  void removingAModelTheServerDoesNotHaveDoesNotSuggestPullingIt() {
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      assertThat(
              run(
                  "",
                  "models",
                  "rm",
                  "nonexistent",
                  "--yes",
                  "--data-dir",
                  dataDir.toString(),
                  "--ollama-url",
                  ollama.baseUrl()))
          .isEqualTo(1);
      assertThat(err.toString()).contains("has no model 'nonexistent'").doesNotContain("pull");
      assertThat(ollama.model("llama3.2")).isPresent();
    }
  }

  @Test
  void aForeignSqliteFileIsNamedAsNotABecaKnowledgeBase() throws Exception {
    Path database = dataDir.resolve("beca.db");
    try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = jdbc.createStatement()) {
      statement.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
      statement.execute("INSERT INTO invoices (total) VALUES (12.5)");
    }

    assertThat(run("hello\n", "chat", "--data-dir", dataDir.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("is not a BECA knowledge base")
        .doesNotContain("See the log");
    assertThat(err.toString().strip().lines()).hasSize(1);
    try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = jdbc.createStatement();
        ResultSet tables =
            statement.executeQuery(
                "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'")) {
      assertThat(tables.getString(1))
          .as("the foreign file is left as it was")
          .isEqualTo("invoices");
    }
  }

  @Test
  void anEmptyPipedChatLeavesNoSessionBehind() throws Exception {
    assertThat(
            run(
                "",
                "chat",
                "--data-dir",
                dataDir.toString(),
                "--ollama-url",
                CommandLineTest.deadUrl()))
        .isZero();
    assertThat(
            run(
                "\n  \n/exit\n",
                "chat",
                "--data-dir",
                dataDir.toString(),
                "--ollama-url",
                CommandLineTest.deadUrl()))
        .isZero();

    try (Connection jdbc =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("beca.db"));
        Statement statement = jdbc.createStatement();
        ResultSet count = statement.executeQuery("SELECT count(*) FROM sessions")) {
      assertThat(count.getInt(1)).isZero();
    }
  }
}
