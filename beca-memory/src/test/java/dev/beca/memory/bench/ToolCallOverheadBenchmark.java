package dev.beca.memory.bench;

import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.InMemoryDecisionAuditLog;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ProjectFileTools;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.RiskClassifier;
import dev.beca.core.agent.RiskLevel;
import dev.beca.core.agent.ToolResult;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.memory.SqliteKnowledgeBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * Benchmark harness (issue 14): what BECA adds to one file tool call (argument validation, risk
 * classification, the policy, the audit row committed in the real SQLite table, the secret scan of
 * the output, building the result) against the bare action done with {@code java.nio} on the same
 * file, in the same run.
 *
 * <p>Calls alternate one by one (BECA, bare, BECA, ...) so that noise hits both alike; each call is
 * timed alone and the figures are medians and 90th percentiles of the single calls. The overhead is
 * the difference of the medians. Also printed: the audit append alone (one committed row) against a
 * raw JDBC insert into the same table of another file with the same pragmas. Run it with:
 *
 * <pre>
 * ./mvnw -q -pl beca-memory -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.memory.bench.ToolCallOverheadBenchmark [-Dexec.args="CALLS"]
 * </pre>
 */
public final class ToolCallOverheadBenchmark {

  private ToolCallOverheadBenchmark() {}

