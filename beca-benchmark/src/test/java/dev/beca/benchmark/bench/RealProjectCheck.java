package dev.beca.benchmark.bench;

import dev.beca.benchmark.CodeBenchmark;
import dev.beca.benchmark.internal.PythonInterpreters;
import dev.beca.core.quality.BenchmarkProgress;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.CoverageReport;
import dev.beca.core.quality.InMemoryBenchmarkStore;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.TestReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Calibration harness (not a test): for each real project (a git working tree, e.g. under
 * /work/cache), runs the raw tools by hand in a copy ({@link RawRuns}) and BECA's full run, prints
 * both sets of figures side by side with BECA's score and its parts, the time of each, and the time
 * of a cached re-run. The calibration table and the performance figures of docs come from it.
 *
 * <pre>
 * ./mvnw -q -pl beca-benchmark -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.benchmark.bench.RealProjectCheck -Dexec.args="/work/cache/commons-cli /work/cache/six"
 * </pre>
 */
public final class RealProjectCheck {

  private RealProjectCheck() {}

  /**
   * Checks each project folder given.
   *
   * @param args project folders (git working trees)
   */
  public static void main(String[] args) throws Exception {
    Path temp = Files.createTempDirectory("beca-real");
    String python =
        PythonInterpreters.find(
                PythonInterpreters.DEFAULT_CANDIDATES,
                Set.of("pytest", "coverage", "pylint", "bandit"))
            .orElseThrow()
            .command();
    for (String arg : args) {
      try {
        check(Path.of(arg).toRealPath(), temp, python);
      } catch (Exception e) {
        System.out.println("== " + arg + " could not be checked: " + e);
      }
    }
  }

  private static void check(Path project, Path temp, String python) throws Exception {
    {
      boolean maven = Files.isRegularFile(project.resolve("pom.xml"));
      Path rawCopy = temp.resolve("raw-" + project.getFileName());
      RawRuns.run(
          temp,
          Files.createDirectories(temp.resolve("copy-out")),
          "copy-" + project.getFileName(),
          System.getenv(),
          "cp",
          "-a",
          project.toString(),
          rawCopy.toString());
      RawRuns.Figures raw =
          maven
              ? RawRuns.maven(rawCopy, temp.resolve("raw-out-" + project.getFileName()))
              : RawRuns.python(rawCopy, temp.resolve("raw-out-" + project.getFileName()), python);

      InMemoryBenchmarkStore store = new InMemoryBenchmarkStore();
      CodeBenchmark benchmark =
          CodeBenchmark.builder().store(store).workDirectory(temp.resolve("work")).build();
      long start = System.nanoTime();
      BenchmarkResult full = benchmark.run("", project, true, BenchmarkProgress.NONE);
      long fullNanos = System.nanoTime() - start;
      start = System.nanoTime();
      BenchmarkResult cached =
          CodeBenchmark.builder()
              .store(store)
              .workDirectory(temp.resolve("work"))
              .build()
              .run("", project, false, BenchmarkProgress.NONE);
      long cachedNanos = System.nanoTime() - start;

      TestReport tests =
          full.probes().stream()
              .map(ProbeResult::tests)
              .filter(Objects::nonNull)
              .findFirst()
              .orElse(null);
      CoverageReport coverage =
          full.probes().stream()
              .map(ProbeResult::coverage)
              .filter(Objects::nonNull)
              .findFirst()
              .orElse(null);
      System.out.println(
          "== "
              + project
              + " @ "
              + full.revision().commit()
              + (full.revision().dirty() ? " dirty" : ""));
      System.out.println("raw : " + String.join("; ", RawRuns.describe(raw)));
      if (tests != null && coverage != null) {
        System.out.println(
            "BECA: "
                + String.join(
                    "; ",
                    RawRuns.describe(
                        new RawRuns.Figures(
                            tests.tests(),
                            tests.failures() + tests.errors(),
                            tests.skipped(),
                            coverage.linesCovered(),
                            coverage.linesTotal(),
                            coverage.branchesCovered(),
                            coverage.branchesTotal(),
                            0))));
      } else {
        System.out.println("BECA: tests " + tests + ", coverage " + coverage);
      }
      System.out.printf(
          Locale.ROOT, "score %.3f: %s%n", full.score().value(), full.score().explanation());
      full.probes()
          .forEach(
              p ->
                  System.out.println(
                      "  "
                          + p.probe()
                          + " "
                          + p.status()
                          + " "
                          + (p.lint() != null
                              ? p.lint().findings().size()
                                  + " lint findings in "
                                  + p.lint().linesOfCode()
                                  + " lines; "
                              : "")
                          + (p.security() != null
                              ? p.security().findings().size()
                                  + " security findings ("
                                  + p.security().highSeverity()
                                  + " high); "
                              : "")
                          + p.message().lines().findFirst().orElse("")));
      full.score().hints().forEach(h -> System.out.println("  hint: " + h));
      System.out.printf(
          Locale.ROOT,
          "time: raw tools by hand %.1f s, BECA full run %.1f s (ratio %.3f), cached re-run "
              + "%.3f s (ratio %.4f to the full run)%s%n",
          raw.nanos() / 1e9,
          fullNanos / 1e9,
          (double) fullNanos / raw.nanos(),
          cachedNanos / 1e9,
          (double) cachedNanos / fullNanos,
          cached.id() == full.id() ? "" : " - NOT CACHED");
    }
  }
}
