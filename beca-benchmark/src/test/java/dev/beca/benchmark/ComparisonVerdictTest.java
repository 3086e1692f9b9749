package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.SampleResults;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict line of a comparison: worse wins over better, same when nothing moved. */
class ComparisonVerdictTest {

  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aNewlyFailingTestMakesTheRevisionWorseWhateverElseImproved() {
    BenchmarkResult a = result(10, 0, 50);
    BenchmarkResult b = result(9, 1, 90);

    Comparison.Verdict verdict = Comparison.of("A", "B", a, b).verdict();

    assertThat(verdict.outcome()).isEqualTo(Comparison.Outcome.WORSE);
    assertThat(verdict.reasons())
        .contains("tests.failed 0 -> 1", "newly failing: com.acme.CalcTest.fails0")
        .noneMatch(r -> r.startsWith("coverage.lines"));
    assertThat(verdict.line())
        .startsWith("verdict: worse (")
        .contains("; newly failing: com.acme.CalcTest.fails0");
  }

  @Test
  void aFixedTestAndMoreCoverageMakeItBetter() {
    Comparison.Verdict verdict =
        Comparison.of("A", "B", result(9, 1, 50), result(10, 0, 60)).verdict();

    assertThat(verdict.outcome()).isEqualTo(Comparison.Outcome.BETTER);
    assertThat(verdict.reasons())
        .contains("tests.failed 1 -> 0", "coverage.lines 0.5000 -> 0.6000");
  }

  @Test
  void identicalFiguresAreTheSame() {
    Comparison.Verdict verdict =
        Comparison.of("A", "B", result(10, 0, 50), result(10, 0, 50)).verdict();

    assertThat(verdict.outcome()).isEqualTo(Comparison.Outcome.SAME);
    assertThat(verdict.line()).isEqualTo("verdict: same (no measured figure changed)");
  }

  private static BenchmarkResult result(int passed, int failed, int covered) {
    return SampleResults.result(
        "calc",
        AT,
        "",
        List.of(
            SampleResults.mavenTests(passed, failed, covered, 100), SampleResults.lint(3, 1000)));
  }
}
