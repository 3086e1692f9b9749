package dev.beca.core.learning;

/** How a new lesson relates to a stored one, as {@link LessonMatcher} decides. */
public enum LessonRelation {
  /** About something else, or saying something else: a lesson of its own. */
  DISTINCT,
  /** The same lesson in other words: merged into the stored one. */
  DUPLICATE,
  /** The same subject with the opposite recommendation: supersedes the stored one. */
  CONTRADICTION
}
