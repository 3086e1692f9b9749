package dev.beca.core.improve;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one evaluation step of one proposal (or of the base revision).
 *
 * @param proposalId the proposal, or {@code base:<run id>} for the base revision of a run
 * @param position the step's place in the order, from 0
 * @param step the step's name ({@code apply}, {@code compile}, {@code tests})
 * @param outcome how it ended
 * @param detail what happened, in words (the failing tests, the time limit, the last output lines)
 * @param measures what it measured, each before and after; empty for the base revision
 * @param duration how long it took
 */
public record StepRecord(
    String proposalId,
    int position,
    String step,
    StepOutcome outcome,
    String detail,
    List<MeasureDelta> measures,
    Duration duration) {

  /** How an evaluation step ended. */
  public enum StepOutcome {
    PASSED,
    FAILED,
    TIMED_OUT,
    STOPPED,
    SKIPPED,
    ERROR
  }

  /** Validates the fields. */
  public StepRecord {
    Objects.requireNonNull(proposalId, "proposalId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(outcome, "outcome");
    detail = detail == null ? "" : detail;
    measures = List.copyOf(measures);
    Objects.requireNonNull(duration, "duration");
    if (position < 0) {
      throw new IllegalArgumentException("position must not be negative, was " + position);
    }
  }
}
