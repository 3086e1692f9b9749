package dev.beca.core.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One complete benchmark run of a project.
 *
 * @param id the store's id; 0 until stored
 * @param benchmark the benchmark's name
 * @param projectPath the absolute path of the project
 * @param revision commit, dirty flag and tree hash
 * @param cacheKey the key a later run with the same tree, probes and tools finds this result by;
 *     empty when the result must not be reused (dirty tree, not in git)
 * @param startedAt when the run started
 * @param duration how long the run took
 * @param timedOut whether the run's time limit passed (some probes were killed)
 * @param toolVersions each probe's tool version
 * @param probes every probe's result
 * @param score the score, its parts and hints
 */
public record BenchmarkResult(
    long id,
    String benchmark,
    String projectPath,
    RevisionInfo revision,
    String cacheKey,
    Instant startedAt,
    Duration duration,
    boolean timedOut,
    Map<String, String> toolVersions,
    List<ProbeResult> probes,
    QualityScore score) {

  /** Checks the components and copies the collections. */
  public BenchmarkResult {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(projectPath, "projectPath");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(cacheKey, "cacheKey");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    toolVersions = Map.copyOf(Objects.requireNonNull(toolVersions, "toolVersions"));
    probes = List.copyOf(Objects.requireNonNull(probes, "probes"));
    Objects.requireNonNull(score, "score");
  }

  /** This result with the store's id. */
  public BenchmarkResult withId(long newId) {
    return new BenchmarkResult(
        newId,
        benchmark,
        projectPath,
        revision,
        cacheKey,
        startedAt,
        duration,
        timedOut,
        toolVersions,
        probes,
        score);
  }
}
