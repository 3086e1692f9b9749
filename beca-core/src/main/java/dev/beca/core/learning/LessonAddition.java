package dev.beca.core.learning;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link LessonStore#add} did with a new lesson.
 *
 * @param outcome added, merged into a stored lesson, or superseding one
 * @param lesson the lesson that now holds the knowledge: the new row when {@link Outcome#ADDED} or
 *     {@link Outcome#SUPERSEDED}, the stored lesson with the new evidence when {@link
 *     Outcome#MERGED}
 * @param previous for {@link Outcome#MERGED} the id merged into (the same as {@code lesson.id()}),
 *     for {@link Outcome#SUPERSEDED} the id of the lesson replaced (kept as history); empty for
 *     {@link Outcome#ADDED}
 * @param mergedText for {@link Outcome#MERGED}, the {@link MergedText} that keeps the new text
 *     ({@link LessonStore#split} undoes the merge); empty for an exact repeat of the lesson's text
 *     and for the other outcomes
 */
public record LessonAddition(
    Outcome outcome, Lesson lesson, OptionalLong previous, OptionalLong mergedText) {

  /** The three things an addition can do. */
  public enum Outcome {
    /** A new lesson: no stored one said the same or the opposite. */
    ADDED,
    /** A near-duplicate: its evidence joined the stored lesson, no row was added. */
    MERGED,
    /** A contradiction: the new lesson replaced the stored one, which is kept as history. */
    SUPERSEDED
  }

  /**
   * Checks that the previous id is there exactly when the outcome needs it, and a merged text only
   * for a merge.
   */
  public LessonAddition {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(lesson, "lesson");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(mergedText, "mergedText");
    if (previous.isPresent() == (outcome == Outcome.ADDED)) {
      throw new IllegalArgumentException(
          "previous must be present exactly for MERGED and SUPERSEDED, outcome " + outcome);
    }
    if (mergedText.isPresent() && outcome != Outcome.MERGED) {
      throw new IllegalArgumentException("only a merge keeps a merged text, outcome " + outcome);
    }
  }

  /**
   * An addition that kept no merged text.
   *
   * @param outcome added, merged into a stored lesson (an exact repeat), or superseding one
   * @param lesson the lesson that now holds the knowledge
   * @param previous the id merged into or superseded; empty for {@link Outcome#ADDED}
   */
  public LessonAddition(Outcome outcome, Lesson lesson, OptionalLong previous) {
    this(outcome, lesson, previous, OptionalLong.empty());
  }
}
