/**
 * Learning from experience: lessons learned from conversations, benchmark runs and improvement
 * attempts ({@link dev.beca.core.learning.Lesson}, {@link dev.beca.core.learning.LessonStore}), the
 * decision whether a new lesson repeats, contradicts or adds to a stored one ({@link
 * dev.beca.core.learning.LessonMatcher}) and their extraction from a successful turn by the general
 * model ({@link dev.beca.core.learning.LessonExtractor}).
 */
package dev.beca.core.learning;
