package dev.beca.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The score arithmetic of docs/benchmarks.md, worked through by hand. */
class QualityScoringTest {

  private static final QualityProbe LINTER = probe("pylint", ProbeKind.LINT);

  /** A probe that is only named in results here; scoring never runs it. */
  private static QualityProbe probe(String name, ProbeKind... kinds) {
    return new QualityProbe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<ProbeKind> measures() {
        return Set.of(kinds);
      }

      @Override
      public boolean appliesTo(java.nio.file.Path projectRoot) {
        return true;
      }

      @Override
      public String fingerprint() {
        return name;
      }

      @Override
      public ProbeResult run(ProbeContext context) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void allPartsMeasuredUseTheStockWeights() {
    // tests 8/10 = 0.8; coverage 60/100 = 0.6; lint 30 priority-3 findings (weight 1) in 1,000
    // lines
    // = 30 weighted per 1,000, PMD's half-score density -> 1/(1+1) = 0.5
    QualityScore score =
        QualityScoring.score(
            List.of(SampleResults.mavenTests(8, 2, 60, 100), SampleResults.lint(30, 1000)),
            ScoreWeights.DEFAULT);

    assertThat(score.value()).isCloseTo(0.4 * 0.8 + 0.3 * 0.6 + 0.3 * 0.5, within(1e-12));
    assertThat(score.parts())
        .containsEntry(ProbeKind.TESTS, 0.8)
        .containsEntry(ProbeKind.COVERAGE, 0.6)
        .containsEntry(ProbeKind.LINT, 0.5);
    assertThat(score.renormalised()).isFalse();
    assertThat(score.explanation())
        .isEqualTo("tests 0.800 x 0.40 + coverage 0.600 x 0.30 + lint 0.500 x 0.30 = 0.650");
    assertThat(score.unavailable()).containsOnlyKeys(ProbeKind.SECURITY);
  }

  @Test
  void classesWithoutLineNumbersAreScoredOnTheirBranches() {
    // lines 0/0 (javac -g:source), branches 3/4 -> coverage part 0.75, below the 0.8 target
    QualityScore score =
        QualityScoring.score(
            List.of(SampleResults.mavenTests(10, 0, 0, 0), SampleResults.lint(30, 1000)),
            ScoreWeights.DEFAULT);

    assertThat(score.parts()).containsEntry(ProbeKind.COVERAGE, 0.75);
    assertThat(score.unavailable()).doesNotContainKey(ProbeKind.COVERAGE);
    assertThat(score.hints()).anyMatch(h -> h.startsWith("Branch coverage is 75.0 %"));
  }

  @Test
  void testsThatDidNotRunBecauseTheBuildFailedScoreZeroInsteadOfBeingLeftOut() {
    QualityProbe maven = probe("maven-tests", ProbeKind.TESTS, ProbeKind.COVERAGE);
    ProbeResult failed =
        ProbeResult.without(
            maven,
            ProbeStatus.FAILED,
            "mvn test exited 1 without any test report (COMPILATION ERROR in src/test)",
            "Apache Maven 3.9.11",
            Duration.ZERO);

    QualityScore broken =
        QualityScoring.score(List.of(failed, SampleResults.lint(0, 1000)), ScoreWeights.DEFAULT);
    QualityScore healthy =
        QualityScoring.score(
            List.of(SampleResults.mavenTests(10, 0, 90, 100), SampleResults.lint(0, 1000)),
            ScoreWeights.DEFAULT);

    assertThat(broken.parts())
        .containsEntry(ProbeKind.TESTS, 0.0)
        .containsEntry(ProbeKind.COVERAGE, 0.0);
    assertThat(broken.value()).isCloseTo(0.3, within(1e-12)); // lint 1.0 x 0.3 only
    assertThat(broken.value()).isLessThan(healthy.value());
    assertThat(broken.hints())
        .anyMatch(h -> h.contains("The tests did not run") && h.contains("COMPILATION"));
  }

  @Test
  void missingPartsAreRenormalisedAndSaidSo() {
    ProbeResult unavailable =
        ProbeResult.without(
            LINTER,
            ProbeStatus.UNAVAILABLE,
            "pylint not found; apt-get install pylint",
            "",
            Duration.ZERO);

    QualityScore score =
        QualityScoring.score(
            List.of(SampleResults.mavenTests(9, 1, 50, 100), unavailable), ScoreWeights.DEFAULT);

    // Only tests (0.4) and coverage (0.3) measured: weights become 4/7 and 3/7.
    assertThat(score.weights().get(ProbeKind.TESTS)).isCloseTo(4.0 / 7, within(1e-12));
    assertThat(score.value()).isCloseTo(4.0 / 7 * 0.9 + 3.0 / 7 * 0.5, within(1e-12));
    assertThat(score.renormalised()).isTrue();
    assertThat(score.explanation()).contains("weights renormalised", "lint not measured");
    assertThat(score.unavailable().get(ProbeKind.LINT))
        .isEqualTo("pylint: pylint not found; apt-get install pylint");
  }

  @Test
  void highSeveritySecurityFindingsCapTheScore() {
    List<ProbeResult> results =
        List.of(
            SampleResults.mavenTests(10, 0, 100, 100),
            SampleResults.lint(0, 1000),
            SampleResults.security(1));

    assertThat(QualityScoring.score(results, ScoreWeights.DEFAULT).value()).isZero();
    QualityScore capped =
        QualityScoring.score(results, ScoreWeights.builder().securityGateCap(0.5).build());
    assertThat(capped.value()).isEqualTo(0.5);
    assertThat(capped.securityGate()).isTrue();
    assertThat(capped.hints().get(0))
        .startsWith("Security: 1 finding (1 high severity, 1 blocking)");
    assertThat(
            QualityScoring.score(
                    List.of(SampleResults.mavenTests(10, 0, 100, 100), SampleResults.security(0)),
                    ScoreWeights.DEFAULT)
                .value())
        .isEqualTo(1.0);
  }

  @Test
  void hintsNameFailingTestsLowCoverageAndTopRules() {
    QualityScore score =
        QualityScoring.score(
            List.of(SampleResults.mavenTests(1, 2, 10, 100), SampleResults.lint(3, 100)),
            ScoreWeights.DEFAULT);

    assertThat(score.hints())
        .containsExactly(
            "Fix 2 failing tests: com.acme.CalcTest.fails0, com.acme.CalcTest.fails1.",
            "Line coverage is 10.0 %, below 80 %: test the uncovered code.",
            "Lint: 3 findings, 30.0 weighted per 1,000 lines of shipped code; heaviest rules: UnusedLocalVariable (2), "
                + "UseUtilityClass (1).");
  }

  @Test
  void lintHalvesAtTheConfiguredDensityAndNoTestsScoreZero() {
    QualityScore score =
        QualityScoring.score(
            List.of(SampleResults.lint(20, 1000), SampleResults.mavenTests(0, 0, 0, 0)),
            ScoreWeights.builder().lintHalfScoreDensity(20).build());

    assertThat(score.parts())
        .containsEntry(ProbeKind.LINT, 0.5)
        .containsEntry(ProbeKind.TESTS, 0.0);
    assertThat(score.hints()).contains("No test ran: add tests.");
  }

  @Test
  void lintFindingsWeighByPriorityAndFindingsInTestsDoNotCount() {
    ScoreWeights weights = ScoreWeights.DEFAULT;
    double clean = lintPart(List.of(), weights);
    double tenConventions = lintPart(repeat(finding("invalid-name", 5, "lib.py"), 10), weights);
    double oneWarning = lintPart(List.of(finding("unused-import", 3, "lib.py")), weights);
    double oneError = lintPart(List.of(finding("undefined-variable", 2, "lib.py")), weights);
    double oneFatal = lintPart(List.of(finding("syntax-error", 1, "lib.py")), weights);
    double inTests =
        lintPart(repeat(finding("undefined-variable", 2, "tests/test_lib.py"), 10), weights);

    assertThat(clean).isEqualTo(1.0);
    assertThat(tenConventions).isLessThan(clean).isGreaterThan(oneWarning);
    assertThat(oneWarning).isGreaterThan(oneError);
    assertThat(oneError).isGreaterThan(oneFatal);
    // 1 weighted finding (priority 3) in 100 lines: 10 per 1,000 lines, PMD halves at 30.
    assertThat(oneWarning).isCloseTo(1 / (1 + 10.0 / 30), within(1e-12));
    assertThat(inTests).isEqualTo(1.0);
  }

  @Test
  void eachLinterHasItsOwnHalfScoreDensityAndPartsAverageByLines() {
    ProbeResult pylint =
        new ProbeResult(
            "pylint",
            Set.of(ProbeKind.LINT),
            ProbeStatus.OK,
            "pylint",
            "",
            Duration.ZERO,
            null,
            null,
            new FindingsReport(repeat(finding("unused-import", 3, "lib.py"), 25), 1000, 1),
            null);
    ProbeResult pmd =
        new ProbeResult(
            "pmd",
            Set.of(ProbeKind.LINT),
            ProbeStatus.OK,
            "pmd",
            "",
            Duration.ZERO,
            null,
            null,
            new FindingsReport(
                repeat(finding("CloseResource", 3, "src/main/java/A.java"), 30), 3000, 1),
            null);

    QualityScore score = QualityScoring.score(List.of(pylint, pmd), ScoreWeights.DEFAULT);

    double pylintPart = 1 / (1 + 25.0 / 250);
    double pmdPart = 1 / (1 + 10.0 / 30);
    assertThat(score.parts().get(ProbeKind.LINT))
        .isCloseTo((1000 * pylintPart + 3000 * pmdPart) / 4000, within(1e-12));
  }

  @Test
  void theGateIgnoresSecretsInTestFixturesAndLowConfidenceFindings() {
    Finding fixtureKey =
        new Finding("private-key", 1, Severity.HIGH, "src/test/resources/ssl/server.key", 1, "key");
    Finding pythonFixture =
        new Finding("aws-access-key", 1, Severity.HIGH, "tests/data/config.ini", 3, "key");
    Finding guess =
        new Finding(
            "B602 subprocess_popen_with_shell_equals_true",
            1,
            Severity.HIGH,
            "lib/run.py",
            9,
            "shell",
            Confidence.MEDIUM);
    Finding shipped =
        new Finding("private-key", 1, Severity.HIGH, "src/main/resources/server.key", 1, "key");

    QualityScore reported =
        QualityScoring.score(
            List.of(
                SampleResults.mavenTests(10, 0, 100, 100),
                security(fixtureKey, pythonFixture, guess)),
            ScoreWeights.DEFAULT);
    QualityScore gated =
        QualityScoring.score(
            List.of(SampleResults.mavenTests(10, 0, 100, 100), security(fixtureKey, shipped)),
            ScoreWeights.DEFAULT);

    assertThat(reported.securityGate()).isFalse();
    assertThat(reported.value()).isEqualTo(1.0);
    assertThat(reported.hints().get(0)).startsWith("Security: 3 findings (3 high severity)");
    assertThat(reported.explanation())
        .contains("3 high-severity findings in tests or of lower confidence reported, not gating");
    assertThat(gated.securityGate()).isTrue();
    assertThat(gated.value()).isZero();
    assertThat(gated.explanation())
        .contains(
            "security gate: 1 high-severity, high-confidence finding outside tests "
                + "(e.g. private-key at src/main/resources/server.key:1)");
    assertThat(gated.hints().get(0))
        .contains("1 blocking")
        .contains("private-key at src/main/resources/server.key:1");
  }

  @Test
  void testCodeIsRecognisedByFolderAndName() {
    assertThat(
            List.of(
                "src/test/java/a/FooTest.java",
                "src/test/resources/x/server.key",
                "tests/test_a.py",
                "pkg/a_test.py",
                "conftest.py",
                "module/src/it/x/Main.java",
                "testdata/key.pem",
                "app/FooIT.java"))
        .allSatisfy(path -> assertThat(Finding.isTestPath(path)).as(path).isTrue());
    assertThat(
            List.of(
                "src/main/java/a/Foo.java",
                "src/main/resources/test/key.pem",
                "lib/attest.py",
                "setup.py",
                "config/server.key",
                "src/main/java/a/TestDataFactory.java"))
        .allSatisfy(path -> assertThat(Finding.isTestPath(path)).as(path).isFalse());
  }

  @Test
  void gradleTestSourceSetsAreTestCode() {
    assertThat(
            List.of(
                "module/a/src/dockerTest/resources/ssl/server.key",
                "module/a/src/intTest/java/a/Foo.java",
                "src/integrationTest/resources/client.pem",
                "core/src/testFixtures/java/a/Keys.java",
                "src/functionalTest/kotlin/a/B.kt"))
        .allSatisfy(path -> assertThat(Finding.isTestPath(path)).as(path).isTrue());
    assertThat(
            List.of(
                "src/main/resources/x.key",
                "src/contest/resources/x.key",
                "src/attestation/java/A.java",
                "lib/latest/server.key"))
        .allSatisfy(path -> assertThat(Finding.isTestPath(path)).as(path).isFalse());
  }

  private static double lintPart(List<Finding> findings, ScoreWeights weights) {
    ProbeResult lint =
        new ProbeResult(
            "pmd",
            Set.of(ProbeKind.LINT),
            ProbeStatus.OK,
            "pmd",
            "",
            Duration.ZERO,
            null,
            null,
            new FindingsReport(findings, 100, 1),
            null);
    return QualityScoring.score(List.of(lint), weights).parts().get(ProbeKind.LINT);
  }

  private static ProbeResult security(Finding... findings) {
    return new ProbeResult(
        "secrets",
        Set.of(ProbeKind.SECURITY),
        ProbeStatus.OK,
        "secrets",
        "",
        Duration.ZERO,
        null,
        null,
        null,
        new FindingsReport(List.of(findings), 100, 3));
  }

  private static Finding finding(String rule, int priority, String file) {
    Severity severity =
        priority <= 2 ? Severity.HIGH : priority == 3 ? Severity.MEDIUM : Severity.LOW;
    return new Finding(rule, priority, severity, file, 1, rule);
  }

  private static List<Finding> repeat(Finding finding, int times) {
    return java.util.Collections.nCopies(times, finding);
  }

  @Test
  void weightsFailFastNamingTheField() {
    assertThatThrownBy(() -> ScoreWeights.builder().tests(-1)).hasMessageContaining("tests");
    assertThatThrownBy(() -> ScoreWeights.builder().securityGateCap(2))
        .hasMessageContaining("securityGateCap");
    assertThatThrownBy(() -> ScoreWeights.builder().lintPriorityWeights(1, 2))
        .hasMessageContaining("lintPriorityWeights");
    assertThatThrownBy(() -> ScoreWeights.builder().lintHalfScoreDensity("pylint", 0))
        .hasMessageContaining("pylint");
    assertThatThrownBy(() -> ScoreWeights.builder().tests(0).lint(0).coverage(0).build())
        .hasMessageContaining("all be zero");
    assertThat(ScoreWeights.DEFAULT.toBuilder().build()).isEqualTo(ScoreWeights.DEFAULT);
  }
}
