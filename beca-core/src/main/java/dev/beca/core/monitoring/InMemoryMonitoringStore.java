package dev.beca.core.monitoring;

import dev.beca.core.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link MetricHistory} and {@link MonitoringAlerts} in memory, for an application that keeps no
 * database, and the reference of the contract kit. Applies the same {@link MetricRetention} as a
 * stored history; the data lives as long as the process. Thread-safe.
 */
public final class InMemoryMonitoringStore implements MetricHistory, MonitoringAlerts {

  /** Summary of one bucket: sum, count, min, max. */
  private static final class Bucket {
    double sum;
    long count;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
      sum += value;
      count++;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
  }

  private final Clock clock;
  private final MetricRetention retention;
  // Per resolution, per series: bucket start (epoch ms) to summary. RAW buckets are per sample
  // time; two samples at the same millisecond share a bucket, as a read would average them anyway.
  private final Map<Resolution, Map<String, NavigableMap<Long, Bucket>>> series =
      new EnumMap<>(Resolution.class); // guarded by this
  private final Deque<MonitoringAlert> events = new ArrayDeque<>(); // guarded by this
  private long lastId;

  /** A store on the system clock with {@link MetricRetention#STANDARD}. */
  public InMemoryMonitoringStore() {
    this(Clock.systemUTC(), MetricRetention.STANDARD);
  }

  /**
   * A store.
   *
   * @param clock what pruning counts from
   * @param retention how long each resolution is kept
   */
  public InMemoryMonitoringStore(Clock clock, MetricRetention retention) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    for (Resolution r : Resolution.values()) {
      series.put(r, new TreeMap<>());
    }
  }

  @Override
  public synchronized void record(List<MetricSample> samples) {
    for (MetricSample sample : List.copyOf(samples)) {
      long at = sample.at().toEpochMilli();
      for (Resolution r : Resolution.values()) {
        series
            .get(r)
            .computeIfAbsent(sample.name(), n -> new TreeMap<>())
            .computeIfAbsent(r.bucket(at), b -> new Bucket())
            .add(sample.value());
      }
    }
    long now = clock.millis();
    for (Resolution r : Resolution.values()) {
      long oldest = now - retention.of(r).toMillis();
      series.get(r).values().forEach(buckets -> buckets.headMap(oldest, false).clear());
      series.get(r).values().removeIf(Map::isEmpty);
    }
  }

  @Override
  public synchronized List<SeriesPoint> series(
      String name, Instant from, Instant to, Resolution resolution) {
    checkRange(from, to);
    NavigableMap<Long, Bucket> buckets = series.get(resolution).get(name);
    if (buckets == null) {
      return List.of();
    }
    List<SeriesPoint> points = new ArrayList<>();
    for (Map.Entry<Long, Bucket> e :
        buckets.subMap(from.toEpochMilli(), true, to.toEpochMilli(), false).entrySet()) {
      if (points.size() == MAX_POINTS) {
        break;
      }
      Bucket b = e.getValue();
      points.add(
          new SeriesPoint(
              Instant.ofEpochMilli(e.getKey()), b.sum / b.count, b.min, b.max, b.count));
    }
    return points;
  }

  /** The check every store makes of a range. */
  static void checkRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new InvalidInputException(
          "The range from " + from + " to " + to + " is empty.", "Give a 'from' before 'to'.");
    }
  }

  @Override
  public synchronized List<String> names() {
    return new ArrayList<>(new TreeSet<>(series.get(Resolution.HOUR).keySet()));
  }

  @Override
  public MetricRetention retention() {
    return retention;
  }

  @Override
  public synchronized MonitoringAlert record(MonitoringAlert alert) {
    MonitoringAlert stored = Objects.requireNonNull(alert, "alert").withId(++lastId);
    events.addFirst(stored);
    if (events.size() > KEPT) {
      events.removeLast();
    }
    return stored;
  }

  @Override
  public synchronized List<MonitoringAlert> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    return new ArrayList<>(events).subList(0, Math.min(limit, events.size()));
  }

  @Override
  public synchronized List<MonitoringAlert> active() {
    List<MonitoringAlert> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (MonitoringAlert e : events) {
      if (seen.add(e.rule() + '\u0000' + e.series()) && e.state() == AlertState.RAISED) {
        out.add(e);
      }
    }
    return out;
  }
}
