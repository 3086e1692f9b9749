package dev.beca.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.quality.BenchmarkStoreContract;
import dev.beca.core.quality.LearningItem;
import dev.beca.core.quality.SampleResults;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
  protected BenchmarkStore createStore(MutableClock clock) {
    knowledgeBase =
        SqliteKnowledgeBase.builder()
            .dataDirectory(dataDir)
            .clock(clock)
            .withoutEmbeddings()
            .open();
    return knowledgeBase.benchmarks();
  }

  @Test
  void twoKnowledgeBasesOnOneFileNeverClaimTheSameItem() throws Exception {
    for (int i = 0; i < 40; i++) {
      knowledgeBase.benchmarks().save(SampleResults.poor("svc", T0.plusSeconds(i), ""));
    }
    Set<Long> claimed = ConcurrentHashMap.newKeySet();
    List<Long> duplicates = new CopyOnWriteArrayList<>();
    try (SqliteKnowledgeBase other =
        SqliteKnowledgeBase.builder()
            .dataDirectory(dataDir)
            .clock(clock)
            .withoutEmbeddings()
            .open()) {
      List<BenchmarkStore> stores = List.of(knowledgeBase.benchmarks(), other.benchmarks());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          BenchmarkStore store = stores.get(w % 2);
          String worker = "process-" + (w % 2) + "-thread-" + w;
          futures.add(
              pool.submit(
                  () -> {
                    for (Optional<LearningItem> item =
                            store.claimFromLearningQueue(worker, Duration.ofMinutes(5));
                        item.isPresent();
                        item = store.claimFromLearningQueue(worker, Duration.ofMinutes(5))) {
                      if (!claimed.add(item.get().id())) {
                        duplicates.add(item.get().id());
                      }
                      store.completeLearningItem(item.get().id(), worker);
                    }
                  }));
        }
        for (Future<?> f : futures) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    assertThat(duplicates).isEmpty();
    assertThat(claimed).hasSize(40);
    assertThat(knowledgeBase.benchmarks().learningQueue(100)).isEmpty();
  }

  @Test
  void aClaimSurvivesReopeningAndExpiresAfterACrash() {
    knowledgeBase.benchmarks().save(SampleResults.poor("svc", T0, ""));
    LearningItem held =
        knowledgeBase
            .benchmarks()
            .claimFromLearningQueue("crashed", Duration.ofMinutes(5))
            .orElseThrow();
    knowledgeBase.close(); // the worker's process ends without completing

    knowledgeBase =
        SqliteKnowledgeBase.builder()
            .dataDirectory(dataDir)
            .clock(clock)
            .withoutEmbeddings()
            .open();
    assertThat(knowledgeBase.benchmarks().claimFromLearningQueue("next", Duration.ofMinutes(5)))
        .isEmpty();
    clock.advance(Duration.ofMinutes(6));
    assertThat(knowledgeBase.benchmarks().claimFromLearningQueue("next", Duration.ofMinutes(5)))
        .map(LearningItem::id)
        .contains(held.id());
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
