package dev.beca.benchmark;

import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.CoverageReport;
import dev.beca.core.quality.Finding;
import dev.beca.core.quality.FindingsReport;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.TestCase;
import dev.beca.core.quality.TestReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plain-text renderings of benchmark results, shared by the command line and the assistant's tools.
 */
public final class BenchmarkReports {

  private BenchmarkReports() {}

  /** A multi-line summary: score, parts, each probe, hints, revision. */
  public static String summary(BenchmarkResult result) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Benchmark %s: score %.3f%s%n",
            result.benchmark(),
            result.score().value(),
            result.score().securityGate() ? " (security gate)" : ""));
    text.append("  ").append(result.score().explanation()).append(System.lineSeparator());
    for (Map.Entry<ProbeKind, Double> part : result.score().parts().entrySet()) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %-9s %.3f (weight %.2f)%n",
              part.getKey().name().toLowerCase(Locale.ROOT),
              part.getValue(),
              result.score().weights().get(part.getKey())));
    }
    result
        .score()
        .unavailable()
        .forEach(
            (kind, why) ->
                text.append("  ")
                    .append(kind.name().toLowerCase(Locale.ROOT))
                    .append(" unavailable: ")
                    .append(why)
                    .append(System.lineSeparator()));
    text.append("Probes:").append(System.lineSeparator());
    for (ProbeResult probe : result.probes()) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %-13s %-11s %6.1f s  %s%n",
              probe.probe(),
              probe.status().name().toLowerCase(Locale.ROOT),
              probe.duration().toMillis() / 1000.0,
              detail(probe)));
    }
    if (!result.score().hints().isEmpty()) {
      text.append("Hints:").append(System.lineSeparator());
      result
          .score()
          .hints()
          .forEach(h -> text.append("  - ").append(h).append(System.lineSeparator()));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "Revision: %s, measured %s in %.1f s%s%n",
            result.revision().inGit()
                ? result.revision().commit().substring(0, 12)
                    + (result.revision().dirty() ? " (dirty)" : "")
                : "not in git",
            result.startedAt(),
            result.duration().toMillis() / 1000.0,
            result.id() > 0 ? ", result " + result.id() : ""));
    return text.toString();
  }

  /** What one probe found, in one line. */
  public static String detail(ProbeResult probe) {
    if (!probe.ok()) {
      return probe.message();
    }
    StringBuilder text = new StringBuilder();
    TestReport tests = probe.tests();
    if (tests != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "tests %d, passed %d, failures %d, errors %d, skipped %d",
              tests.tests(),
              tests.passed(),
              tests.failures(),
              tests.errors(),
              tests.skipped()));
    }
    CoverageReport coverage = probe.coverage();
    if (coverage != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "; lines %.1f %% (%d/%d), branches %.1f %% (%d/%d)",
              coverage.lineRatio() * 100,
              coverage.linesCovered(),
              coverage.linesTotal(),
              coverage.branchRatio() * 100,
              coverage.branchesCovered(),
              coverage.branchesTotal()));
    }
    FindingsReport findings = probe.lint() != null ? probe.lint() : probe.security();
    if (findings != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "%d findings in %d files, %d lines (%.1f per 1,000); by priority %s",
              findings.findings().size(),
              findings.filesAnalysed(),
              findings.linesOfCode(),
              findings.perThousandLines(),
              findings.byPriority()));
    }
    if (!probe.toolVersion().isEmpty()) {
      text.append("; ").append(probe.toolVersion());
    }
    return text.toString();
  }

  /** The failing tests with their messages, top findings and what could not be measured. */
  public static String failures(BenchmarkResult result) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Latest result of %s (score %.3f, %s):%n",
                result.benchmark(),
                result.score().value(),
                result.startedAt()));
    List<TestCase> broken =
        result.probes().stream()
            .filter(p -> p.tests() != null)
            .flatMap(p -> p.tests().broken().stream())
            .toList();
    if (broken.isEmpty()) {
      text.append("No failing tests.").append(System.lineSeparator());
    } else {
      text.append("Failing tests:").append(System.lineSeparator());
      broken.forEach(
          t ->
              text.append("  - ")
                  .append(t.id())
                  .append(" [")
                  .append(t.outcome().name().toLowerCase(Locale.ROOT))
                  .append("] ")
                  .append(firstLine(t.message()))
                  .append(System.lineSeparator()));
    }
    for (ProbeResult probe : result.probes()) {
      FindingsReport findings = probe.lint() != null ? probe.lint() : probe.security();
      if (findings != null && !findings.findings().isEmpty()) {
        text.append(probe.probe())
            .append(": ")
            .append(findings.findings().size())
            .append(" findings, most frequent ")
            .append(findings.topRules(3))
            .append("; first:")
            .append(System.lineSeparator());
        findings.findings().stream()
            .sorted(java.util.Comparator.comparingInt(Finding::priority))
            .limit(5)
            .forEach(
                f ->
                    text.append("  - ")
                        .append(f.file())
                        .append(':')
                        .append(f.line())
                        .append(' ')
                        .append(f.rule())
                        .append(": ")
                        .append(firstLine(f.message()))
                        .append(System.lineSeparator()));
      }
      if (!probe.ok()) {
        text.append(probe.probe())
            .append(" ")
            .append(probe.status().name().toLowerCase(Locale.ROOT))
            .append(": ")
            .append(probe.message())
            .append(System.lineSeparator());
      }
    }
    if (!result.score().hints().isEmpty()) {
      text.append("Hints: ")
          .append(result.score().hints().stream().collect(Collectors.joining(" ")));
    }
    return text.toString().strip();
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
