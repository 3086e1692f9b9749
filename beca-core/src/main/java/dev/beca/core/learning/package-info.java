/**
 * Learning from experience: patterns (solutions that worked; architectures, frameworks and build
 * setups mined from repositories) and the background learning loop.
 *
 * <p>A {@link dev.beca.core.learning.PatternStore} keeps {@link dev.beca.core.learning.Pattern}s,
 * counting a pattern seen again instead of storing it twice; a {@link
 * dev.beca.core.learning.RepositoryMiner} reads a repository's build files, layout and imports
 * without any model; the {@link dev.beca.core.learning.LearningLoop} works through the learning
 * queue at a bounded rate, handing each item to a {@link dev.beca.core.learning.LearningWork}. See
 * {@code docs/learning.md}.
 */
package dev.beca.core.learning;
