package dev.beca.core.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * One point of a series as read: a sample, or the summary of the samples of one minute or hour.
 *
 * @param at the sample's time, or the start of the bucket
 * @param average the mean of the samples in it
 * @param min the smallest sample
 * @param max the largest sample
 * @param count how many samples it summarises (1 for a raw sample)
 */
public record SeriesPoint(Instant at, double average, double min, double max, long count) {

  /** Checks the components. */
  public SeriesPoint {
    Objects.requireNonNull(at, "at");
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, was " + count);
    }
  }
}
