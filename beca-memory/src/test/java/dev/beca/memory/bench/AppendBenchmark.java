package dev.beca.memory.bench;

import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.Session;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Benchmark harness: committed appends through {@code SqliteMessageStore} against a raw JDBC
 * prepared-statement insert into the same schema with the same pragmas, in the same run.
 *
 * <p>Rounds alternate between the two so that disk and CPU noise hit both alike; the figure is the
 * median round. Run it with:
 *
 * <pre>
 * ./mvnw -q -pl beca-memory -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.memory.bench.AppendBenchmark [-Dexec.args="ROUNDS PER_ROUND"]
 * </pre>
 */
public final class AppendBenchmark {

  private AppendBenchmark() {}

  /** Runs the benchmark and prints one table row. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    Path dir = Files.createTempDirectory("beca-append-bench");
    String content = "How do I make this record immutable? ".repeat(8);

    // Embeddings off: this measures the append path itself (ConversationBenchmark measures it with
    // the indexer).
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder()
            .dataDirectory(dir.resolve("beca"))
            .withoutEmbeddings()
            .open()) {
      // The baseline gets its own file with the same schema (migrated by the same code) and
      // pragmas.
      SqliteKnowledgeBase.builder().dataDirectory(dir.resolve("raw")).open().close();
      Session session = kb.sessions().create("bench");
      try (Connection raw = rawConnection(dir.resolve("raw").resolve("beca.db"))) {
        String rawSession = "raw-session";
        try (PreparedStatement insert =
            raw.prepareStatement(
                "INSERT INTO sessions (id, title, created_at, last_active_at) VALUES (?, '', 0, 0)")) {
          insert.setString(1, rawSession);
          insert.executeUpdate();
        }
        PreparedStatement insert =
            raw.prepareStatement(
                "INSERT INTO messages (session_id, thread_id, parent_id, role, content, created_at)"
                    + " VALUES (?, NULL, NULL, 'USER', ?, ?)");

        // Warm-up: JIT, page cache, pool.
        becaRound(kb, session, content, perRound);
        rawRound(insert, rawSession, content, perRound);

        List<Double> beca = new ArrayList<>();
        List<Double> jdbc = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          beca.add(becaRound(kb, session, content, perRound));
          jdbc.add(rawRound(insert, rawSession, content, perRound));
        }
        insert.close();
        double becaMedian = median(beca);
        double rawMedian = median(jdbc);
        System.out.printf(
            Locale.ROOT,
            "| Message append with commit (%d rounds x %d) | %.0f appends/s | raw JDBC insert: %.0f inserts/s | %.2fx |%n",
            rounds,
            perRound,
            becaMedian,
            rawMedian,
            becaMedian / rawMedian);
      }
    }
  }

  private static double becaRound(
      SqliteKnowledgeBase kb, Session session, String content, int count) {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      kb.messages().append(NewMessage.user(session.id(), content));
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static double rawRound(
      PreparedStatement insert, String session, String content, int count) throws SQLException {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      insert.setString(1, session);
      insert.setString(2, content);
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static Connection rawConnection(Path file) throws SQLException {
    Properties pragmas = new Properties();
    pragmas.setProperty("journal_mode", "WAL");
    pragmas.setProperty("synchronous", "FULL");
    pragmas.setProperty("foreign_keys", "true");
    pragmas.setProperty("busy_timeout", "10000");
    return DriverManager.getConnection("jdbc:sqlite:" + file, pragmas);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
