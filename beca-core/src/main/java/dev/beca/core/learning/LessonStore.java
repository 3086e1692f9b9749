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
 *       merges into the stored lesson (its evidence is added, no lesson is added, its text is kept
 *       as a {@link MergedText} that {@link #split} turns back into a lesson), a contradiction
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

  /**
   * The texts merged into a lesson as near-duplicates, oldest first: each kept with the category,
   * source, evidence and confidence it came with. An exact repeat of the lesson's own text keeps
   * none; the same text merging again adds its evidence to the one kept.
   *
   * @param lessonId the lesson, superseded or not
   * @return the merged texts; empty when none merged or there is no lesson with this id
   */
  List<MergedText> mergedInto(long lessonId);

  /**
   * Undoes a merge that should not have happened: the merged text becomes a lesson of its own,
   * added without a merge decision with the category, source, evidence and confidence it came with,
   * and the lesson it merged into loses what the merge gave it: the evidence links it added that no
   * other merged text of it brings (those become that text's to take back) and that no exact repeat
   * of the lesson's text brought since, never a feedback link ({@code against:}); and confidence as
   * {@link #confidenceAfterSplit} says. The merged text is no longer kept. When an active lesson
   * has that exact text by now, the text merges into it instead, as {@link #add} would (its
   * evidence joins, its confidence rises).
   *
   * @param mergedTextId the merged text ({@link MergedText#id()})
   * @return {@link LessonAddition.Outcome#ADDED} with the new lesson, or {@link
   *     LessonAddition.Outcome#MERGED} into the lesson with the same text
   * @throws dev.beca.core.NotFoundException when there is no merged text with this id
   */
  LessonAddition split(long mergedTextId);

  /**
   * The confidence a lesson keeps when one of its merged texts is split off, as every store
   * computes it: the gain that text's merges recorded is taken back (never below 0), but a lesson
   * that still has merged texts keeps at least what the most confident of them would have given it
   * by merging ({@code +} {@link #MERGE_CONFIDENCE_GAIN}), and never more than it had: the gain a
   * merge records depends on the merges before it. What is not taken back is added to the gain of
   * that most confident text, for its own split.
   *
   * @param current the lesson's confidence before the split
   * @param gain what the split text's merges recorded as gained
   * @param bestRemaining the highest confidence among the lesson's other merged texts, or empty
   * @return the confidence after the split
   */
  static double confidenceAfterSplit(
      double current, double gain, java.util.OptionalDouble bestRemaining) {
    double back = Math.max(0, current - gain);
    if (bestRemaining.isPresent()) {
      back = Math.max(back, Math.min(current, bestRemaining.getAsDouble() + MERGE_CONFIDENCE_GAIN));
    }
    return Math.min(1, back);
  }

  /**
   * Records the verdict on a turn and adjusts the confidence of the lessons it used ({@link
   * #usedBy}), once per turn: a first success adds {@link #CONFIDENCE_GAIN} (up to 1); a first
   * failure takes off {@link #CONFIDENCE_PENALTY} and adds {@code against:} + the reason to their
   * evidence, as {@link #lowerConfidence} does; a failure after a recorded success also takes the
   * gain back. A success after a success or after a failure, and a failure after a failure, change
   * nothing: judging a turn again is harmless. The verdict and the changes are one atomic step.
   *
   * @param messageId the turn's question (a stored user message id), positive
   * @param verdict succeeded or failed
   * @param reason an evidence link of what decided it ({@code kind:reference}), e.g. {@code
   *     benchmark-result:7}
   * @return the lessons whose confidence changed, ascending; empty when the verdict changed nothing
   *     or the turn used no lesson
   */
  List<Long> judgeTurn(long messageId, TurnOutcome.Verdict verdict, String reason);

  /**
   * The verdict recorded on a turn by {@link #judgeTurn}.
   *
   * @param messageId the turn's question
   * @return the outcome, or empty when the turn was not judged
   */
  Optional<TurnOutcome> turnOutcome(long messageId);

  /**
   * Queues a session, or one turn of it, for lesson extraction (by a {@link LearningLoop}). When an
   * item for the same session and turn exists already, it is opened again (attempts back to 0)
   * instead of adding another.
   *
   * @param sessionId the session
   * @param messageId the question of the one turn to learn from, or 0 for the session's turns
   * @return the queued item
   */
  ExtractionItem queueExtraction(String sessionId, long messageId);

  /**
   * Keeps an extraction that failed (the model's reply was not in the format, or the call failed)
   * with its reason and raw reply, queued to be tried again: an open item with one attempt counted.
   * Nothing is invented from the reply.
   *
   * @param sessionId the session
   * @param messageId the question of the turn, or 0 for the session
   * @param reason why it failed
   * @param rawReply the model's reply as received (empty when the call failed)
   * @return the stored item
   */
  ExtractionItem recordFailedExtraction(
      String sessionId, long messageId, String reason, String rawReply);

  /**
   * Claims the oldest open extraction item for a worker, atomically, for the given lease; an item
   * whose lease expired (its worker crashed) is open again. Counts one attempt.
   *
   * @param worker the claiming worker
   * @param lease how long the claim holds
   * @return the item, or empty when none is open
   */
  Optional<ExtractionItem> claimExtraction(String worker, java.time.Duration lease);

  /**
   * Marks a claimed item done.
   *
   * @param itemId the item
   * @param worker the worker holding it
   * @throws dev.beca.core.NotFoundException when the worker does not hold the item (its lease
   *     expired and another worker took it, or it does not exist)
   */
  void completeExtraction(long itemId, String worker);

  /**
   * Gives a claimed item back with the reason and the raw reply kept; after {@link
   * #MAX_EXTRACTION_ATTEMPTS} attempts it is {@link ExtractionItem.State#FAILED} for good (kept and
   * listed, and opened again by {@link #queueExtraction}).
   *
   * @param itemId the item
   * @param worker the worker holding it
   * @param reason why it failed
   * @param rawReply the model's reply (empty when none)
   * @throws dev.beca.core.NotFoundException when the worker does not hold the item
   */
  void failExtraction(long itemId, String worker, String reason, String rawReply);

  /**
   * Extraction items, newest first.
   *
   * @param state only items in this state, or all
   * @param limit the most items, positive
   * @return the items
   */
  List<ExtractionItem> extractions(Optional<ExtractionItem.State> state, int limit);

  /** How often an extraction item may be claimed before it fails for good. */
  int MAX_EXTRACTION_ATTEMPTS = 3;

  /** How much a first successful turn adds to the confidence of each lesson it used (up to 1). */
  double CONFIDENCE_GAIN = 0.02;

  /** How much {@link #lowerConfidence} takes off. */
  double CONFIDENCE_PENALTY = 0.1;

  /** How much confidence a merged near-duplicate adds to the stored lesson (up to 1). */
  double MERGE_CONFIDENCE_GAIN = 0.05;
}
