package dev.beca.core.monitoring;

import dev.beca.core.InvalidInputException;
import java.time.Duration;
import java.util.Locale;

/** How finely a series is read: every sample, or averages per minute or per hour. */
public enum Resolution {
  /** Every sample as recorded (kept for {@link MetricRetention#raw()}). */
  RAW(Duration.ZERO),
  /** One point per minute (kept for {@link MetricRetention#minutes()}). */
  MINUTE(Duration.ofMinutes(1)),
  /** One point per hour (kept for {@link MetricRetention#hours()}). */
  HOUR(Duration.ofHours(1));

  private final Duration step;

  Resolution(Duration step) {
    this.step = step;
  }

  /** The width of one point; zero for {@link #RAW}. */
  public Duration step() {
    return step;
  }

  /**
   * The start of the bucket a moment falls into.
   *
   * @param epochMillis the moment
   * @return the bucket's start in epoch milliseconds; the moment itself for {@link #RAW}
   */
  public long bucket(long epochMillis) {
    long width = step.toMillis();
    return width == 0 ? epochMillis : Math.floorDiv(epochMillis, width) * width;
  }

  /**
   * Parses {@code raw}, {@code minute} or {@code hour} (any case).
   *
   * @throws InvalidInputException for anything else
   */
  public static Resolution parse(String text) {
    for (Resolution r : values()) {
      if (r.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return r;
      }
    }
    throw new InvalidInputException(
        "The resolution '" + text + "' is not known.", "Use raw, minute or hour.");
  }

  /** The key used in URLs and JSON: {@code raw}, {@code minute}, {@code hour}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
