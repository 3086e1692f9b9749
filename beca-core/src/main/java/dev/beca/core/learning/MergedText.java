package dev.beca.core.learning;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A lesson text that {@link LessonStore#add} merged into a stored lesson as a near-duplicate, kept
 * with what it came with, so that a wrong merge loses nothing and can be undone ({@link
 * LessonStore#split}). The merge decision is not always right (see docs/learning.md for its
 * measured precision): the text is kept rather than dropped. A text that repeats the stored
 * lesson's text exactly keeps none.
 *
 * @param id the merged text's id
 * @param lessonId the lesson it merged into
 * @param text the text as it was added (secrets redacted)
 * @param category its category
 * @param source where it came from
 * @param evidence the evidence links it came with, in their order; when the same text merged into
 *     the lesson again, the links of every time
 * @param confidence the confidence it came with
 * @param mergedAt when it first merged
 */
public record MergedText(
    long id,
    long lessonId,
    String text,
    String category,
    LessonSource source,
    List<String> evidence,
    double confidence,
    Instant mergedAt) {

  /** Checks that no component is missing and copies the evidence. */
  public MergedText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(source, "source");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(mergedAt, "mergedAt");
    if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
    }
  }
}
