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

  private static final QualityProbe LINTER = new QualityProbe() {
    @Override public String name() { return "pylint"; }
    @Override public Set<ProbeKind> measures() { return Set.of(ProbeKind.LINT); }
    @Override public boolean appliesTo(java.nio.file.Path projectRoot) { return true; }
    @Override public String fingerprint() { return "pylint"; }
    @Override public ProbeResult run(ProbeContext context) { throw new UnsupportedOperationException(); }
  };

  @Test
  void allPartsMeasuredUseTheStockWeights() {
    // tests 8/10 = 0.8; coverage 60/100 = 0.6; lint 10 findings in 1,000 lines = 10 per 1,000 -> 1/(1+1) = 0.5
    QualityScore score = QualityScoring.score(List.of(SampleResults.mavenTests(8, 2, 60, 100),
        SampleResults.lint(10, 1000)), ScoreWeights.DEFAULT);

    assertThat(score.value()).isCloseTo(0.4 * 0.8 + 0.3 * 0.6 + 0.3 * 0.5, within(1e-12));
    assertThat(score.parts()).containsEntry(ProbeKind.TESTS, 0.8).containsEntry(ProbeKind.COVERAGE, 0.6)
        .containsEntry(ProbeKind.LINT, 0.5);
    assertThat(score.renormalised()).isFalse();
    assertThat(score.explanation()).isEqualTo("tests 0.800 x 0.40 + coverage 0.600 x 0.30 + lint 0.500 x 0.30 = 0.650");
    assertThat(score.unavailable()).containsOnlyKeys(ProbeKind.SECURITY);
  }

  @Test
  void missingPartsAreRenormalisedAndSaidSo() {
    ProbeResult unavailable = ProbeResult.without(LINTER, ProbeStatus.UNAVAILABLE, "pylint not found; apt-get install pylint",
        "", Duration.ZERO);

    QualityScore score = QualityScoring.score(List.of(SampleResults.mavenTests(9, 1, 50, 100), unavailable),
        ScoreWeights.DEFAULT);

    // Only tests (0.4) and coverage (0.3) measured: weights become 4/7 and 3/7.
    assertThat(score.weights().get(ProbeKind.TESTS)).isCloseTo(4.0 / 7, within(1e-12));
    assertThat(score.value()).isCloseTo(4.0 / 7 * 0.9 + 3.0 / 7 * 0.5, within(1e-12));
    assertThat(score.renormalised()).isTrue();
    assertThat(score.explanation()).contains("weights renormalised", "lint not measured");
    assertThat(score.unavailable().get(ProbeKind.LINT)).isEqualTo("pylint: pylint not found; apt-get install pylint");
  }

  @Test
  void highSeveritySecurityFindingsCapTheScore() {
    List<ProbeResult> results = List.of(SampleResults.mavenTests(10, 0, 100, 100), SampleResults.lint(0, 1000),
        SampleResults.security(1));

    assertThat(QualityScoring.score(results, ScoreWeights.DEFAULT).value()).isZero();
    QualityScore capped = QualityScoring.score(results, ScoreWeights.builder().securityGateCap(0.5).build());
    assertThat(capped.value()).isEqualTo(0.5);
    assertThat(capped.securityGate()).isTrue();
    assertThat(capped.hints().get(0)).startsWith("Security: 1 finding (1 high severity)");
    assertThat(QualityScoring.score(List.of(SampleResults.mavenTests(10, 0, 100, 100), SampleResults.security(0)),
        ScoreWeights.DEFAULT).value()).isEqualTo(1.0);
  }

  @Test
  void hintsNameFailingTestsLowCoverageAndTopRules() {
    QualityScore score = QualityScoring.score(List.of(SampleResults.mavenTests(1, 2, 10, 100),
        SampleResults.lint(3, 100)), ScoreWeights.DEFAULT);

    assertThat(score.hints()).containsExactly(
        "Fix 2 failing tests: com.acme.CalcTest.fails0, com.acme.CalcTest.fails1.",
        "Line coverage is 10.0 %, below 80 %: test the uncovered code.",
        "Lint: 3 findings, 30.0 per 1,000 lines; most frequent rules: UnusedLocalVariable (2), UseUtilityClass (1).");
  }

  @Test
  void lintHalvesAtTheConfiguredDensityAndNoTestsScoreZero() {
    QualityScore score = QualityScoring.score(List.of(SampleResults.lint(20, 1000),
        SampleResults.mavenTests(0, 0, 0, 0)), ScoreWeights.builder().lintHalfScoreDensity(20).build());

    assertThat(score.parts()).containsEntry(ProbeKind.LINT, 0.5).containsEntry(ProbeKind.TESTS, 0.0);
    assertThat(score.hints()).contains("No test ran: add tests.");
  }

  @Test
  void weightsFailFastNamingTheField() {
    assertThatThrownBy(() -> ScoreWeights.builder().tests(-1)).hasMessageContaining("tests");
    assertThatThrownBy(() -> ScoreWeights.builder().securityGateCap(2)).hasMessageContaining("securityGateCap");
    assertThatThrownBy(() -> ScoreWeights.builder().tests(0).lint(0).coverage(0).build()).hasMessageContaining("all be zero");
    assertThat(ScoreWeights.DEFAULT.toBuilder().build()).isEqualTo(ScoreWeights.DEFAULT);
  }
}
