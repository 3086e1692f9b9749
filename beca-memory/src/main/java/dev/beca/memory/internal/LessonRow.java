package dev.beca.memory.internal;

import dev.beca.core.learning.Lesson;
import dev.beca.core.learning.LessonSource;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A row of {@code lessons}, as MyBatis maps it. */
record LessonRow(
    long id,
    String text,
    String category,
    String source,
    String evidence,
    long createdAt,
    long updatedAt,
    double confidence,
    long reuseCount,
    Long lastUsedAt,
    Long supersededBy,
    Long embeddingId) {

  /** The columns in the order of the constructor. */
  static final String COLUMNS =
      "id, text, category, source, evidence, created_at, updated_at, confidence, reuse_count,"
          + " last_used_at, superseded_by, embedding_id";

  Lesson toLesson() {
    return new Lesson(
        id,
        text,
        category,
        LessonSource.valueOf(source),
        links(evidence),
        Instant.ofEpochMilli(createdAt),
        Instant.ofEpochMilli(updatedAt),
        confidence,
        reuseCount,
        Optional.ofNullable(lastUsedAt).map(Instant::ofEpochMilli),
        supersededBy == null ? OptionalLong.empty() : OptionalLong.of(supersededBy));
  }

  static List<String> links(String evidence) {
    return evidence.isEmpty() ? List.of() : Arrays.asList(evidence.split("\n"));
  }

  static String evidence(List<String> links) {
    return String.join("\n", links);
  }
}
