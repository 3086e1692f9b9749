package dev.beca.core.monitoring;

import dev.beca.core.monitoring.AlertThresholds.Threshold;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Checks samples against {@link AlertThresholds} and records in {@link MonitoringAlerts} when a
 * series crosses its threshold (once, until it clears) and when it is back within it.
 *
 * <p>Which alerts are in force is read from the store when the watch is created, so a restart
 * neither raises an alert again nor forgets to clear it. A series that gets no sample (a route
 * without traffic) keeps its state until a sample shows otherwise. A route's error rate is judged
 * only in ticks with at least {@link AlertThresholds#minRequests()} requests, taken from the {@link
 * SeriesNames#HTTP_REQUESTS} sample of the same batch. Thread-safe.
 */
public final class ThresholdWatch {

  private final AlertThresholds thresholds;
  private final MonitoringAlerts alerts;
  private final Map<String, MonitoringAlert> active = new HashMap<>(); // guarded by this

  /**
   * Creates the watch, reading the alerts in force.
   *
   * @param thresholds what to check
   * @param alerts where events are recorded
   */
  public ThresholdWatch(AlertThresholds thresholds, MonitoringAlerts alerts) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    for (MonitoringAlert alert : alerts.active()) {
      active.putIfAbsent(key(alert.rule(), alert.series()), alert);
    }
  }

  /**
   * Checks one batch of samples (one tick) and records what crossed or cleared.
   *
   * @param samples the batch
   * @return the events recorded, in the order of the samples
   */
  public synchronized List<MonitoringAlert> evaluate(List<MetricSample> samples) {
    Map<String, Double> requests = new HashMap<>();
    for (MetricSample sample : samples) {
      if (sample.name().startsWith(SeriesNames.HTTP_REQUESTS)) {
        requests.put(sample.name().substring(SeriesNames.HTTP_REQUESTS.length()), sample.value());
      }
    }
    List<MonitoringAlert> recorded = new ArrayList<>();
    for (MetricSample sample : samples) {
      for (Threshold threshold : thresholds.thresholds()) {
        if (!threshold.watches(sample.name())) {
          continue;
        }
        if (threshold.rule().equals(AlertThresholds.ERROR_RATE)) {
          String route = sample.name().substring(SeriesNames.HTTP_ERROR_RATE.length());
          if (requests.getOrDefault(route, 0.0) < thresholds.minRequests()) {
            continue;
          }
        }
        String key = key(threshold.rule(), sample.name());
        boolean crossed = threshold.crossedBy(sample.value());
        if (crossed && !active.containsKey(key)) {
          MonitoringAlert alert = alerts.record(event(threshold, sample, AlertState.RAISED));
          active.put(key, alert);
          recorded.add(alert);
        } else if (!crossed && active.containsKey(key)) {
          recorded.add(alerts.record(event(threshold, sample, AlertState.CLEARED)));
          active.remove(key);
        }
      }
    }
    return recorded;
  }

  private static MonitoringAlert event(Threshold t, MetricSample sample, AlertState state) {
    String subject =
        t.series().endsWith(":")
            ? t.what() + " of " + sample.name().substring(t.series().length())
            : t.what();
    String message =
        state == AlertState.RAISED
            ? subject
                + " is "
                + show(t.unit(), sample.value())
                + ", "
                + (t.above() ? "above" : "below")
                + " the threshold of "
                + show(t.unit(), t.limit())
                + ". "
                + t.advice()
            : subject
                + " is "
                + show(t.unit(), sample.value())
                + " again, within the threshold of "
                + show(t.unit(), t.limit())
                + ".";
    return new MonitoringAlert(
        0, t.rule(), sample.name(), state, sample.value(), t.limit(), sample.at(), message);
  }

  /** A value with its unit, for messages. */
  static String show(AlertThresholds.Unit unit, double value) {
    return switch (unit) {
      case MILLIS -> String.format(Locale.ROOT, "%.0f ms", value);
      case RATIO -> String.format(Locale.ROOT, "%.1f %%", value * 100);
      case BYTES -> String.format(Locale.ROOT, "%.0f MiB", value / (1024 * 1024));
    };
  }

  private static String key(String rule, String series) {
    return rule + '\u0000' + series;
  }
}
