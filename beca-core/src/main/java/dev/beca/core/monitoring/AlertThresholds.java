package dev.beca.core.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The thresholds {@link ThresholdWatch} checks samples against. Defaults ({@link #standard()}): p95
 * request time above 2,000 ms on any route, more than 5 % of a route's requests failing (5xx,
 * judged once it had at least 10 requests in a tick), JVM heap above 90 % of its maximum, the
 * machine's memory above 95 % in use, and less than 1 GiB free on the data directory's disk.
 *
 * <pre>{@code
 * AlertThresholds thresholds = AlertThresholds.builder().p95LatencyMillis(500).off("memory").build();
 * }</pre>
 */
public final class AlertThresholds {

  /** Rule of {@link SeriesNames#HTTP_P95_MS}. */
  public static final String P95_LATENCY = "http.p95";

  /** Rule of {@link SeriesNames#HTTP_ERROR_RATE}. */
  public static final String ERROR_RATE = "http.error_rate";

  /** Rule of {@link SeriesNames#HEAP_USED_RATIO}. */
  public static final String HEAP = "heap";

  /** Rule of {@link SeriesNames#SYSTEM_MEMORY_USED_RATIO}. */
  public static final String MEMORY = "memory";

  /** Rule of {@link SeriesNames#DISK_FREE_BYTES}. */
  public static final String DISK = "disk";

  /** How a value is shown in an alert's message. */
  public enum Unit {
    /** Milliseconds. */
    MILLIS,
    /** A share, shown as a percentage. */
    RATIO,
    /** Bytes, shown in MiB. */
    BYTES
  }

  /**
   * One threshold.
   *
   * @param rule its name, e.g. {@code http.p95}
   * @param series the series it watches, or the family when it ends in {@code :}
   * @param above whether crossing means going above the limit (else below)
   * @param limit the limit
   * @param unit how values are shown
   * @param what what the series is, for the message ("p95 request time")
   * @param advice what to do when it is crossed
   */
  public record Threshold(
      String rule,
      String series,
      boolean above,
      double limit,
      Unit unit,
      String what,
      String advice) {

    /** Checks the components. */
    public Threshold {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(series, "series");
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(advice, "advice");
      if (!Double.isFinite(limit)) {
        throw new IllegalArgumentException("limit of " + rule + " must be finite, was " + limit);
      }
    }

    /** Whether this threshold watches a series. */
    public boolean watches(String name) {
      return series.endsWith(":") ? name.startsWith(series) : name.equals(series);
    }

    /** Whether a value crosses it. */
    public boolean crossedBy(double value) {
      return above ? value > limit : value < limit;
    }
  }

  private final Map<String, Threshold> thresholds;
  private final long minRequests;

  private AlertThresholds(Builder builder) {
    this.thresholds = Map.copyOf(builder.thresholds);
    this.minRequests = builder.minRequests;
  }

  /** The defaults described above. */
  public static AlertThresholds standard() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The thresholds in force, by rule. */
  public List<Threshold> thresholds() {
    List<Threshold> list = new ArrayList<>(thresholds.values());
    list.sort(java.util.Comparator.comparing(Threshold::rule));
    return list;
  }

  /** The fewest requests in a tick for a route's error rate to be judged. */
  public long minRequests() {
    return minRequests;
  }

  /** A builder holding these thresholds. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.thresholds.clear();
    builder.thresholds.putAll(thresholds);
    builder.minRequests = minRequests;
    return builder;
  }

  @Override
  public String toString() {
    return "AlertThresholds" + thresholds() + ", minRequests=" + minRequests;
  }

  /** Configures {@link AlertThresholds}; setters fail fast naming the field. */
  public static final class Builder {
    private final Map<String, Threshold> thresholds = new LinkedHashMap<>();
    private long minRequests = 10;

    private Builder() {
      p95LatencyMillis(2_000);
      errorRate(0.05);
      heapUsedRatio(0.9);
      memoryUsedRatio(0.95);
      diskFreeBytes(1L << 30);
    }

    /** Alerts when a route's p95 request time in a tick is above this many milliseconds. */
    public Builder p95LatencyMillis(double millis) {
      positive("p95LatencyMillis", millis);
      return put(
          new Threshold(
              P95_LATENCY,
              SeriesNames.HTTP_P95_MS,
              true,
              millis,
              Unit.MILLIS,
              "p95 request time",
              "See the route's timings in /metrics and the server's log; check the model server"
                  + " and the disk."));
    }

    /** Alerts when more than this share (0 to 1) of a route's requests in a tick fail with 5xx. */
    public Builder errorRate(double share) {
      ratio("errorRate", share);
      return put(
          new Threshold(
              ERROR_RATE,
              SeriesNames.HTTP_ERROR_RATE,
              true,
              share,
              Unit.RATIO,
              "share of failing requests",
              "See the server's log and GET /errors for what failed."));
    }

    /** The fewest requests in a tick for a route's error rate to be judged; 10 by default. */
    public Builder minRequests(long count) {
      if (count < 1) {
        throw new IllegalArgumentException("minRequests must be at least 1, was " + count);
      }
      this.minRequests = count;
      return this;
    }

    /** Alerts when the JVM heap in use is above this share (0 to 1) of its maximum. */
    public Builder heapUsedRatio(double share) {
      ratio("heapUsedRatio", share);
      return put(
          new Threshold(
              HEAP,
              SeriesNames.HEAP_USED_RATIO,
              true,
              share,
              Unit.RATIO,
              "JVM heap in use",
              "Give the JVM more heap (-Xmx) or lower the load (fewer concurrent chats)."));
    }

    /** Alerts when the machine's memory in use is above this share (0 to 1). */
    public Builder memoryUsedRatio(double share) {
      ratio("memoryUsedRatio", share);
      return put(
          new Threshold(
              MEMORY,
              SeriesNames.SYSTEM_MEMORY_USED_RATIO,
              true,
              share,
              Unit.RATIO,
              "machine memory in use",
              "Unload models the server keeps (see GET /resources) or stop other programs."));
    }

    /** Alerts when the data directory's disk has less than this many bytes free. */
    public Builder diskFreeBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("diskFreeBytes must not be negative, was " + bytes);
      }
      return put(
          new Threshold(
              DISK,
              SeriesNames.DISK_FREE_BYTES,
              false,
              bytes,
              Unit.BYTES,
              "free space of the data directory's disk",
              "Free some space, or move the data directory (--data-dir) to a larger disk."));
    }

    /**
     * Turns a rule off.
     *
     * @param rule one of {@link #P95_LATENCY}, {@link #ERROR_RATE}, {@link #HEAP}, {@link #MEMORY},
     *     {@link #DISK}
     */
    public Builder off(String rule) {
      if (thresholds.remove(rule) == null
          && !List.of(P95_LATENCY, ERROR_RATE, HEAP, MEMORY, DISK).contains(rule)) {
        throw new IllegalArgumentException(
            "rule must be one of http.p95, http.error_rate, heap, memory, disk; was '"
                + rule
                + "'");
      }
      return this;
    }

    private Builder put(Threshold threshold) {
      thresholds.put(threshold.rule(), threshold);
      return this;
    }

    private static void positive(String field, double value) {
      if (!(value > 0) || !Double.isFinite(value)) {
        throw new IllegalArgumentException(field + " must be positive, was " + value);
      }
    }

    private static void ratio(String field, double value) {
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException(
            field + " must be a share above 0 and at most 1, was " + value);
      }
    }

    /** The thresholds. */
    public AlertThresholds build() {
      return new AlertThresholds(this);
    }
  }
}
