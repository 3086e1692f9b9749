package dev.beca.core.learning;

import java.util.List;
import java.util.Optional;

/**
 * The patterns BECA has learned: solutions that worked, and architectures, frameworks and build
 * setups mined from repositories.
 *
 * <p>Implementations are thread-safe and safe to use from several processes at once, commit each
 * save before returning, redact secrets in every text before storing it (recording an alert where
 * they keep alerts), and translate storage errors into {@link dev.beca.core.StorageException}. The
 * contract test {@code dev.beca.core.learning.PatternStoreContract} in beca-core's test-jar states
 * the rules.
 */
public interface PatternStore {

  /**
   * Saves a pattern. A pattern with the same {@link NewPattern#identity() identity} as a stored one
   * is not a second row: the stored one gets the new evidence links (the newest {@link
   * NewPattern#MAX_EVIDENCE} kept), the tools it did not have, the new performance notes when not
   * empty, and one more occurrence &mdash; unless every evidence link given is already stored and
   * at least one was given (the same evidence seen again, e.g. a repository mined twice, is not a
   * new occurrence).
   *
   * @param pattern the pattern
   * @return the stored pattern after the save
   */
  Pattern save(NewPattern pattern);

  /**
   * Finds patterns by keywords in their texts (task type, request, summary, tools, architecture,
   * frameworks, notes). Any text is accepted: its words are matched without case, a pattern
   * matching more of them ranks first.
   *
   * @param query the words; not blank
   * @param limit how many at most; positive
   * @return the matches, best first
   * @throws dev.beca.core.InvalidInputException when the query has no word
   */
  List<Pattern> search(String query, int limit);

  /**
   * Lists patterns, the most often seen first (then the most recently seen).
   *
   * @param kind only this kind, or empty for all
   * @param limit how many at most; positive
   * @return the patterns
   */
  List<Pattern> list(Optional<PatternKind> kind, int limit);

  /**
   * One pattern.
   *
   * @param id its id
   * @return the pattern, or empty when there is none with that id
   */
  Optional<Pattern> get(long id);
}
