package dev.beca.core.quality;

import java.time.Instant;
import java.util.Objects;

/**
 * One result in a trend.
 *
 * @param resultId the result's id
 * @param at when the run started
 * @param score the score
 * @param commit the commit measured; empty outside git
 * @param dirty whether the working tree had changes
 */
public record TrendPoint(long resultId, Instant at, double score, String commit, boolean dirty) {

  /** Checks the components. */
  public TrendPoint {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(commit, "commit");
  }
}
