package dev.beca.benchmark;

import dev.beca.core.quality.BenchmarkResult;
import java.util.Objects;

/**
 * A benchmark run whose test probes ran N times on the same tree ({@code --repeat N}).
 *
 * @param result the result of the first run (all probes), stored as any other
 * @param timings every test's time in each of the N runs
 */
public record RepeatedRun(BenchmarkResult result, TestTimings timings) {

  /** Checks the components. */
  public RepeatedRun {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(timings, "timings");
  }
}
