package dev.beca.core.quality;

import java.time.Instant;
import java.util.Objects;

/**
 * A named benchmark with its latest score.
 *
 * @param name the benchmark's name
 * @param projectPath the project it measures
 * @param runs how many results are stored
 * @param latestScore the latest result's score
 * @param latestAt when the latest run started
 * @param latestCommit the commit the latest run measured; empty outside git
 */
public record BenchmarkSummary(
    String name,
    String projectPath,
    long runs,
    double latestScore,
    Instant latestAt,
    String latestCommit) {

  /** Checks the components. */
  public BenchmarkSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(projectPath, "projectPath");
    Objects.requireNonNull(latestAt, "latestAt");
    Objects.requireNonNull(latestCommit, "latestCommit");
  }
}
