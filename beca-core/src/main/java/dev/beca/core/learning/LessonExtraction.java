package dev.beca.core.learning;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link LessonExtractor} got from the model for one turn.
 *
 * @param lessons the lessons parsed from the reply (none when the model said there was nothing to
 *     learn, or when the extraction failed)
 * @param rawReply the model's reply as received (empty when the call itself failed)
 * @param failure why the extraction failed: the reply was not in the format, or the model call
 *     failed; empty when it succeeded. A failed extraction never invents a lesson.
 */
public record LessonExtraction(List<NewLesson> lessons, String rawReply, Optional<String> failure) {

  /** Copies the lessons and checks that a failed extraction holds none. */
  public LessonExtraction {
    lessons = List.copyOf(lessons);
    Objects.requireNonNull(rawReply, "rawReply");
    Objects.requireNonNull(failure, "failure");
    if (failure.isPresent() && !lessons.isEmpty()) {
      throw new IllegalArgumentException("a failed extraction holds no lessons");
    }
  }

  /** Whether the extraction failed (see {@link #failure()}). */
  public boolean failed() {
    return failure.isPresent();
  }
}
