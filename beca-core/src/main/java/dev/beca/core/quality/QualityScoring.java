package dev.beca.core.quality;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The score arithmetic, a pure function of the probes' results (documented in {@code
 * docs/benchmarks.md}).
 *
 * <ul>
 *   <li>tests = passed / executed (skipped tests do not count); 0 when no test ran;
 *   <li>coverage = covered lines / all lines;
 *   <li>lint, per linter = 1 / (1 + d / h), with d its findings in shipped code (not {@link
 *       Finding#inTests()}) weighted by priority ({@link ScoreWeights#lintWeight(int)}) per 1,000
 *       lines and h its {@link ScoreWeights#lintHalfScoreDensity(String)}: 1 without findings, 0.5
 *       at h, falling towards 0; several linters' parts are averaged by their lines;
 *   <li>score = sum of weight x part over the measured parts, with the weights renormalised to sum
 *       to 1 over those parts (stock weights: tests 0.4, lint 0.3, coverage 0.3);
 *   <li>security gate: with any high-severity, high-confidence security finding outside tests and
 *       test data ({@link Finding#inTests()}) the score is at most {@link
 *       ScoreWeights#securityGateCap()} (0 by default); other security findings are reported, not
 *       gating.
 * </ul>
 *
 * When several probes measure tests, coverage or security, their reports are summed before the part
 * is computed.
 */
public final class QualityScoring {

  private static final int TOP_RULES = 3;
  private static final int MAX_NAMED_TESTS = 10;

  private QualityScoring() {}

  /**
   * Scores the results of one run.
   *
   * @param results every probe's result
   * @param weights the weights, gate and lint normalisation
   * @return the score with its parts, weights, gate and hints
   */
  public static QualityScore score(List<ProbeResult> results, ScoreWeights weights) {
    Map<ProbeKind, Double> parts = new EnumMap<>(ProbeKind.class);
    Map<ProbeKind, String> unavailable = new EnumMap<>(ProbeKind.class);
    List<String> hints = new ArrayList<>();

    List<TestReport> testReports =
        results.stream()
            .filter(ProbeResult::ok)
            .map(ProbeResult::tests)
            .filter(r -> r != null)
            .toList();
    List<CoverageReport> coverageReports =
        results.stream()
            .filter(ProbeResult::ok)
            .map(ProbeResult::coverage)
            .filter(r -> r != null)
            .toList();
    List<FindingsReport> securityReports =
        results.stream()
            .filter(ProbeResult::ok)
            .map(ProbeResult::security)
            .filter(r -> r != null)
            .toList();

    if (!testReports.isEmpty()) {
      int executed = testReports.stream().mapToInt(TestReport::executed).sum();
      int passed = testReports.stream().mapToInt(TestReport::passed).sum();
      parts.put(ProbeKind.TESTS, executed == 0 ? 0.0 : (double) passed / executed);
      List<String> broken =
          testReports.stream().flatMap(r -> r.broken().stream()).map(TestCase::id).toList();
      if (executed == 0) {
        hints.add("No test ran: add tests.");
      } else if (!broken.isEmpty()) {
        String names = broken.stream().limit(MAX_NAMED_TESTS).collect(Collectors.joining(", "));
        String more =
            broken.size() > MAX_NAMED_TESTS
                ? " and " + (broken.size() - MAX_NAMED_TESTS) + " more"
                : "";
        hints.add(
            "Fix "
                + broken.size()
                + " failing test"
                + (broken.size() == 1 ? "" : "s")
                + ": "
                + names
                + more
                + ".");
      }
    } else if (buildFailed(results, ProbeKind.TESTS)) {
      // The tool ran and the project's build stopped it (tests that do not compile): no test
      // ran, which is a measure of 0, not a part to leave out (leaving it out could raise the
      // score of a change that breaks the test build).
      parts.put(ProbeKind.TESTS, 0.0);
      hints.add(
          "The tests did not run: " + reason(results, ProbeKind.TESTS) + " Fix the build first.");
    } else {
      unavailable.put(ProbeKind.TESTS, reason(results, ProbeKind.TESTS));
    }

    if (!coverageReports.isEmpty()) {
      long covered = coverageReports.stream().mapToLong(CoverageReport::linesCovered).sum();
      long total = coverageReports.stream().mapToLong(CoverageReport::linesTotal).sum();
      // Classes compiled without line numbers (javac -g:source) still count their branches.
      boolean byBranches = total == 0;
      if (byBranches) {
        covered = coverageReports.stream().mapToLong(CoverageReport::branchesCovered).sum();
        total = coverageReports.stream().mapToLong(CoverageReport::branchesTotal).sum();
      }
      double ratio = total == 0 ? 0.0 : (double) covered / total;
      parts.put(ProbeKind.COVERAGE, ratio);
      if (ratio < weights.coverageTarget()) {
        hints.add(
            String.format(
                Locale.ROOT,
                "%s coverage is %.1f %%, below %.0f %%: test the uncovered code.",
                byBranches ? "Branch" : "Line",
                ratio * 100,
                weights.coverageTarget() * 100));
      }
    } else if (buildFailed(results, ProbeKind.COVERAGE)) {
      parts.put(ProbeKind.COVERAGE, 0.0); // no test ran, so nothing was covered
    } else {
      unavailable.put(ProbeKind.COVERAGE, reason(results, ProbeKind.COVERAGE));
    }

    List<ProbeResult> linters =
        results.stream().filter(ProbeResult::ok).filter(r -> r.lint() != null).toList();
    if (!linters.isEmpty()) {
      // Each linter's part from its weighted density, then the parts averaged by lines of code.
      double partTimesLines = 0;
      double allLines = 0;
      double allWeighted = 0;
      Map<String, double[]> byRule = new java.util.TreeMap<>();
      for (ProbeResult linter : linters) {
        FindingsReport report = linter.lint();
        double weighted = 0;
        for (Finding f : report.findings()) {
          if (!f.inTests()) {
            double w = weights.lintWeight(f.priority());
            weighted += w;
            double[] rule = byRule.computeIfAbsent(f.rule(), k -> new double[2]);
            rule[0] += w;
            rule[1]++;
          }
        }
        double density = report.linesOfCode() == 0 ? 0 : weighted * 1000 / report.linesOfCode();
        double lines = Math.max(1, report.linesOfCode());
        partTimesLines += lines / (1.0 + density / weights.lintHalfScoreDensity(linter.probe()));
        allLines += lines;
        allWeighted += weighted;
      }
      parts.put(ProbeKind.LINT, partTimesLines / allLines);
      FindingsReport merged = merge(linters.stream().map(ProbeResult::lint).toList());
      if (!merged.findings().isEmpty()) {
        String top =
            byRule.entrySet().stream()
                .sorted(
                    java.util.Comparator.comparingDouble(
                            (Map.Entry<String, double[]> e) -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_RULES)
                .map(e -> e.getKey() + " (" + (long) e.getValue()[1] + ")")
                .collect(Collectors.joining(", "));
        hints.add(
            String.format(
                Locale.ROOT,
                "Lint: %d findings, %.1f weighted per 1,000 lines of shipped code%s.",
                merged.findings().size(),
                allLines == 0 ? 0 : allWeighted * 1000 / allLines,
                top.isEmpty() ? "" : "; heaviest rules: " + top));
      }
    } else {
      unavailable.put(ProbeKind.LINT, reason(results, ProbeKind.LINT));
    }

    boolean gate = false;
    List<Finding> blocking = List.of();
    long highElsewhere = 0;
    if (!securityReports.isEmpty()) {
      FindingsReport merged = merge(securityReports);
      long high = merged.highSeverity();
      blocking = merged.findings().stream().filter(QualityScoring::blocks).toList();
      highElsewhere = high - blocking.size();
      gate = !blocking.isEmpty();
      if (!merged.findings().isEmpty()) {
        String first =
            merged.findings().stream()
                .sorted(
                    java.util.Comparator.comparing((Finding f) -> !blocks(f))
                        .thenComparing(Finding::severity))
                .limit(3)
                .map(f -> f.rule() + " at " + f.file() + ":" + f.line())
                .collect(Collectors.joining(", "));
        hints.add(
            0,
            "Security: "
                + merged.findings().size()
                + " finding"
                + (merged.findings().size() == 1 ? "" : "s")
                + " ("
                + high
                + " high severity"
                + (gate ? ", " + blocking.size() + " blocking" : "")
                + "), e.g. "
                + first
                + ".");
      }
    }
    // Security is a gate, not a weighted part; report each security probe that could not run.
    List<String> securityGaps =
        results.stream()
            .filter(r -> r.measures().contains(ProbeKind.SECURITY) && !r.ok())
            .map(r -> r.probe() + ": " + r.message())
            .toList();
    if (securityReports.isEmpty() || !securityGaps.isEmpty()) {
      unavailable.put(
          ProbeKind.SECURITY,
          securityGaps.isEmpty()
              ? "no security probe applies to this project"
              : String.join("; ", securityGaps));
    }

    Map<ProbeKind, Double> baseWeights = weights.weights();
    double weightSum = parts.keySet().stream().mapToDouble(baseWeights::get).sum();
    Map<ProbeKind, Double> used = new EnumMap<>(ProbeKind.class);
    double value = 0;
    if (weightSum > 0) {
      for (Map.Entry<ProbeKind, Double> part : parts.entrySet()) {
        double w = baseWeights.get(part.getKey()) / weightSum;
        used.put(part.getKey(), w);
        value += w * part.getValue();
      }
    }
    value = clamp(value);
    boolean renormalised = parts.size() < baseWeights.size();
    double unGated = value;
    if (gate) {
      value = Math.min(value, weights.securityGateCap());
    }

    StringBuilder explanation = new StringBuilder();
    if (used.isEmpty()) {
      explanation.append("No part could be measured, so the score is 0");
    } else {
      explanation.append(
          used.entrySet().stream()
              .map(
                  e ->
                      String.format(
                          Locale.ROOT,
                          "%s %.3f x %.2f",
                          e.getKey().name().toLowerCase(Locale.ROOT),
                          parts.get(e.getKey()),
                          e.getValue()))
              .collect(Collectors.joining(" + ")));
      explanation.append(String.format(Locale.ROOT, " = %.3f", unGated));
    }
    if (renormalised && !used.isEmpty()) {
      explanation
          .append("; weights renormalised over the measured parts (")
          .append(
              unavailable.keySet().stream()
                  .filter(k -> k != ProbeKind.SECURITY)
                  .map(k -> k.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")))
          .append(" not measured)");
    }
    if (gate) {
      Finding first = blocking.get(0);
      explanation.append(
          String.format(
              Locale.ROOT,
              "; security gate: %d high-severity, high-confidence finding%s "
                  + "outside tests (e.g. %s at %s:%d) cap the score at %.2f",
              blocking.size(),
              blocking.size() == 1 ? "" : "s",
              first.rule(),
              first.file(),
              first.line(),
              weights.securityGateCap()));
    }
    if (highElsewhere > 0) {
      explanation
          .append("; ")
          .append(highElsewhere)
          .append(" high-severity finding")
          .append(highElsewhere == 1 ? "" : "s")
          .append(" in tests or of lower confidence reported, not gating");
    }
    return new QualityScore(
        value, parts, used, renormalised, unavailable, gate, explanation.toString(), hints);
  }

  private static FindingsReport merge(List<FindingsReport> reports) {
    if (reports.size() == 1) {
      return reports.get(0);
    }
    return new FindingsReport(
        reports.stream().flatMap(r -> r.findings().stream()).toList(),
        reports.stream().mapToLong(FindingsReport::linesOfCode).sum(),
        reports.stream().mapToInt(FindingsReport::filesAnalysed).sum());
  }

  /** Whether a probe for this part ran and failed ({@link ProbeStatus#FAILED}) with no report. */
  private static boolean buildFailed(List<ProbeResult> results, ProbeKind kind) {
    return results.stream()
        .anyMatch(r -> r.measures().contains(kind) && r.status() == ProbeStatus.FAILED);
  }

  private static String reason(List<ProbeResult> results, ProbeKind kind) {
    Map<String, String> reasons = new LinkedHashMap<>();
    for (ProbeResult r : results) {
      // A probe that ran but brought no report for this part says why in its message.
      if (r.measures().contains(kind) && (!r.ok() || report(r, kind) == null)) {
        reasons.put(r.probe(), r.message());
      }
    }
    if (reasons.isEmpty()) {
      return "no probe for " + kind.name().toLowerCase(Locale.ROOT) + " applies to this project";
    }
    return reasons.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining("; "));
  }

  /**
   * Whether a security finding is one a reviewer would block a release on: high severity, high
   * confidence, and in shipped code or configuration rather than in tests or test data.
   */
  static boolean blocks(Finding finding) {
    return finding.severity() == Severity.HIGH
        && finding.confidence() == Confidence.HIGH
        && !finding.inTests();
  }

  private static Object report(ProbeResult result, ProbeKind kind) {
    return switch (kind) {
      case TESTS -> result.tests();
      case COVERAGE -> result.coverage();
      case LINT -> result.lint();
      case SECURITY -> result.security();
    };
  }

  private static double clamp(double value) {
    return Math.max(0, Math.min(1, value));
  }
}
