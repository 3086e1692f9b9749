package dev.beca.selfimprove.spi;

import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.StepRecord.StepOutcome;
import java.util.List;
import java.util.Objects;

/**
 * How one evaluation step ended on one tree.
 *
 * @param outcome passed, failed, timed out, stopped, error
 * @param detail what happened, in words (the last output lines, the failing tests)
 * @param tests the tests it ran; {@link TestReport#none()} when it runs none
 * @param measures figures to compare with the base revision's
 * @param deltas comparisons the step made itself (a {@link QualityGate}); usually empty
 */
public record StepResult(
    StepOutcome outcome,
    String detail,
    TestReport tests,
    List<Measure> measures,
    List<MeasureDelta> deltas) {

  /** Validates the fields. */
  public StepResult {
    Objects.requireNonNull(outcome, "outcome");
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(tests, "tests");
    measures = List.copyOf(measures);
    deltas = List.copyOf(deltas);
  }

  /** A result with an outcome and a detail only. */
  public static StepResult of(StepOutcome outcome, String detail) {
    return new StepResult(outcome, detail, TestReport.none(), List.of(), List.of());
  }
}
