package dev.beca.core.quality;

/**
 * Receives a benchmark run's progress, probe by probe. Called from the running thread; must be
 * quick and must not throw.
 */
public interface BenchmarkProgress {

  /** Ignores all progress. */
  BenchmarkProgress NONE = new BenchmarkProgress() {};

  /**
   * The run starts.
   *
   * @param benchmark the name
   * @param probes the probes that will run, in order
   */
  default void started(String benchmark, java.util.List<String> probes) {}

  /**
   * A stored result for the same tree and tools is returned instead of running.
   *
   * @param result the stored result
   */
  default void cached(BenchmarkResult result) {}

  /**
   * A probe starts.
   *
   * @param probe its name
   * @param index its 1-based position
   * @param count how many probes run
   */
  default void probeStarted(String probe, int index, int count) {}

  /**
   * A probe finished.
   *
   * @param result its result
   */
  default void probeFinished(ProbeResult result) {}

  /**
   * The run finished.
   *
   * @param result the result
   */
  default void finished(BenchmarkResult result) {}
}
