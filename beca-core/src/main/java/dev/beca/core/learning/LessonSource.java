package dev.beca.core.learning;

/** Where a lesson was learned. */
public enum LessonSource {
  /** A conversation turn or session with the assistant (or added by a person). */
  CONVERSATION,
  /** A benchmark run of a project's code quality. */
  BENCHMARK,
  /** A self-improvement attempt (applied or rolled back). */
  IMPROVEMENT
}