  /** Runs the benchmark and prints the table rows. */
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    Path dir = Files.createTempDirectory("beca-tool-bench");
    Path project = Files.createDirectories(dir.resolve("project"));
    Path file = project.resolve("src/main/java/demo/Calculator.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, javaSource(300));
    String relative = "src/main/java/demo/Calculator.java";

    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder()
            .dataDirectory(dir.resolve("data"))
            .withoutEmbeddings()
            .open()) {
      ProjectRoot root = ProjectRoot.of(project);
      ToolRunner runner =
          ToolRunner.builder()
              .tools(ProjectFileTools.create(root))
              .classifier(new RiskClassifier(root))
              .policy(PermissionPolicy.builder().mode(ApprovalMode.AUTO_EDIT).build())
              .approvals(PendingApprovals.unattended())
              .audit(kb.decisionAudit())
              .scanner(SecretScanner.standard())
              .alerts(kb.securityAlerts())
              .build();
      // The same runner with the audit in memory: BECA's in-process share without the commit.
      ToolRunner inMemoryAudit =
          ToolRunner.builder()
              .tools(ProjectFileTools.create(root))
              .classifier(new RiskClassifier(root))
              .policy(PermissionPolicy.builder().mode(ApprovalMode.AUTO_EDIT).build())
              .approvals(PendingApprovals.unattended())
              .audit(new InMemoryDecisionAuditLog())
              .scanner(SecretScanner.standard())
              .alerts(kb.securityAlerts())
              .build();
      String readArgs = "{\"path\":\"" + relative + "\"}";
      String[] editArgs = {
        "{\"path\":\"" + relative + "\",\"old_text\":\"return 41;\",\"new_text\":\"return 42;\"}",
        "{\"path\":\"" + relative + "\",\"old_text\":\"return 42;\",\"new_text\":\"return 41;\"}"
      };
      String[] bareEdit = {"return 41;", "return 42;"};

      // Warm-up: JIT, page cache, connection pool.
      for (int i = 0; i < Math.max(200, calls / 5); i++) {
        check(runner.run("bench", "read_file", readArgs));
        check(inMemoryAudit.run("bench", "read_file", readArgs));
        bareRead(file);
        check(runner.run("bench", "edit_file", editArgs[i % 2]));
        bareEdit(file, bareEdit[(i + 1) % 2], bareEdit[i % 2]);
        bareEdit(file, bareEdit[i % 2], bareEdit[(i + 1) % 2]);
      }
      // The file now reads "return 41;" again (an even number of BECA edits, bare edits paired).

      long[] becaRead = new long[calls];
      long[] nioRead = new long[calls];
      long[] becaEdit = new long[calls];
      long[] nioEdit = new long[calls];
      long[] audit = new long[calls];
      long[] memoryRead = new long[calls];
      long[] rawAudit = new long[calls];
      // Baseline of the audit row: a raw JDBC insert into the same table of its own file, same
      // pragmas (WAL, synchronous=FULL), auto-commit.
      SqliteKnowledgeBase.builder()
          .dataDirectory(dir.resolve("raw"))
          .withoutEmbeddings()
          .open()
          .close();
      Properties pragmas = new Properties();
      pragmas.setProperty("journal_mode", "WAL");
      pragmas.setProperty("synchronous", "FULL");
      pragmas.setProperty("foreign_keys", "true");
      pragmas.setProperty("busy_timeout", "10000");
      Connection raw =
          DriverManager.getConnection(
              "jdbc:sqlite:" + dir.resolve("raw").resolve("beca.db"), pragmas);
      PreparedStatement rawInsert =
          raw.prepareStatement(
              "INSERT INTO permission_decisions "
                  + "(decided_at, session_id, tool, arguments, risk, rule, answer) "
                  + "VALUES (?, 'raw', 'read_file', ?, 'LOW', ?, 'ALLOWED_BY_POLICY')");
      for (int i = 0; i < calls; i++) {
        long t0 = System.nanoTime();
        check(runner.run("bench", "read_file", readArgs));
        long t1 = System.nanoTime();
        bareRead(file);
        long t2 = System.nanoTime();
        check(inMemoryAudit.run("bench", "read_file", readArgs));
        long t3 = System.nanoTime();
        becaRead[i] = t1 - t0;
        nioRead[i] = t2 - t1;
        memoryRead[i] = t3 - t2;

        // BECA edits 41 -> 42 (or back); the bare edit then undoes it, so both always find text.
        t0 = System.nanoTime();
        check(runner.run("bench", "edit_file", editArgs[0]));
        t1 = System.nanoTime();
        bareEdit(file, bareEdit[1], bareEdit[0]);
        t2 = System.nanoTime();
        becaEdit[i] = t1 - t0;
        nioEdit[i] = t2 - t1;

        t0 = System.nanoTime();
        kb.decisionAudit()
            .record(
                new PermissionDecision(
                    "bench-audit",
                    "read_file",
                    readArgs,
                    RiskLevel.LOW,
                    "mode auto-edit: low risk is allowed [reads inside the project]",
                    DecisionAnswer.ALLOWED_BY_POLICY,
                    Instant.now()));
        audit[i] = System.nanoTime() - t0;

        t0 = System.nanoTime();
        rawInsert.setLong(1, System.currentTimeMillis());
        rawInsert.setString(2, readArgs);
        rawInsert.setString(3, "mode auto-edit: low risk is allowed [reads inside the project]");
        rawInsert.executeUpdate();
        rawAudit[i] = System.nanoTime() - t0;
      }
      rawInsert.close();
      raw.close();
      System.out.printf(
          Locale.ROOT,
          "file: %d lines, %d bytes; %d calls each, alternating; database %s%n",
          300,
          Files.size(file),
          calls,
          kb.databaseFile());
      System.out.println(
          "| Tool call | BECA median (p90) | bare java.nio median (p90) | overhead (median) |");
      System.out.println("|---|---|---|---|");
      row("read_file", becaRead, nioRead);
      row("edit_file", becaEdit, nioEdit);
      row("read_file, audit in memory (no commit)", memoryRead, nioRead);
      System.out.printf(
          Locale.ROOT,
          "| audit row alone (SQLite commit) | %.3f ms (%.3f) | raw JDBC insert, same table and"
              + " pragmas: %.3f ms (%.3f) | %.3f ms |%n",
          percentile(audit, 50),
          percentile(audit, 90),
          percentile(rawAudit, 50),
          percentile(rawAudit, 90),
          percentile(audit, 50) - percentile(rawAudit, 50));
    }
  }

  private static void check(ToolResult result) {
    if (!result.success()) {
      throw new IllegalStateException("the tool call failed: " + result.text());
    }
  }

  private static String bareRead(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** The bare edit: read, check the text occurs once, replace, write. */
  private static void bareEdit(Path file, String oldText, String newText) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int at = text.indexOf(oldText);
    if (at < 0 || text.indexOf(oldText, at + 1) >= 0) {
      throw new IllegalStateException("not exactly once: " + oldText);
    }
    Files.writeString(
        file, text.substring(0, at) + newText + text.substring(at + oldText.length()));
  }

  private static void row(String tool, long[] beca, long[] bare) {
    double becaMedian = percentile(beca, 50);
    double bareMedian = percentile(bare, 50);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.3f ms (%.3f) | %.3f ms (%.3f) | %.3f ms |%n",
        tool,
        becaMedian,
        percentile(beca, 90),
        bareMedian,
        percentile(bare, 90),
        becaMedian - bareMedian);
  }

  private static double percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1_000_000.0;
  }

  private static String javaSource(int lines) {
    StringBuilder text = new StringBuilder("package demo;\n\nclass Calculator {\n");
    text.append("  int answer() { return 41; }\n");
    for (int i = 0; text.chars().filter(c -> c == '\n').count() < lines - 1; i++) {
      text.append("  int add")
          .append(i)
          .append("(int a, int b) { return a + b + ")
          .append(i)
          .append("; } // keeps the calculator honest\n");
    }
    return text.append("}\n").toString();
  }
}
