package dev.beca.benchmark;

import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.CoverageReport;
import dev.beca.core.quality.FindingsReport;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.TestCase;
import dev.beca.core.quality.TestReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What changed between two revisions of a project, measured with the same probes.
 *
 * @param revisionA the earlier revision as given
 * @param revisionB the later revision as given
 * @param before the result of {@code revisionA}
 * @param after the result of {@code revisionB}
 * @param deltas the measured figures side by side, with regressions flagged
 * @param newlyFailing tests that pass (or do not exist) in A and fail in B
 * @param newlyPassing tests that fail in A and pass in B
 * @param slowerTests tests that take at least 50 % and 0.1 s longer in B, with both times
 */
public record Comparison(
    String revisionA,
    String revisionB,
    BenchmarkResult before,
    BenchmarkResult after,
    List<Delta> deltas,
    List<String> newlyFailing,
    List<String> newlyPassing,
    List<TestTiming> slowerTests) {

  /**
   * One figure in both revisions.
   *
   * @param metric what is measured, e.g. {@code tests.failed}
   * @param before its value in A; NaN when not measured
   * @param after its value in B; NaN when not measured
   * @param regression whether B is worse than A
   * @param improvement whether B is better than A
   */
  public record Delta(
      String metric, double before, double after, boolean regression, boolean improvement) {

    /** {@code after - before}; NaN when either is missing. */
    public double change() {
      return after - before;
    }
  }

  /**
   * A test's time in both revisions.
   *
   * @param test the test's id
   * @param secondsBefore its time in A
   * @param secondsAfter its time in B
   */
  public record TestTiming(String test, double secondsBefore, double secondsAfter) {}

  /** Checks the components and copies the lists. */
  public Comparison {
    Objects.requireNonNull(revisionA, "revisionA");
    Objects.requireNonNull(revisionB, "revisionB");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    deltas = List.copyOf(deltas);
    newlyFailing = List.copyOf(newlyFailing);
    newlyPassing = List.copyOf(newlyPassing);
    slowerTests = List.copyOf(slowerTests);
  }

  /** Whether anything got worse. */
  public boolean hasRegressions() {
    return !newlyFailing.isEmpty() || deltas.stream().anyMatch(Delta::regression);
  }

  /** The overall judgement of a comparison. */
  public enum Outcome {
    /** Something improved and nothing got worse. */
    BETTER,
    /** Something got worse (whatever else improved). */
    WORSE,
    /** No measured figure changed. */
    SAME
  }

  /**
   * The verdict a program can act on.
   *
   * @param outcome better, worse or same
   * @param reasons what made it so, e.g. {@code tests.failed 0 -> 1}, {@code newly failing: t}
   */
  public record Verdict(Outcome outcome, List<String> reasons) {

    /** Checks the components and copies the list. */
    public Verdict {
      Objects.requireNonNull(outcome, "outcome");
      reasons = List.copyOf(reasons);
    }

    /** One line, e.g. {@code verdict: worse (tests.failed 0 -> 1; newly failing: t)}. */
    public String line() {
      return "verdict: "
          + outcome.name().toLowerCase(java.util.Locale.ROOT)
          + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")");
    }
  }

  /**
   * Worse when any figure regressed or a test newly fails; otherwise better when any figure
   * improved or a test newly passes; otherwise the same.
   *
   * @return the verdict with its reasons
   */
  public Verdict verdict() {
    List<String> worse = new ArrayList<>();
    deltas.stream().filter(Delta::regression).forEach(d -> worse.add(describe(d)));
    newlyFailing.forEach(t -> worse.add("newly failing: " + t));
    if (!worse.isEmpty()) {
      return new Verdict(Outcome.WORSE, worse);
    }
    List<String> better = new ArrayList<>();
    deltas.stream().filter(Delta::improvement).forEach(d -> better.add(describe(d)));
    newlyPassing.forEach(t -> better.add("newly passing: " + t));
    if (!better.isEmpty()) {
      return new Verdict(Outcome.BETTER, better);
    }
    return new Verdict(Outcome.SAME, List.of("no measured figure changed"));
  }

  private static String describe(Delta delta) {
    return delta.metric() + " " + format(delta.before()) + " -> " + format(delta.after());
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e12
        ? Long.toString((long) value)
        : String.format(java.util.Locale.ROOT, "%.4f", value);
  }

  /** Compares two results. */
  static Comparison of(String revisionA, String revisionB, BenchmarkResult a, BenchmarkResult b) {
    List<Delta> deltas = new ArrayList<>();
    deltas.add(higherIsBetter("score", a.score().value(), b.score().value()));
    Optional<TestReport> testsA = tests(a);
    Optional<TestReport> testsB = tests(b);
    deltas.add(
        higherIsBetter(
            "tests.passed", testsA.map(TestReport::passed), testsB.map(TestReport::passed)));
    deltas.add(
        lowerIsBetter(
            "tests.failed",
            testsA.map(t -> t.failures() + t.errors()),
            testsB.map(t -> t.failures() + t.errors())));
    deltas.add(
        neutral("tests.total", testsA.map(TestReport::tests), testsB.map(TestReport::tests)));
    deltas.add(
        higherIsBetter(
            "coverage.lines",
            coverage(a).map(CoverageReport::lineRatio),
            coverage(b).map(CoverageReport::lineRatio)));
    deltas.add(
        higherIsBetter(
            "coverage.branches",
            coverage(a).map(CoverageReport::branchRatio),
            coverage(b).map(CoverageReport::branchRatio)));
    deltas.add(
        lowerIsBetter(
            "lint.findings",
            findings(a, ProbeKind.LINT).map(f -> f.findings().size()),
            findings(b, ProbeKind.LINT).map(f -> f.findings().size())));
    deltas.add(
        lowerIsBetter(
            "lint.perThousandLines",
            findings(a, ProbeKind.LINT).map(FindingsReport::perThousandLines),
            findings(b, ProbeKind.LINT).map(FindingsReport::perThousandLines)));
    deltas.add(
        lowerIsBetter(
            "security.findings",
            findings(a, ProbeKind.SECURITY).map(f -> f.findings().size()),
            findings(b, ProbeKind.SECURITY).map(f -> f.findings().size())));
    deltas.add(
        lowerIsBetter(
            "security.high",
            findings(a, ProbeKind.SECURITY).map(FindingsReport::highSeverity),
            findings(b, ProbeKind.SECURITY).map(FindingsReport::highSeverity)));

    Map<String, TestCase> casesA = cases(a);
    Map<String, TestCase> casesB = cases(b);
    List<String> newlyFailing = new ArrayList<>();
    List<String> newlyPassing = new ArrayList<>();
    List<TestTiming> slower = new ArrayList<>();
    casesB.forEach(
        (id, caseB) -> {
          TestCase caseA = casesA.get(id);
          if (caseB.broken() && (caseA == null || !caseA.broken())) {
            newlyFailing.add(id);
          }
          if (caseA != null && caseA.broken() && caseB.outcome() == TestCase.Outcome.PASSED) {
            newlyPassing.add(id);
          }
          if (caseA != null
              && caseB.seconds() >= caseA.seconds() * 1.5
              && caseB.seconds() - caseA.seconds() >= 0.1) {
            slower.add(new TestTiming(id, caseA.seconds(), caseB.seconds()));
          }
        });
    return new Comparison(revisionA, revisionB, a, b, deltas, newlyFailing, newlyPassing, slower);
  }

  private static Optional<TestReport> tests(BenchmarkResult result) {
    List<TestReport> reports =
        result.probes().stream().map(ProbeResult::tests).filter(Objects::nonNull).toList();
    if (reports.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TestReport(
            reports.stream().mapToInt(TestReport::tests).sum(),
            reports.stream().mapToInt(TestReport::failures).sum(),
            reports.stream().mapToInt(TestReport::errors).sum(),
            reports.stream().mapToInt(TestReport::skipped).sum(),
            reports.stream().flatMap(r -> r.cases().stream()).toList()));
  }

  private static Optional<CoverageReport> coverage(BenchmarkResult result) {
    List<CoverageReport> reports =
        result.probes().stream().map(ProbeResult::coverage).filter(Objects::nonNull).toList();
    if (reports.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CoverageReport(
            reports.stream().mapToLong(CoverageReport::linesCovered).sum(),
            reports.stream().mapToLong(CoverageReport::linesTotal).sum(),
            reports.stream().mapToLong(CoverageReport::branchesCovered).sum(),
            reports.stream().mapToLong(CoverageReport::branchesTotal).sum()));
  }

  private static Optional<FindingsReport> findings(BenchmarkResult result, ProbeKind kind) {
    List<FindingsReport> reports =
        result.probes().stream()
            .map(p -> kind == ProbeKind.LINT ? p.lint() : p.security())
            .filter(Objects::nonNull)
            .toList();
    if (reports.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new FindingsReport(
            reports.stream().flatMap(r -> r.findings().stream()).toList(),
            reports.stream().mapToLong(FindingsReport::linesOfCode).sum(),
            reports.stream().mapToInt(FindingsReport::filesAnalysed).sum()));
  }

  private static Map<String, TestCase> cases(BenchmarkResult result) {
    Map<String, TestCase> cases = new LinkedHashMap<>();
    tests(result).ifPresent(t -> t.cases().forEach(c -> cases.put(c.id(), c)));
    return cases;
  }

  private static Delta higherIsBetter(String metric, double before, double after) {
    return new Delta(metric, before, after, after < before - 1e-9, after > before + 1e-9);
  }

  private static Delta higherIsBetter(
      String metric, Optional<? extends Number> before, Optional<? extends Number> after) {
    return higherIsBetter(metric, value(before), value(after));
  }

  private static Delta lowerIsBetter(
      String metric, Optional<? extends Number> before, Optional<? extends Number> after) {
    double b = value(before);
    double a = value(after);
    return new Delta(metric, b, a, a > b + 1e-9, a < b - 1e-9);
  }

  private static Delta neutral(
      String metric, Optional<? extends Number> before, Optional<? extends Number> after) {
    return new Delta(metric, value(before), value(after), false, false);
  }

  private static double value(Optional<? extends Number> number) {
    return number.map(Number::doubleValue).orElse(Double.NaN);
  }
}
