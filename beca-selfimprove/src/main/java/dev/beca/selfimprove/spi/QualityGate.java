package dev.beca.selfimprove.spi;

import dev.beca.core.improve.MeasureDelta;
import java.nio.file.Path;
import java.util.List;

/**
 * A comparison of two trees by a code benchmark (the app wires {@code CodeBenchmark.compare}): each
 * measure before and after, already judged better, worse or the same within its noise. Wrapped in
 * an evaluation step by {@link dev.beca.selfimprove.QualityGateStep}.
 */
public interface QualityGate {

  /**
   * Compares a proposal's tree with the base revision's.
   *
   * @param base the base revision's tree
   * @param candidate the proposal's tree
   * @param context the time limit, the stop flag and sandboxed commands
   * @return each measure with its change; a worse one rejects the proposal
   */
  List<MeasureDelta> compare(Path base, Path candidate, EvaluationContext context);
}
