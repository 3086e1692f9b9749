package dev.beca.benchmark.bench;

import dev.beca.benchmark.CodeBenchmark;
import dev.beca.benchmark.FixtureProjects;
import dev.beca.benchmark.internal.PythonInterpreters;
import dev.beca.core.quality.BenchmarkProgress;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.InMemoryBenchmarkStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Performance harness (not a test): BECA's full benchmark run against running the same raw tool
 * commands by hand in the same JVM, alternating rounds, and a cached re-run against a full run.
 * Projects: the Maven and Python fixture projects of the tests, committed with git.
 *
 * <pre>
 * ./mvnw -q -pl beca-benchmark -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.benchmark.bench.BenchmarkHarness [-Dexec.args="MAVEN_ROUNDS PYTHON_ROUNDS"]
 * </pre>
 */
public final class BenchmarkHarness {

  private BenchmarkHarness() {}

  /**
   * Runs the harness and prints the figures.
   *
   * @param args optional numbers of rounds for the Maven and the Python project (default 3 and 9)
   */
  public static void main(String[] args) throws Exception {
    int mavenRounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int pythonRounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    Path temp = Files.createTempDirectory("beca-bench");
    Path maven = temp.resolve("maven-calc");
    Path python = temp.resolve("python-calc");
    FixtureProjects.maven(maven);
    FixtureProjects.python(python);
    String py =
        PythonInterpreters.find(
                PythonInterpreters.DEFAULT_CANDIDATES,
                Set.of("pytest", "coverage", "pylint", "bandit"))
            .orElseThrow()
            .command();

    // Warm-up: downloads, JIT, class loading, file caches.
    raw(maven, temp, py, true);
    becaRun(maven, temp, true);
    raw(python, temp, py, false);
    becaRun(python, temp, true);

    for (Path project : List.of(maven, python)) {
      boolean isMaven = project == maven;
      int rounds = isMaven ? mavenRounds : pythonRounds;
      List<Long> rawTimes = new ArrayList<>();
      List<Long> becaTimes = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        // Alternate which goes first, so that neither always finds the other's warm caches.
        if (i % 2 == 0) {
          rawTimes.add(raw(project, temp, py, isMaven));
          becaTimes.add(becaRun(project, temp, true));
        } else {
          becaTimes.add(becaRun(project, temp, true));
          rawTimes.add(raw(project, temp, py, isMaven));
        }
      }
      InMemoryBenchmarkStore store = new InMemoryBenchmarkStore();
      CodeBenchmark stored =
          CodeBenchmark.builder().store(store).workDirectory(temp.resolve("work")).build();
      stored.run("cache", project, true, BenchmarkProgress.NONE);
      List<Long> cachedTimes = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        // A fresh runner each time, as a new `beca benchmark` would be: fingerprints are
        // recomputed.
        CodeBenchmark fresh =
            CodeBenchmark.builder().store(store).workDirectory(temp.resolve("work")).build();
        long start = System.nanoTime();
        BenchmarkResult cached = fresh.run("cache", project, false, BenchmarkProgress.NONE);
        cachedTimes.add(System.nanoTime() - start);
        if (cached.id() != 1) {
          throw new IllegalStateException("expected the cached result, got a new run");
        }
      }
      long rawMedian = median(rawTimes);
      long becaMedian = median(becaTimes);
      long cachedMedian = median(cachedTimes);
      System.out.printf(
          Locale.ROOT,
          "%s project: BECA full run %.2f s, raw tools by hand %.2f s, ratio %.3fx "
              + "(median of %d alternating rounds)%n",
          isMaven ? "Maven" : "Python",
          becaMedian / 1e9,
          rawMedian / 1e9,
          (double) becaMedian / rawMedian,
          rounds);
      System.out.printf(
          Locale.ROOT,
          "%s project: cached re-run %.3f s vs full run %.2f s, ratio %.4fx (median of %d)%n",
          isMaven ? "Maven" : "Python",
          cachedMedian / 1e9,
          becaMedian / 1e9,
          (double) cachedMedian / becaMedian,
          cachedTimes.size());
    }
  }

  private static long becaRun(Path project, Path temp, boolean force) {
    CodeBenchmark benchmark = CodeBenchmark.builder().workDirectory(temp.resolve("work")).build();
    long start = System.nanoTime();
    benchmark.run("bench", project, force, BenchmarkProgress.NONE);
    return System.nanoTime() - start;
  }

  /** The same tool commands BECA runs, by hand (see {@link RawRuns}). */
  private static long raw(Path project, Path temp, String python, boolean maven) throws Exception {
    Path copy = temp.resolve("raw-copy-" + System.nanoTime());
    RawRuns.run(
        temp,
        Files.createDirectories(temp.resolve("copies")),
        "copy",
        System.getenv(),
        "cp",
        "-a",
        project.toString(),
        copy.toString());
    Path out = temp.resolve("raw-" + System.nanoTime());
    return maven ? RawRuns.maven(copy, out).nanos() : RawRuns.python(copy, out, python).nanos();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
