package dev.beca.core.learning;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation queued for lesson extraction: a whole session (queued when a chat session ends) or
 * one turn (a per-turn extraction that failed, kept to be tried again). See {@link
 * LessonStore#queueExtraction} and {@link LearningLoop}.
 *
 * @param id the item's id
 * @param sessionId the session whose turns are learned from
 * @param messageId the question of the one turn to learn from, or 0 for the session's turns
 * @param state open (waiting or claimed), done, or failed for good
 * @param attempts how often it was claimed (a failed per-turn extraction starts at 1)
 * @param failure why the last attempt failed, if one did
 * @param rawReply the model's reply of the last failed attempt, as received (empty when the call
 *     itself failed or nothing failed)
 * @param queuedAt when it was queued
 */
public record ExtractionItem(
    long id,
    String sessionId,
    long messageId,
    State state,
    int attempts,
    Optional<String> failure,
    String rawReply,
    Instant queuedAt) {

  /** Checks that no component is missing. */
  public ExtractionItem {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(rawReply, "rawReply");
    Objects.requireNonNull(queuedAt, "queuedAt");
  }

  /** Where an item is. */
  public enum State {
    /** Waiting to be claimed, or claimed by a worker. */
    OPEN,
    /** Learned from. */
    DONE,
    /**
     * Given up after {@link LessonStore#MAX_EXTRACTION_ATTEMPTS} attempts; kept with the reason.
     */
    FAILED;

    /** The stored word: {@code open}, {@code done} or {@code failed}. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The state for a stored word.
     *
     * @param word {@code open}, {@code done} or {@code failed}
     * @return the state
     */
    public static State parse(String word) {
      for (State s : values()) {
        if (s.word().equals(word)) {
          return s;
        }
      }
      throw new IllegalArgumentException("Unknown extraction state '" + word + "'");
    }
  }
}
