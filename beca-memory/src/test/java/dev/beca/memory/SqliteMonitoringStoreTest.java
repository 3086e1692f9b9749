package dev.beca.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.monitoring.MetricRetention;
import dev.beca.core.monitoring.MetricSample;
import dev.beca.core.monitoring.MonitoringStoresContract;
import dev.beca.core.monitoring.Resolution;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite monitoring store passes the contract on a real file and keeps its tables bounded. */
class SqliteMonitoringStoreTest extends MonitoringStoresContract {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase knowledgeBase;

  @Override
  protected Stores createStores(MutableClock clock, MetricRetention retention) {
    close();
    knowledgeBase =
        SqliteKnowledgeBase.builder()
            .dataDirectory(dataDir)
            .withoutEmbeddings()
            .clock(clock)
            .metricRetention(retention)
            .open();
    return new Stores(knowledgeBase.metricHistory(), knowledgeBase.monitoringAlerts());
  }

  @AfterEach
  void close() {
    if (knowledgeBase != null) {
      knowledgeBase.close();
      knowledgeBase = null;
    }
  }

  @Test
  void rowsOlderThanTheirResolutionsRetentionLeaveTheFileAndSeriesSurviveReopening()
      throws Exception {
    MetricRetention retention =
        new MetricRetention(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(3));
    createStores(clock, retention);
    // Ten hours of a sample every 30 s, recorded ten minutes at a time.
    for (int batch = 0; batch < 60; batch++) {
      List<MetricSample> samples = new java.util.ArrayList<>();
      for (int k = 0; k < 20; k++) {
        samples.add(
            new MetricSample(
                "disk.free_bytes",
                START.plus(Duration.ofMinutes(10L * batch)).plusSeconds(30L * k),
                k));
      }
      clock.advance(Duration.ofMinutes(10));
      knowledgeBase.metricHistory().record(samples);
    }
    Path file = knowledgeBase.databaseFile();

    assertThat(count(file, "SELECT count(*) FROM metric_samples")).isEqualTo(20);
    assertThat(count(file, "SELECT count(*) FROM metric_rollups WHERE step = 60")).isEqualTo(60);
    assertThat(count(file, "SELECT count(*) FROM metric_rollups WHERE step = 3600")).isEqualTo(3);
    close();
    createStores(clock, retention);
    Instant end = clock.instant();
    assertThat(
            knowledgeBase
                .metricHistory()
                .series("disk.free_bytes", end.minus(Duration.ofHours(3)), end, Resolution.HOUR))
        .hasSize(3)
        .allSatisfy(p -> assertThat(p.average()).isEqualTo(9.5));
  }

  private static long count(Path file, String query) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
