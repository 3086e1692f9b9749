/**
 * Learning from experience: lessons learned from conversations, benchmark runs and improvement
 * attempts ({@link dev.beca.core.learning.Lesson}, {@link dev.beca.core.learning.LessonStore}), the
 * decision whether a new lesson repeats, contradicts or adds to a stored one ({@link
 * dev.beca.core.learning.LessonMatcher}) and their extraction from a successful turn by the general
 * model ({@link dev.beca.core.learning.LessonExtractor}); patterns (solutions that worked;
 * architectures, frameworks and build setups mined from repositories) and the background learning
 * loop.
 *
 * <p>A {@link dev.beca.core.learning.PatternStore} keeps {@link dev.beca.core.learning.Pattern}s,
 * counting a pattern seen again instead of storing it twice; a {@link
 * dev.beca.core.learning.RepositoryMiner} reads a repository's build files, layout and imports
 * without any model; the {@link dev.beca.core.learning.LearningLoop} works through the learning
 * queue at a bounded rate, handing each item to a {@link dev.beca.core.learning.LearningWork}. See
 * {@code docs/learning.md}.
 */
package dev.beca.core.learning;
