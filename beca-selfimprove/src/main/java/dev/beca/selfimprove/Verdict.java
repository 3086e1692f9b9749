package dev.beca.selfimprove;

import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.MeasureDelta.Change;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The evaluator's judgement of a proposal: accepted only when no measure got worse and at least one
 * got better. Each measure is named with its value before (the base revision) and after.
 *
 * @param deltas every measure compared, in step order
 */
public record Verdict(List<MeasureDelta> deltas) {

  /** Copies the list. */
  public Verdict {
    deltas = List.copyOf(deltas);
  }

  /** Whether the proposal is accepted: nothing worse and something better. */
  public boolean accepted() {
    return worse().isEmpty() && deltas.stream().anyMatch(d -> d.change() == Change.BETTER);
  }

  /** The measures that got worse. */
  public List<MeasureDelta> worse() {
    return deltas.stream().filter(d -> d.change() == Change.WORSE).toList();
  }

  /**
   * One line: {@code accepted: tests.failing 1 -> 0 (better: ...)} or {@code rejected: ...} naming
   * the worse measures (or saying that nothing got better).
   */
  public String summary() {
    if (accepted()) {
      return "accepted: "
          + deltas.stream()
              .filter(d -> d.change() == Change.BETTER)
              .map(MeasureDelta::describe)
              .collect(Collectors.joining("; "));
    }
    if (!worse().isEmpty()) {
      return "rejected, worse: "
          + worse().stream().map(MeasureDelta::describe).collect(Collectors.joining("; "));
    }
    return "rejected: no measure got better"
        + (deltas.isEmpty()
            ? ""
            : " ("
                + deltas.stream().map(MeasureDelta::describe).collect(Collectors.joining("; "))
                + ")");
  }
}
