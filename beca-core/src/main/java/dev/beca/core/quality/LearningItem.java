package dev.beca.core.quality;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A benchmark result that scored below {@link BenchmarkStore#LEARNING_THRESHOLD}, queued for BECA
 * to learn from.
 *
 * @param id the queue item's id
 * @param resultId the result it is about
 * @param benchmark the benchmark's name
 * @param score the result's score
 * @param hints the result's improvement hints
 * @param queuedAt when it was queued
 */
public record LearningItem(
    long id, long resultId, String benchmark, double score, List<String> hints, Instant queuedAt) {

  /** Checks the components and copies the hints. */
  public LearningItem {
    Objects.requireNonNull(benchmark, "benchmark");
    hints = List.copyOf(Objects.requireNonNull(hints, "hints"));
    Objects.requireNonNull(queuedAt, "queuedAt");
  }
}
