package dev.beca.core.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * Stored time series of monitoring samples, downsampled by a {@link MetricRetention} so their size
 * stays bounded.
 *
 * <p>Implementations are thread-safe, commit each {@link #record} before returning, prune by the
 * retention rule relative to their clock, and translate storage errors into {@link
 * dev.beca.core.StorageException}. The contract kit {@code MonitoringStoresContract} (beca-core's
 * test-jar) holds what every implementation must do.
 */
public interface MetricHistory {

  /** The most points {@link #series} returns. */
  int MAX_POINTS = 10_000;

  /**
   * Stores samples, in one transaction: each as a raw row and into the summaries of its minute and
   * hour; then deletes what the retention rule no longer keeps.
   *
   * @param samples the samples; may be empty
   */
  void record(List<MetricSample> samples);

  /**
   * A series over a time range, oldest first.
   *
   * @param name the series
   * @param from the earliest time included (bucket start, for summaries)
   * @param to the first time excluded
   * @param resolution raw samples, or per-minute or hourly summaries
   * @return at most {@link #MAX_POINTS} points, the oldest ones; empty for an unknown series or a
   *     range the resolution no longer keeps
   * @throws dev.beca.core.InvalidInputException when {@code from} is not before {@code to}
   */
  List<SeriesPoint> series(String name, Instant from, Instant to, Resolution resolution);

  /** The names of every series that still has hourly summaries, sorted. */
  List<String> names();

  /** The retention rule this history applies. */
  MetricRetention retention();
}
