package dev.beca.core.improve;

import java.util.Objects;

/**
 * One measure of a proposal, before (on the base revision) and after (with the proposal).
 *
 * @param name what was measured ({@code tests.failing}, {@code step.compile}, {@code
 *     lint.findings})
 * @param before its value on the base revision, in words or figures ({@code "3"}, {@code "passed"})
 * @param after its value with the proposal
 * @param change whether it got better, worse, stayed the same or could not be compared
 * @param detail why, in words (the tests that newly fail); may be empty
 */
public record MeasureDelta(String name, String before, String after, Change change, String detail) {

  /** How a measure changed. */
  public enum Change {
    BETTER,
    WORSE,
    SAME,
    UNMEASURED
  }

  /** Validates the fields. */
  public MeasureDelta {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(change, "change");
    detail = detail == null ? "" : detail;
  }

  /** {@code name before -> after (change)}, for a verdict line. */
  public String describe() {
    return name
        + " "
        + before
        + " -> "
        + after
        + " ("
        + change.name().toLowerCase(java.util.Locale.ROOT)
        + (detail.isEmpty() ? "" : ": " + detail)
        + ")";
  }
}
