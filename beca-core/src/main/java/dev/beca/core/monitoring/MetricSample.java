package dev.beca.core.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * One measured value of a series at a moment.
 *
 * @param name the series, e.g. {@code jvm.heap.used_bytes} or {@code http.p95_ms:GET /threads} (see
 *     {@link #checkName})
 * @param at when it was measured
 * @param value the value; finite
 */
public record MetricSample(String name, Instant at, double value) {

  /** The longest series name. */
  public static final int MAX_NAME_LENGTH = 200;

  /** Checks the components. */
  public MetricSample {
    checkName(name);
    Objects.requireNonNull(at, "at");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "value of " + name + " must be a finite number, was " + value);
    }
  }

  /**
   * Checks a series name: 1 to {@value #MAX_NAME_LENGTH} characters, no control characters, not
   * blank.
   *
   * @param name the name
   * @return the name
   * @throws IllegalArgumentException when it is malformed
   */
  public static String checkName(String name) {
    if (name == null
        || name.isBlank()
        || name.length() > MAX_NAME_LENGTH
        || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          "a series name must be 1 to "
              + MAX_NAME_LENGTH
              + " printable characters, was '"
              + name
              + "'");
    }
    return name;
  }
}
