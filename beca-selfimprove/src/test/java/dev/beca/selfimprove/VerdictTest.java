package dev.beca.selfimprove;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.MeasureDelta.Change;
import dev.beca.core.improve.StepRecord.StepOutcome;
import dev.beca.selfimprove.internal.Judge;
import dev.beca.selfimprove.spi.Measure;
import dev.beca.selfimprove.spi.StepResult;
import dev.beca.selfimprove.spi.TestReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The acceptance rule: nothing worse, at least one measure better, each named before/after. */
class VerdictTest {

  private static StepResult result(StepOutcome outcome, TestReport tests, Measure... measures) {
    return new StepResult(outcome, "", tests, List.of(measures), List.of());
  }

  @Test
  void aFixedTestWithNothingBrokenIsAccepted() {
    StepResult base = result(StepOutcome.FAILED, new TestReport(Set.of("t.sub"), Set.of("t.add")));
    StepResult after =
        result(StepOutcome.PASSED, new TestReport(Set.of("t.sub", "t.add"), Set.of()));

    Verdict v = new Verdict(Judge.compare("tests", base, after));

    assertThat(v.accepted()).isTrue();
    assertThat(v.summary())
        .contains("step.tests failed -> passed (better)")
        .contains("tests.tests.failing 1 -> 0 (better: now passing: t.add)");
  }

  @Test
  void aTestThatDisappearsCountsAsBrokenSoDeletingTestsCannotWin() {
    StepResult base = result(StepOutcome.FAILED, new TestReport(Set.of("t.sub"), Set.of("t.add")));
    StepResult after = result(StepOutcome.PASSED, new TestReport(Set.of("t.add"), Set.of()));

    Verdict v = new Verdict(Judge.compare("tests", base, after));

    assertThat(v.accepted()).isFalse();
    assertThat(v.worse()).extracting(MeasureDelta::name).containsExactly("tests.tests.broken");
  }

  @Test
  void changesWithinTheNoiseAreTheSameAndNothingBetterIsRejected() {
    StepResult base =
        result(StepOutcome.PASSED, TestReport.none(), new Measure("time.ms", 100, false, 10));
    StepResult after =
        result(StepOutcome.PASSED, TestReport.none(), new Measure("time.ms", 108, false, 10));

    Verdict v = new Verdict(Judge.compare("perf", base, after));

    assertThat(v.deltas())
        .filteredOn(d -> d.name().equals("time.ms"))
        .extracting(MeasureDelta::change)
        .containsExactly(Change.SAME);
    assertThat(v.accepted()).isFalse();
    assertThat(v.summary()).startsWith("rejected: no measure got better");
  }

  @Test
  void aRegressionBeyondTheNoiseIsWorseEvenWithAnImprovementElsewhere() {
    StepResult base =
        result(
            StepOutcome.PASSED,
            TestReport.none(),
            new Measure("time.ms", 100, false, 10),
            new Measure("coverage.line", 0.70, true, 0.001));
    StepResult after =
        result(
            StepOutcome.PASSED,
            TestReport.none(),
            new Measure("time.ms", 150, false, 10),
            new Measure("coverage.line", 0.80, true, 0.001));

    Verdict v = new Verdict(Judge.compare("perf", base, after));

    assertThat(v.accepted()).isFalse();
    assertThat(v.summary()).startsWith("rejected, worse: time.ms 100 -> 150 (worse");
  }

  /**
   * A check that fails on the base and on the proposal alike without reporting any test or measure
   * (the project's tests never ran, e.g. a test JVM that aborts) cannot vouch for the proposal: it
   * must not count as "the same" while another measure makes the proposal look better.
   */
  @Test
  void aStepThatFailsOnBothWithoutAnyReportRejectsInsteadOfCountingAsTheSame() {
    StepResult base = StepResult.of(StepOutcome.FAILED, "the forked VM terminated");
    StepResult after = StepResult.of(StepOutcome.FAILED, "the forked VM terminated");
    StepResult analysisBase =
        result(StepOutcome.PASSED, TestReport.none(), new Measure("analysis.issues", 58, false, 0));
    StepResult analysisAfter =
        result(StepOutcome.PASSED, TestReport.none(), new Measure("analysis.issues", 57, false, 0));
    List<MeasureDelta> deltas =
        new ArrayList<>(Judge.compare("analysis", analysisBase, analysisAfter));
    deltas.addAll(Judge.compare("tests", base, after));

    Verdict v = new Verdict(deltas);

    assertThat(v.accepted()).isFalse();
    assertThat(v.summary()).contains("step.tests").contains("cannot be judged");
  }

  @Test
  void aStepThatFailsOnBothButReportsItsTestsIsJudgedOnThem() {
    StepResult base = result(StepOutcome.FAILED, new TestReport(Set.of("t.sub"), Set.of("t.add")));
    StepResult after = result(StepOutcome.FAILED, new TestReport(Set.of("t.sub"), Set.of("t.add")));

    Verdict v = new Verdict(Judge.compare("tests", base, after));

    assertThat(v.worse()).isEmpty();
  }
}
