package dev.beca.core.quality;

import java.nio.file.Path;

/**
 * Runs the code benchmark on a project, as a port for front ends that see only the core (the HTTP
 * API). beca-benchmark's {@code CodeBenchmark} implements it.
 */
@FunctionalInterface
public interface BenchmarkRunner {

  /**
   * Runs the applicable probes on a project (or returns the stored result of an unchanged tree) and
   * stores the result where a store is configured.
   *
   * @param name the benchmark's name; blank for the project folder's name
   * @param project the project's folder
   * @param force measure even when a result for the same tree and tools is stored
   * @param progress receives progress probe by probe, on the calling thread
   * @return the result, with its id when stored
   * @throws dev.beca.core.InvalidInputException when the folder does not exist or no probe applies
   */
  BenchmarkResult run(String name, Path project, boolean force, BenchmarkProgress progress);
}
