package dev.beca.selfimprove.spi;

import java.time.Duration;

/**
 * One check of the evaluation (compile, tests, full tests with coverage, lint, a benchmark). The
 * engine runs the steps in the order given, cheapest first, on the base revision and on each
 * proposal's worktree, stops at the first step whose result is already worse than the base, and
 * compares the two results for the verdict.
 */
public interface EvaluationStep {

  /** A short name ({@code compile}, {@code tests}), used in measure names and the archive. */
  String name();

  /** The most this step may take; its processes are killed when it passes. */
  Duration timeLimit();

  /**
   * Whether the step also runs on the base revision, whose result the proposal's is compared with
   * (true). A step that compares two trees itself ({@code QualityGateStep}) returns false and
   * reports {@link StepResult#deltas()} directly.
   */
  default boolean measuresBase() {
    return true;
  }

  /**
   * Runs the step on one tree.
   *
   * @param context the tree, the base tree, the time limit, commands in the sandbox
   * @return how it ended and what it measured
   */
  StepResult run(EvaluationContext context);
}
