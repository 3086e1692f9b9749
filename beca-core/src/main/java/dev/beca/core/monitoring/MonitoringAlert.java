package dev.beca.core.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a threshold alert: a series crossed its threshold, or came back within it.
 *
 * @param id the store's id; increasing with each event
 * @param rule the threshold's rule, e.g. {@code http.p95}
 * @param series the series that crossed it, e.g. {@code http.p95_ms:GET /threads}
 * @param state raised or cleared
 * @param value the value that crossed (or came back)
 * @param threshold the threshold
 * @param at the sample's time
 * @param message one line for a person: what is wrong (or fine again) and what to do
 */
public record MonitoringAlert(
    long id,
    String rule,
    String series,
    AlertState state,
    double value,
    double threshold,
    Instant at,
    String message) {

  /** Checks the components. */
  public MonitoringAlert {
    Objects.requireNonNull(rule, "rule");
    MetricSample.checkName(series);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(message, "message");
  }

  /** The same event with a store's id. */
  public MonitoringAlert withId(long newId) {
    return new MonitoringAlert(newId, rule, series, state, value, threshold, at, message);
  }
}
