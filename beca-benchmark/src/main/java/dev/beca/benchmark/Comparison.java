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
 * @param slowerTests tests slower in B beyond the noise (see {@link #isSlower}), with both medians
 * @param timingsBefore every test's time in each run of A (one run unless repeated)
 * @param timingsAfter every test's time in each run of B
 */
public record Comparison(
    String revisionA,
    String revisionB,
    BenchmarkResult before,
    BenchmarkResult after,
    List<Delta> deltas,
    List<String> newlyFailing,
    List<String> newlyPassing,
    List<TestTiming> slowerTests,
    TestTimings timingsBefore,
    TestTimings timingsAfter) {

  /** With a single run: B's time must be at least this multiple of A's. */
  public static final double SINGLE_RUN_RATIO = 1.5;

  /** With a single run: B's time must exceed A's by at least this many seconds. */
  public static final double SINGLE_RUN_SECONDS = 0.1;

  /** With repeated runs: B's median must be at least this multiple of A's median. */
  public static final double REPEATED_RATIO = 1.2;

  /** With repeated runs: B's median must exceed A's by at least this many seconds. */
  public static final double REPEATED_SECONDS = 0.05;

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
   * @param secondsBefore its median time over A's runs
   * @param secondsAfter its median time over B's runs
   * @param spreadBefore slowest minus fastest of A's runs (0 for one run)
   * @param spreadAfter slowest minus fastest of B's runs (0 for one run)
   * @param runs how many runs of each revision the medians are of (the fewer of the two)
   */
  public record TestTiming(
      String test,
      double secondsBefore,
      double secondsAfter,
      double spreadBefore,
      double spreadAfter,
      int runs) {

    /** B's median over A's; infinite when A's is 0. */
    public double ratio() {
      return secondsAfter / secondsBefore;
    }

    /** Whether the noise was measured: each revision ran at least twice. */
    public boolean beyondNoise() {
      return runs >= 2;
    }

    /** E.g. {@code test_x 0.012 s -> 0.512 s (x42.67, medians of 5 runs)}. */
    public String line() {
      return String.format(
          java.util.Locale.ROOT,
          "%s %.3f s -> %.3f s (x%.2f, %s)",
          test,
          secondsBefore,
          secondsAfter,
          ratio(),
          runs >= 2 ? "medians of " + runs + " runs" : "one run each, noise not measured");
    }
  }

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
    Objects.requireNonNull(timingsBefore, "timingsBefore");
    Objects.requireNonNull(timingsAfter, "timingsAfter");
  }

  /**
   * The noise rule: whether a test is slower in B beyond the noise of its timings. With one run of
   * each revision the noise is unknown, and B must take at least {@value #SINGLE_RUN_RATIO} times
   * and {@value #SINGLE_RUN_SECONDS} s longer. With N &ge; 2 runs of each, B's fastest run must be
   * slower than A's slowest (the two ranges do not overlap), and B's median at least {@value
   * #REPEATED_RATIO} times and {@value #REPEATED_SECONDS} s above A's.
   *
   * @param before the test's times in A
   * @param after the test's times in B
   * @return whether B is slower beyond the noise
   */
  public static boolean isSlower(TestTimings.Sample before, TestTimings.Sample after) {
    double a = before.median();
    double b = after.median();
    if (Math.min(before.seconds().size(), after.seconds().size()) < 2) {
      return b >= a * SINGLE_RUN_RATIO && b - a >= SINGLE_RUN_SECONDS;
    }
    return after.min() > before.max() && b >= a * REPEATED_RATIO && b - a >= REPEATED_SECONDS;
  }

  /** Whether anything got worse (a test slower beyond the measured noise included). */
  public boolean hasRegressions() {
    return !newlyFailing.isEmpty()
        || deltas.stream().anyMatch(Delta::regression)
        || slowerTests.stream().anyMatch(TestTiming::beyondNoise);
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
   * Worse when any figure regressed, a test newly fails or a test is slower beyond the measured
   * noise (repeated runs; with one run a slower test is reported but not judged); otherwise better
   * when any figure improved or a test newly passes; otherwise the same.
   *
   * @return the verdict with its reasons
   */
  public Verdict verdict() {
    List<String> worse = new ArrayList<>();
    deltas.stream().filter(Delta::regression).forEach(d -> worse.add(describe(d)));
    newlyFailing.forEach(t -> worse.add("newly failing: " + t));
    slowerTests.stream()
        .filter(TestTiming::beyondNoise)
        .forEach(t -> worse.add("slower: " + t.line()));
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

  /**
   * Compares two results of one run each (two stored results, e.g.), judging test times on their
   * single runs.
   *
   * @param revisionA what A is, e.g. a revision or {@code result 12}
   * @param revisionB what B is
   * @param a the result of A
   * @param b the result of B
   * @return the comparison
   */
  public static Comparison of(
      String revisionA, String revisionB, BenchmarkResult a, BenchmarkResult b) {
    return of(
        revisionA,
        revisionB,
        a,
        b,
        TestTimings.of(List.of(a.probes())),
        TestTimings.of(List.of(b.probes())));
  }

  /**
   * Compares two results, judging test times on the timings of repeated runs.
   *
   * @param revisionA the earlier revision as given
   * @param revisionB the later revision as given
   * @param a the result of A (its first run)
   * @param b the result of B (its first run)
   * @param timingsA every test's times over A's runs
   * @param timingsB every test's times over B's runs
   * @return the comparison
   */
  public static Comparison of(
      String revisionA,
      String revisionB,
      BenchmarkResult a,
      BenchmarkResult b,
      TestTimings timingsA,
      TestTimings timingsB) {
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
        });
    for (TestTimings.Sample sampleB : timingsB.samples()) {
      timingsA
          .sample(sampleB.test())
          .filter(sampleA -> isSlower(sampleA, sampleB))
          .ifPresent(
              sampleA ->
                  slower.add(
                      new TestTiming(
                          sampleB.test(),
                          sampleA.median(),
                          sampleB.median(),
                          sampleA.spread(),
                          sampleB.spread(),
                          Math.min(sampleA.seconds().size(), sampleB.seconds().size()))));
    }
    return new Comparison(
        revisionA, revisionB, a, b, deltas, newlyFailing, newlyPassing, slower, timingsA, timingsB);
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
