package dev.beca.memory.internal;

import dev.beca.core.learning.LessonSource;
import dev.beca.core.learning.MergedText;
import java.time.Instant;

/** A row of {@code lesson_merged_texts} (V18), as MyBatis maps it. */
record MergedTextRow(
    long id,
    long lessonId,
    String text,
    String category,
    String source,
    String evidence,
    double confidence,
    String addedEvidence,
    double confidenceGain,
    long mergedAt) {

  /** The columns in the order of the constructor. */
  static final String COLUMNS =
      "id, lesson_id, text, category, source, evidence, confidence, added_evidence,"
          + " confidence_gain, merged_at";

  MergedText toMergedText() {
    return new MergedText(
        id,
        lessonId,
        text,
        category,
        LessonSource.valueOf(source),
        LessonRow.links(evidence),
        confidence,
        Instant.ofEpochMilli(mergedAt));
  }
}
