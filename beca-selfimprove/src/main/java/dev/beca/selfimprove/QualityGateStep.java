package dev.beca.selfimprove;

import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.StepRecord.StepOutcome;
import dev.beca.selfimprove.spi.EvaluationContext;
import dev.beca.selfimprove.spi.EvaluationStep;
import dev.beca.selfimprove.spi.QualityGate;
import dev.beca.selfimprove.spi.StepResult;
import dev.beca.selfimprove.spi.TestReport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An evaluation step that hands the base tree and the proposal's tree to a {@link QualityGate} (the
 * code benchmark's comparison); its deltas join the verdict as they are. It does not run on the
 * base revision alone.
 */
public final class QualityGateStep implements EvaluationStep {

  private final String name;
  private final QualityGate gate;
  private final Duration timeLimit;

  /**
   * A step.
   *
   * @param name the step's name ({@code benchmark})
   * @param gate the comparison
   * @param timeLimit the most it may take, whole seconds
   */
  public QualityGateStep(String name, QualityGate gate, Duration timeLimit) {
    this.name = Objects.requireNonNull(name, "name");
    this.gate = Objects.requireNonNull(gate, "gate");
    this.timeLimit = Objects.requireNonNull(timeLimit, "timeLimit");
    if (timeLimit.toSeconds() < 1) {
      throw new IllegalArgumentException("timeLimit must be at least 1 s, was " + timeLimit);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Duration timeLimit() {
    return timeLimit;
  }

  @Override
  public boolean measuresBase() {
    return false;
  }

  @Override
  public StepResult run(EvaluationContext context) {
    if (context.baseTree().isEmpty()) {
      return StepResult.of(StepOutcome.SKIPPED, "compares two trees; nothing to do on the base");
    }
    List<MeasureDelta> deltas = gate.compare(context.baseTree().get(), context.tree(), context);
    if (context.isStopped()) {
      return StepResult.of(StepOutcome.STOPPED, "stopped by an emergency stop");
    }
    boolean worse = deltas.stream().anyMatch(d -> d.change() == MeasureDelta.Change.WORSE);
    return new StepResult(
        worse ? StepOutcome.FAILED : StepOutcome.PASSED,
        deltas.size() + " measures compared" + (worse ? ", some worse" : ""),
        TestReport.none(),
        List.of(),
        deltas);
  }
}
