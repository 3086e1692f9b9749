package dev.beca.core.monitoring;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a {@link MetricHistory} keeps each resolution, which bounds its size.
 *
 * <p>The rule: every sample is kept as recorded for {@link #raw()}; each sample also adds to the
 * summary (sum, count, min, max) of its minute and of its hour, kept for {@link #minutes()} and
 * {@link #hours()}. Older rows are deleted when samples are recorded. So a series sampled every
 * {@code s} seconds holds at most {@code raw/s} raw rows, {@code minutes/1 min} minute rows and
 * {@code hours/1 h} hour rows, however long it runs; with {@link #STANDARD} (1 day, 7 days, 90
 * days) and a 30 s tick that is 2,880 + 10,080 + 2,160 rows per series. Averages of a minute or an
 * hour are exact (sum / count of every sample in it), not averages of averages.
 *
 * @param raw how long raw samples are kept; positive
 * @param minutes how long per-minute summaries are kept; at least {@code raw}
 * @param hours how long hourly summaries are kept; at least {@code minutes}
 */
public record MetricRetention(Duration raw, Duration minutes, Duration hours) {

  /** Raw for a day, per minute for a week, hourly for 90 days. */
  public static final MetricRetention STANDARD =
      new MetricRetention(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(90));

  /** Checks the order of the periods. */
  public MetricRetention {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(minutes, "minutes");
    Objects.requireNonNull(hours, "hours");
    if (raw.isNegative() || raw.isZero()) {
      throw new IllegalArgumentException("raw retention must be positive, was " + raw);
    }
    if (minutes.compareTo(raw) < 0 || hours.compareTo(minutes) < 0) {
      throw new IllegalArgumentException(
          "retention must not shrink with coarser resolution: raw "
              + raw
              + ", minutes "
              + minutes
              + ", hours "
              + hours);
    }
  }

  /** How long a resolution is kept. */
  public Duration of(Resolution resolution) {
    return switch (resolution) {
      case RAW -> raw;
      case MINUTE -> minutes;
      case HOUR -> hours;
    };
  }

  /**
   * The finest resolution that still covers a moment: raw within {@link #raw()} of now, per minute
   * within {@link #minutes()}, hourly beyond.
   *
   * @param ageOfStart how long ago the range starts
   * @return the resolution to read it at
   */
  public Resolution finestFor(Duration ageOfStart) {
    if (ageOfStart.compareTo(raw) <= 0) {
      return Resolution.RAW;
    }
    return ageOfStart.compareTo(minutes) <= 0 ? Resolution.MINUTE : Resolution.HOUR;
  }
}
