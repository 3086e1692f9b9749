package dev.beca.benchmark.bench;

import dev.beca.benchmark.CodeBenchmark;
import dev.beca.benchmark.internal.PmdProbe;
import dev.beca.benchmark.internal.PylintProbe;
import dev.beca.benchmark.internal.PythonInterpreters;
import dev.beca.core.quality.BenchmarkProgress;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.Finding;
import dev.beca.core.quality.FindingsReport;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ScoreWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calibration harness (not a test): runs only the lint probes (PMD, pylint) on real projects and
 * prints, per project, the findings by priority and by rule, the lines analysed and the lint part
 * of the score. The calibration data of docs/benchmarks.md come from it.
 *
 * <pre>
 * ./mvnw -q -pl beca-benchmark -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.benchmark.bench.LintCalibration -Dexec.args="/work/cache/gson/gson /work/cache/six"
 * </pre>
 */
public final class LintCalibration {

  private LintCalibration() {}

  /**
   * Prints the lint figures of each project folder.
   *
   * @param args project folders
   */
  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("beca-lint-calibration");
    CodeBenchmark benchmark =
        CodeBenchmark.builder()
            .stockProbes(false)
            .discoverProbes(false)
            .probe(PmdProbe.lint(PmdProbe.DEFAULT_RULES))
            .probe(new PylintProbe(PythonInterpreters.DEFAULT_CANDIDATES))
            .workDirectory(work)
            .build();
    for (String arg : args) {
      BenchmarkResult result = benchmark.run("", Path.of(arg), true, BenchmarkProgress.NONE);
      for (ProbeResult probe : result.probes()) {
        FindingsReport lint = probe.lint();
        if (lint == null) {
          System.out.println(
              arg + " " + probe.probe() + " " + probe.status() + ": " + probe.message());
          continue;
        }
        Map<String, Long> byRule = lint.topRules(12);
        System.out.printf(
            Locale.ROOT,
            "%s %s: %d findings in %d lines (%d files), %.1f per 1,000; lint part %.3f%n",
            arg,
            probe.probe(),
            lint.findings().size(),
            lint.linesOfCode(),
            lint.filesAnalysed(),
            lint.perThousandLines(),
            result.score().parts().getOrDefault(ProbeKind.LINT, Double.NaN));
        System.out.println("  by priority: " + lint.byPriority());
        System.out.println(
            "  top rules: "
                + byRule.entrySet().stream()
                    .map(
                        e ->
                            e.getKey()
                                + "="
                                + e.getValue()
                                + "(p"
                                + lint.findings().stream()
                                    .filter(f -> f.rule().equals(e.getKey()))
                                    .mapToInt(Finding::priority)
                                    .min()
                                    .orElse(0)
                                + ")")
                    .collect(Collectors.joining(", ")));
        double weighted =
            lint.findings().stream()
                .filter(f -> !f.inTests())
                .mapToDouble(f -> ScoreWeights.DEFAULT.lintWeight(f.priority()))
                .sum();
        System.out.printf(
            Locale.ROOT,
            "  weighted per 1,000 lines of shipped code: %.1f (half-score density %.0f)%n",
            lint.linesOfCode() == 0 ? 0 : weighted * 1000 / lint.linesOfCode(),
            ScoreWeights.DEFAULT.lintHalfScoreDensity(probe.probe()));
      }
    }
  }
}
