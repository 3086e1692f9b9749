package dev.beca.core.learning;

import java.time.Instant;
import java.util.Objects;

/**
 * How a turn ended, as far as the lessons it used are concerned (see {@link
 * LessonStore#judgeTurn}).
 *
 * <p>A turn <b>succeeded</b> when it ended without error and no tool call of it was refused by the
 * user; it <b>failed</b> when it ended with an error, when the user refused a tool call of it, took
 * its change back ({@code /undo}) or said in the next message that it did not work, or when the
 * benchmark after it reported a worse verdict. A success can later turn into a failure (the user
 * and the benchmark speak after the turn ended); a failure stays a failure.
 *
 * @param messageId the turn's question (the stored user message)
 * @param verdict succeeded or failed
 * @param reason an evidence link of what decided it, e.g. {@code benchmark-result:7}, {@code
 *     undo:message:12}
 * @param decidedAt when the verdict was recorded
 */
public record TurnOutcome(long messageId, Verdict verdict, String reason, Instant decidedAt) {

  /** Checks that no component is missing. */
  public TurnOutcome {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(decidedAt, "decidedAt");
  }

  /** The verdict on a turn. */
  public enum Verdict {
    /** Ended without error, refusal, undo, complaint or benchmark drop (so far). */
    SUCCEEDED,
    /** Ended with an error, or was refused, undone, complained about or made the benchmark drop. */
    FAILED;

    /** The word stored for it: {@code succeeded} or {@code failed}. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The verdict for a stored word.
     *
     * @param word {@code succeeded} or {@code failed}
     * @return the verdict
     * @throws IllegalArgumentException for any other word
     */
    public static Verdict parse(String word) {
      for (Verdict v : values()) {
        if (v.word().equals(word)) {
          return v;
        }
      }
      throw new IllegalArgumentException("Unknown turn verdict '" + word + "'");
    }
  }
}
