package dev.beca.core.learning;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stored lesson: something learned that may help a later turn.
 *
 * @param id the store's id, positive
 * @param text what was learned, one or a few sentences (secrets redacted)
 * @param category a {@link LessonCategory} word
 * @param source where it was learned
 * @param evidence links to what supports it, such as {@code message:123} or {@code
 *     benchmark-result:7}; {@code against:message:456} marks a turn that used it and failed
 * @param createdAt when it was first stored
 * @param updatedAt when it last changed (merged evidence, confidence, superseded)
 * @param confidence how far it is trusted, 0 to 1
 * @param reuseCount how many prompts it entered
 * @param lastUsedAt when it last entered a prompt
 * @param supersededBy the lesson that replaced it after a contradiction; a superseded lesson is
 *     kept as history but no longer found or used
 */
public record Lesson(
    long id,
    String text,
    String category,
    LessonSource source,
    List<String> evidence,
    Instant createdAt,
    Instant updatedAt,
    double confidence,
    long reuseCount,
    Optional<Instant> lastUsedAt,
    OptionalLong supersededBy) {

  /** Checks the fields and copies the evidence. */
  public Lesson {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(source, "source");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(supersededBy, "supersededBy");
    if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
    }
  }

  /** Whether a later lesson replaced this one. */
  public boolean isSuperseded() {
    return supersededBy.isPresent();
  }
}
