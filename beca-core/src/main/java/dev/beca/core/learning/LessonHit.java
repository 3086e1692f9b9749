package dev.beca.core.learning;

import java.util.Objects;

/**
 * A lesson found by {@link LessonStore#search}.
 *
 * @param lesson the lesson
 * @param score the fused rank score, higher is better; comparable only within one result list
 */
public record LessonHit(Lesson lesson, double score) {

  /** Checks that the lesson is there. */
  public LessonHit {
    Objects.requireNonNull(lesson, "lesson");
  }
}
