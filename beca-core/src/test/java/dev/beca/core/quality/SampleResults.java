package dev.beca.core.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds realistic benchmark results for store and scoring tests. */
public final class SampleResults {

  private SampleResults() {}

  /** A passing or failing test case. */
  public static TestCase test(String name, boolean passed) {
    return new TestCase(
        "com.acme.CalcTest",
        name,
        passed ? TestCase.Outcome.PASSED : TestCase.Outcome.FAILED,
        0.25,
        passed ? "" : "expected: <3> but was: <4>");
  }

  /** A Maven tests result with the given counts and line coverage. */
  public static ProbeResult mavenTests(int passed, int failed, long linesCovered, long linesTotal) {
    List<TestCase> cases = new java.util.ArrayList<>();
    for (int i = 0; i < passed; i++) {
      cases.add(test("passes" + i, true));
    }
    for (int i = 0; i < failed; i++) {
      cases.add(test("fails" + i, false));
    }
    return new ProbeResult(
        "maven-tests",
        Set.of(ProbeKind.TESTS, ProbeKind.COVERAGE),
        ProbeStatus.OK,
        "mvn test",
        "Apache Maven 3.9.11",
        Duration.ofSeconds(12),
        new TestReport(passed + failed, failed, 0, 0, cases),
        new CoverageReport(linesCovered, linesTotal, 3, 4),
        null,
        null);
  }

  /** A lint result with {@code findings} findings of one rule in {@code lines} lines. */
  public static ProbeResult lint(int findings, long lines) {
    List<Finding> list = new java.util.ArrayList<>();
    for (int i = 0; i < findings; i++) {
      list.add(
          new Finding(
              i % 2 == 0 ? "UnusedLocalVariable" : "UseUtilityClass",
              3,
              Severity.MEDIUM,
              "src/main/java/com/acme/Calc.java",
              i + 1,
              "finding " + i));
    }
    return new ProbeResult(
        "pmd",
        Set.of(ProbeKind.LINT),
        ProbeStatus.OK,
        "pmd",
        "PMD 7",
        Duration.ofSeconds(2),
        null,
        null,
        new FindingsReport(list, lines, 3),
        null);
  }

  /** A security result with {@code high} high-severity findings. */
  public static ProbeResult security(int high) {
    List<Finding> list = new java.util.ArrayList<>();
    for (int i = 0; i < high; i++) {
      list.add(
          new Finding(
              "HardCodedCryptoKey",
              3,
              Severity.HIGH,
              "src/main/java/com/acme/Keys.java",
              7,
              "key"));
    }
    return new ProbeResult(
        "pmd-security",
        Set.of(ProbeKind.SECURITY),
        ProbeStatus.OK,
        "pmd",
        "PMD 7",
        Duration.ofSeconds(1),
        null,
        null,
        null,
        new FindingsReport(list, 100, 3));
  }

  /** A complete result of a benchmark scored with the stock weights. */
  public static BenchmarkResult result(
      String benchmark, Instant startedAt, String cacheKey, List<ProbeResult> probes) {
    QualityScore score = QualityScoring.score(probes, ScoreWeights.DEFAULT);
    return new BenchmarkResult(
        0,
        benchmark,
        "/work/" + benchmark,
        new RevisionInfo("a".repeat(40), false, "b".repeat(40)),
        cacheKey,
        startedAt,
        Duration.ofSeconds(15),
        false,
        Map.of("maven-tests", "Apache Maven 3.9.11"),
        probes,
        score);
  }

  /** A result scoring about {@code 0.9} (passing tests, good coverage, little lint). */
  public static BenchmarkResult good(String benchmark, Instant at, String cacheKey) {
    return result(benchmark, at, cacheKey, List.of(mavenTests(10, 0, 90, 100), lint(1, 1000)));
  }

  /** A result scoring below 0.7 (half the tests fail, low coverage). */
  public static BenchmarkResult poor(String benchmark, Instant at, String cacheKey) {
    return result(benchmark, at, cacheKey, List.of(mavenTests(2, 2, 20, 100), lint(30, 1000)));
  }
}
