package dev.beca.benchmark.bench;

import dev.beca.benchmark.CodeBenchmark;
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
 * Performance harness (not a test): on a real project, in alternating order round by round, times
 * the raw tools by hand in a fresh copy ({@code cp -a} included, as {@link RawRuns} runs them),
 * BECA's full run in its isolated copy of the working tree (forced), BECA's {@code --in-place} run
 * (forced, in a copy of the project made once before the rounds, so its build output stays from
 * round to round as a user's would), and BECA's cached re-run. Prints every time, the ratios to the
 * raw tools of the same round, the medians, and the load average before each round.
 *
 * <pre>
 * ./mvnw -q -pl beca-benchmark -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.benchmark.bench.FullRunTimings -Dexec.args="/work/cache/commons-cli 2"
 * </pre>
 */
public final class FullRunTimings {

  private FullRunTimings() {}

  /**
   * Times a project.
   *
   * @param args the project folder (a git working tree) and the number of rounds (default 2)
   */
  public static void main(String[] args) throws Exception {
    Path project = Path.of(args[0]).toRealPath();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path temp = Files.createTempDirectory("beca-timings");
    Path out = Files.createDirectories(temp.resolve("out"));
    boolean maven = Files.isRegularFile(project.resolve("pom.xml"));
    String python =
        maven
            ? null
            : PythonInterpreters.find(
                    PythonInterpreters.DEFAULT_CANDIDATES,
                    Set.of("pytest", "coverage", "pylint", "bandit"))
                .orElseThrow()
                .command();
    Path inPlaceProject = temp.resolve("in-place-" + project.getFileName());
    RawRuns.run(
        temp,
        out,
        "copy-in-place",
        System.getenv(),
        "cp",
        "-a",
        project.toString(),
        inPlaceProject.toString());
    InMemoryBenchmarkStore store = new InMemoryBenchmarkStore();
    List<double[]> rows = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      System.out.println("round " + round + ": " + RawRuns.loadAverage());
      double raw = 0;
      double copy = 0;
      double inPlace = 0;
      double cached = 0;
      List<String> order =
          round % 2 == 1 ? List.of("raw", "copy", "in-place") : List.of("in-place", "copy", "raw");
      for (String what : order) {
        long start = System.nanoTime();
        switch (what) {
          case "raw" -> {
            Path rawCopy = temp.resolve("raw-" + round);
            RawRuns.run(
                temp,
                out,
                "copy-raw-" + round,
                System.getenv(),
                "cp",
                "-a",
                project.toString(),
                rawCopy.toString());
            if (maven) {
              RawRuns.maven(rawCopy, temp.resolve("raw-out-" + round));
            } else {
              RawRuns.python(rawCopy, temp.resolve("raw-out-" + round), python);
            }
            raw = seconds(start);
          }
          case "copy" -> {
            BenchmarkResult full =
                benchmark(store, temp, false).run("timed", project, true, BenchmarkProgress.NONE);
            copy = seconds(start);
            start = System.nanoTime();
            BenchmarkResult again =
                benchmark(store, temp, false).run("timed", project, false, BenchmarkProgress.NONE);
            cached = seconds(start);
            if (again.id() != full.id()) {
              System.out.println("  the re-run was NOT served from the cache");
            }
          }
          default -> {
            benchmark(new InMemoryBenchmarkStore(), temp, true)
                .run("timed-in-place", inPlaceProject, true, BenchmarkProgress.NONE);
            inPlace = seconds(start);
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "  order %s: raw %.1f s, BECA copy %.1f s (%.3fx), BECA in place %.1f s (%.3fx; "
              + "%.3fx of the copy), cached re-run %.2f s (%.4fx of raw)%n",
          order,
          raw,
          copy,
          copy / raw,
          inPlace,
          inPlace / raw,
          inPlace / copy,
          cached,
          cached / raw);
      rows.add(new double[] {copy / raw, inPlace / raw, inPlace / copy, cached / raw});
    }
    System.out.printf(
        Locale.ROOT,
        "medians over %d rounds: copy/raw %.3fx, in-place/raw %.3fx, in-place/copy %.3fx, "
            + "cached/raw %.4fx; after: %s%n",
        rounds,
        median(rows, 0),
        median(rows, 1),
        median(rows, 2),
        median(rows, 3),
        RawRuns.loadAverage());
  }

  private static CodeBenchmark benchmark(InMemoryBenchmarkStore store, Path temp, boolean inPlace) {
    return CodeBenchmark.builder()
        .store(store)
        .workDirectory(temp.resolve("work"))
        .inPlace(inPlace)
        .build();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(List<double[]> rows, int column) {
    double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
}
