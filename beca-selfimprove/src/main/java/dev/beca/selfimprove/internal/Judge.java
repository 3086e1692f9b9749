package dev.beca.selfimprove.internal;

import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.MeasureDelta.Change;
import dev.beca.core.improve.StepRecord.StepOutcome;
import dev.beca.selfimprove.spi.Measure;
import dev.beca.selfimprove.spi.StepResult;
import dev.beca.selfimprove.spi.TestReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Compares one step's result on a proposal with its result on the base revision. */
public final class Judge {

  private Judge() {}

  /**
   * The deltas of one step.
   *
   * @param step the step's name
   * @param base its result on the base revision; null when it does not run there
   * @param after its result with the proposal
   * @return the measures with their change
   */
  public static List<MeasureDelta> compare(String step, StepResult base, StepResult after) {
    List<MeasureDelta> deltas = new ArrayList<>();
    if (base != null) {
      if (unjudgeable(base, after)) {
        // Both fail and nothing was measured (e.g. no test ran): "the same" would let a proposal
        // pass a check that never looked at it.
        deltas.add(
            new MeasureDelta(
                "step." + step,
                label(base.outcome()),
                label(after.outcome()),
                Change.WORSE,
                "the step fails on the base revision too and reports no test or measure, so the"
                    + " proposal cannot be judged on it; make the step pass on the base first"));
        deltas.addAll(after.deltas());
        return deltas;
      }
      deltas.add(outcome(step, base.outcome(), after.outcome()));
      tests(step, base.tests(), after.tests(), deltas);
      measures(base.measures(), after.measures(), deltas);
    } else if (after.outcome() == StepOutcome.TIMED_OUT
        || after.outcome() == StepOutcome.STOPPED
        || after.outcome() == StepOutcome.ERROR) {
      deltas.add(
          new MeasureDelta(
              "step." + step, "-", label(after.outcome()), Change.WORSE, after.detail()));
    }
    deltas.addAll(after.deltas());
    return deltas;
  }

  private static boolean unjudgeable(StepResult base, StepResult after) {
    return base.outcome() != StepOutcome.PASSED
        && after.outcome() != StepOutcome.PASSED
        && base.tests().isEmpty()
        && after.tests().isEmpty()
        && base.measures().isEmpty()
        && after.measures().isEmpty();
  }

  private static MeasureDelta outcome(String step, StepOutcome before, StepOutcome after) {
    boolean was = before == StepOutcome.PASSED;
    boolean is = after == StepOutcome.PASSED;
    Change change = was == is ? Change.SAME : is ? Change.BETTER : Change.WORSE;
    if (!was && !is && before != after && after != StepOutcome.FAILED) {
      change = Change.WORSE; // failed before, now times out or is stopped: not the same
    }
    return new MeasureDelta("step." + step, label(before), label(after), change, "");
  }

  private static void tests(
      String step, TestReport before, TestReport after, List<MeasureDelta> deltas) {
    if (before.isEmpty() && after.isEmpty()) {
      return;
    }
    Set<String> broken = new LinkedHashSet<>(before.passed());
    broken.removeAll(after.passed());
    deltas.add(
        new MeasureDelta(
            step + ".tests.broken",
            "0",
            Integer.toString(broken.size()),
            broken.isEmpty() ? Change.SAME : Change.WORSE,
            broken.isEmpty()
                ? ""
                : "passed before, now failing or missing: " + String.join(", ", broken)));
    Set<String> fixed = new LinkedHashSet<>(before.failed());
    fixed.retainAll(after.passed());
    Set<String> newFailures = new LinkedHashSet<>(after.failed());
    newFailures.removeAll(before.failed());
    Change failing =
        !newFailures.isEmpty()
            ? Change.WORSE
            : after.failed().size() < before.failed().size() ? Change.BETTER : Change.SAME;
    String detail =
        !newFailures.isEmpty()
            ? "newly failing: " + String.join(", ", newFailures)
            : fixed.isEmpty() ? "" : "now passing: " + String.join(", ", fixed);
    deltas.add(
        new MeasureDelta(
            step + ".tests.failing",
            Integer.toString(before.failed().size()),
            Integer.toString(after.failed().size()),
            failing,
            detail));
    int p0 = before.passed().size();
    int p1 = after.passed().size();
    deltas.add(
        new MeasureDelta(
            step + ".tests.passing",
            Integer.toString(p0),
            Integer.toString(p1),
            p1 > p0 ? Change.BETTER : p1 < p0 ? Change.WORSE : Change.SAME,
            ""));
  }

  private static void measures(
      List<Measure> before, List<Measure> after, List<MeasureDelta> deltas) {
    Map<String, Measure> was =
        before.stream().collect(Collectors.toMap(Measure::name, Function.identity(), (a, b) -> b));
    for (Measure m : after) {
      Measure b = was.get(m.name());
      if (b == null) {
        deltas.add(
            new MeasureDelta(
                m.name(), "-", format(m.value()), Change.UNMEASURED, "not measured on the base"));
        continue;
      }
      double d = m.value() - b.value();
      double noise = Math.max(m.noise(), b.noise());
      Change change =
          Math.abs(d) <= noise
              ? Change.SAME
              : (d > 0) == m.higherIsBetter() ? Change.BETTER : Change.WORSE;
      deltas.add(
          new MeasureDelta(
              m.name(),
              format(b.value()),
              format(m.value()),
              change,
              noise > 0 ? "noise " + format(noise) : ""));
    }
    for (Measure b : before) {
      if (after.stream().noneMatch(m -> m.name().equals(b.name()))) {
        deltas.add(
            new MeasureDelta(b.name(), format(b.value()), "-", Change.WORSE, "no longer measured"));
      }
    }
  }

  private static String label(StepOutcome o) {
    return o.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }
}
