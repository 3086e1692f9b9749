package dev.beca.memory.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.monitoring.AlertState;
import dev.beca.core.monitoring.MetricHistory;
import dev.beca.core.monitoring.MetricRetention;
import dev.beca.core.monitoring.MetricSample;
import dev.beca.core.monitoring.MonitoringAlert;
import dev.beca.core.monitoring.MonitoringAlerts;
import dev.beca.core.monitoring.Resolution;
import dev.beca.core.monitoring.SeriesPoint;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.ibatis.session.SqlSession;

/**
 * {@link MetricHistory} and {@link MonitoringAlerts} in the tables of migration V14: raw samples,
 * per-minute and hourly summaries maintained as samples arrive (an upsert per sample and
 * resolution), pruned by the {@link MetricRetention} in the same transaction as each {@link
 * #record(List)}.
 */
public final class SqliteMonitoringStore implements MetricHistory, MonitoringAlerts {

  private static final String INSERT_SAMPLE =
      "INSERT INTO metric_samples (name, at, value) VALUES (?, ?, ?)";

  /** The minute's or hour's summary, created by the first sample in it. */
  private static final String ADD_TO_ROLLUP =
      "INSERT INTO metric_rollups (name, step, bucket, total, count, min, max)"
          + " VALUES (?1, ?2, ?3, ?4, 1, ?4, ?4) ON CONFLICT (name, step, bucket) DO UPDATE SET"
          + " total = total + excluded.total, count = count + 1,"
          + " min = min(min, excluded.min), max = max(max, excluded.max)";

  private final SqliteDatabase database;
  private final Clock clock;
  private final MetricRetention retention;

  /**
   * Creates the store.
   *
   * @param database the opened database
   * @param clock what pruning counts from
   * @param retention how long each resolution is kept
   */
  public SqliteMonitoringStore(SqliteDatabase database, Clock clock, MetricRetention retention) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  @Override
  public void record(List<MetricSample> samples) {
    List<MetricSample> batch = List.copyOf(samples);
    long now = clock.millis();
    try {
      database.write(
          session -> {
            // Three statements per sample, each prepared once per tick and run as a JDBC batch:
            // through the mapper (a fresh prepare per statement) a tick of 99 samples took 75 ms
            // on a loaded machine (MonitoringTickBenchmark, docs/performance.md).
            try (PreparedStatement raw = session.getConnection().prepareStatement(INSERT_SAMPLE);
                PreparedStatement rollup =
                    session.getConnection().prepareStatement(ADD_TO_ROLLUP)) {
              for (MetricSample sample : batch) {
                long at = sample.at().toEpochMilli();
                raw.setString(1, sample.name());
                raw.setLong(2, at);
                raw.setDouble(3, sample.value());
                raw.addBatch();
                for (Resolution r : List.of(Resolution.MINUTE, Resolution.HOUR)) {
                  rollup.setString(1, sample.name());
                  rollup.setInt(2, step(r));
                  rollup.setLong(3, r.bucket(at));
                  rollup.setDouble(4, sample.value());
                  rollup.addBatch();
                }
              }
              raw.executeBatch();
              rollup.executeBatch();
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
            MonitoringMapper mapper = session.getMapper(MonitoringMapper.class);
            mapper.pruneSamples(now - retention.raw().toMillis());
            mapper.pruneRollups(step(Resolution.MINUTE), now - retention.minutes().toMillis());
            mapper.pruneRollups(step(Resolution.HOUR), now - retention.hours().toMillis());
            return null;
          });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "record " + batch.size() + " monitoring samples", database.file(), e);
    }
  }

  private static int step(Resolution resolution) {
    return (int) resolution.step().toSeconds();
  }

  @Override
  public List<SeriesPoint> series(String name, Instant from, Instant to, Resolution resolution) {
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new InvalidInputException(
          "The range from " + from + " to " + to + " is empty.", "Give a 'from' before 'to'.");
    }
    try (SqlSession session = database.autoCommitSession()) {
      MonitoringMapper mapper = session.getMapper(MonitoringMapper.class);
      List<MonitoringMapper.PointRow> rows =
          resolution == Resolution.RAW
              ? mapper.samples(name, from.toEpochMilli(), to.toEpochMilli(), MAX_POINTS)
              : mapper.rollups(
                  name, step(resolution), from.toEpochMilli(), to.toEpochMilli(), MAX_POINTS);
      return rows.stream()
          .map(
              r ->
                  new SeriesPoint(
                      Instant.ofEpochMilli(r.at()), r.average(), r.min(), r.max(), r.count()))
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read the series '" + name + "'", database.file(), e);
    }
  }

  @Override
  public List<String> names() {
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(MonitoringMapper.class).names();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("list the monitoring series", database.file(), e);
    }
  }

  @Override
  public MetricRetention retention() {
    return retention;
  }

  @Override
  public MonitoringAlert record(MonitoringAlert alert) {
    Objects.requireNonNull(alert, "alert");
    MonitoringMapper.AlertInsert row =
        new MonitoringMapper.AlertInsert(
            alert.rule(),
            alert.series(),
            alert.state().name(),
            alert.value(),
            alert.threshold(),
            alert.at().toEpochMilli(),
            alert.message());
    try {
      database.write(
          session -> {
            MonitoringMapper mapper = session.getMapper(MonitoringMapper.class);
            mapper.insertAlert(row);
            mapper.pruneAlerts(KEPT);
            return null;
          });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("record a monitoring alert", database.file(), e);
    }
    return alert.withId(row.id);
  }

  @Override
  public List<MonitoringAlert> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(MonitoringMapper.class).recentAlerts(limit).stream()
          .map(SqliteMonitoringStore::alert)
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("list the monitoring alerts", database.file(), e);
    }
  }

  @Override
  public List<MonitoringAlert> active() {
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(MonitoringMapper.class).activeAlerts().stream()
          .map(SqliteMonitoringStore::alert)
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("list the monitoring alerts in force", database.file(), e);
    }
  }

  private static MonitoringAlert alert(MonitoringMapper.AlertRow row) {
    return new MonitoringAlert(
        row.id(),
        row.rule(),
        row.series(),
        AlertState.valueOf(row.state()),
        row.value(),
        row.threshold(),
        Instant.ofEpochMilli(row.at()),
        row.message());
  }
}
