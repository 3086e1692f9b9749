package dev.beca.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.quality.BenchmarkStoreContract;
import dev.beca.core.quality.SampleResults;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite benchmark store passes the contract on a real database file, and keeps results across
 * reopening.
 */
class SqliteBenchmarkStoreTest extends BenchmarkStoreContract {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase knowledgeBase;

  @Override
  protected BenchmarkStore createStore() {
    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).open();
    return knowledgeBase.benchmarks();
  }

  @AfterEach
  void close() {
    knowledgeBase.close();
  }

  @Test
  void resultsSurviveReopeningAndLandInTheirTables() throws Exception {
    BenchmarkResult saved = knowledgeBase.benchmarks().save(SampleResults.poor("svc", T0, "key"));
    knowledgeBase.close();

    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).open();
    assertThat(knowledgeBase.benchmarks().latest("svc")).contains(saved);
    try (Connection jdbc =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("beca.db"));
        Statement statement = jdbc.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT b.name, r.score, r.cache_key, r.commit_id, q.result_id "
                    + "FROM benchmark_results r JOIN benchmarks b ON b.id = r.benchmark_id "
                    + "JOIN learning_queue q ON q.result_id = r.id")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("svc");
      assertThat(rows.getDouble(2)).isEqualTo(saved.score().value());
      assertThat(rows.getString(3)).isEqualTo("key");
      assertThat(rows.getString(4)).isEqualTo(saved.revision().commit());
      assertThat(rows.getLong(5)).isEqualTo(saved.id());
    }
  }
}
