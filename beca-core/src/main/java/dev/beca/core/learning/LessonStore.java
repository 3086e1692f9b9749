package dev.beca.core.learning;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Lessons learned, with their evidence, confidence, use and history.
 *
 * <p>Every store must (and {@code LessonStoreContract} in beca-core's test-jar checks it):
 *
 * <ul>
 *   <li>redact secrets from a lesson's text and evidence before storing them;
 *   <li>compare a new lesson with the stored ones through a {@link LessonMatcher}: a near-duplicate
 *       merges into the stored lesson (its evidence is added, no row is added), a contradiction
 *       supersedes it (the new lesson is added, the old one keeps its text with {@link
 *       Lesson#supersededBy()} set and is no longer searched or listed), anything else is added;
 *   <li>make the decision and the write one atomic step, so that two threads or processes adding
 *       the same lesson at once leave one row;
 *   <li>commit every write before the call returns.
 * </ul>
 *
 * <pre>{@code
 * LessonAddition added = kb.lessons().add(
 *     NewLesson.of(LessonCategory.TOOLING, "Run mvn with -o when the network is down."));
 * List<LessonHit> hits = kb.lessons().search("maven offline", 5);
 * }</pre>
 */
public interface LessonStore {

  /**
   * Stores a lesson, merging it into a near-duplicate or superseding a contradicted lesson.
   *
   * @param lesson the lesson
   * @return what was done, with the lesson as it is stored now
   */
  LessonAddition add(NewLesson lesson);

  /**
   * Lessons relevant to a text, by keyword and meaning (reciprocal rank fusion where the store has
   * embeddings), best first; superseded lessons are left out. Any text is accepted.
   *
   * @param query the text, e.g. the user's question
   * @param limit the most hits, positive
   * @return the hits
   * @throws dev.beca.core.InvalidInputException when the query is blank
   */
  List<LessonHit> search(String query, int limit);

  /**
   * The most useful lessons: by reuse count, then confidence, then newest first; superseded lessons
   * are left out.
   *
   * @param category only this category (checked like {@link LessonCategory#check}), or all
   * @param limit the most lessons, positive
   * @return the lessons
   */
  List<Lesson> top(Optional<String> category, int limit);

  /**
   * A lesson, superseded or not.
   *
   * @param id the id
   * @return the lesson, or empty when there is none with this id
   */
  Optional<Lesson> find(long id);

  /**
   * Removes a lesson and the lessons it superseded (its history).
   *
   * @param id the id
   * @return the ids removed, the given one first
   * @throws dev.beca.core.NotFoundException when there is no lesson with this id
   */
  List<Long> forget(long id);

  /**
   * Records that lessons entered the prompt of a turn: each one's reuse count grows by one and its
   * last use becomes now. Ids of lessons that no longer exist are ignored.
   *
   * @param lessonIds the lessons used (each counted once)
   * @param messageId the stored message of the turn (the question) that used them, or 0 for none
   */
  void recordUse(Collection<Long> lessonIds, long messageId);

  /**
   * The lessons recorded as used by a message with {@link #recordUse}.
   *
   * @param messageId the message
   * @return the lesson ids, ascending; empty when none were recorded
   */
  List<Long> usedBy(long messageId);

  /**
   * Lowers the confidence of lessons used in a turn that then failed, by {@link
   * #CONFIDENCE_PENALTY} (never below 0), and records the failure in their evidence as {@code
   * against:} + the reason.
   *
   * @param lessonIds the lessons
   * @param reason an evidence link of the failure, e.g. {@code message:456}
   */
  void lowerConfidence(Collection<Long> lessonIds, String reason);

  /**
   * The chain of lessons that replaced one another and includes this one, oldest first: the lessons
   * it superseded, itself, and the lessons that superseded it.
   *
   * @param id any lesson of the chain
   * @return the chain; empty when there is no lesson with this id
   */
  List<Lesson> history(long id);

  /** How much {@link #lowerConfidence} takes off. */
  double CONFIDENCE_PENALTY = 0.1;

  /** How much confidence a merged near-duplicate adds to the stored lesson (up to 1). */
  double MERGE_CONFIDENCE_GAIN = 0.05;
}
