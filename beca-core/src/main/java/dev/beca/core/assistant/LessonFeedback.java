package dev.beca.core.assistant;

import dev.beca.core.agent.ToolRunner;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.TurnOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns what happens after a turn into verdicts on it, so that the lessons it used gain or lose
 * confidence ({@link LessonStore#judgeTurn}). The signals, with the reason recorded:
 *
 * <ul>
 *   <li>the turn ended without error and the user refused none of its tool calls: succeeded ({@code
 *       message:ANSWER}); see {@link #turnEnded};
 *   <li>the turn ended with an error: failed ({@code turn-error:message:QUESTION}); see {@link
 *       #turnFailed};
 *   <li>the user answered no to one of its tool calls: failed ({@code refused:message:QUESTION});
 *   <li>the user's next message says it did not work ("that didn't work", "still failing", "wrong",
 *       ... see {@link #saysItFailed}): failed ({@code complaint:message:NEXT}); see {@link
 *       #followedBy};
 *   <li>the user took its change back ({@code /undo}): failed ({@code undo:message:QUESTION});
 *   <li>the benchmark after it reported a worse verdict: failed ({@code benchmark-result:ID}).
 * </ul>
 *
 * A success is recorded when the turn ends and may later become a failure; a failure stays one.
 * Learning (extraction) only takes turns that did not fail.
 */
public final class LessonFeedback {

  /**
   * What a user says when the previous answer did not work. Matched in the first 300 characters,
   * without case; a question about failures ("why does the test fail?") does not match.
   */
  private static final Pattern COMPLAINT =
      Pattern.compile(
          "\\b(?:(?:that|this|it)(?:'s| is| was)? (?:not right|wrong|incorrect|broken)"
              + "|(?:did ?n[o']?t|does ?n[o']?t|do ?n[o']?t|does not|did not|is ?n[o']?t|is not)"
              + " (?:work|help|compile|fix|solve|change anything)"
              + "|not working|no longer works|still (?:fails|failing|broken|does ?n[o']?t|the same"
              + " error|not working|crashes|red)"
              + "|same (?:error|problem|exception|failure)|made it worse|broke (?:the|my|it|"
              + "everything|something)|you broke|revert (?:that|this|it)|undo (?:that|this|it))",
          Pattern.CASE_INSENSITIVE);

  private final LessonStore lessons;

  /**
   * Feedback into a lesson store.
   *
   * @param lessons the store whose lessons' confidence is adjusted
   */
  public LessonFeedback(LessonStore lessons) {
    this.lessons = Objects.requireNonNull(lessons, "lessons");
  }

  /**
   * Whether a user's message says that the previous answer did not work.
   *
   * @param message the user's next message
   * @return true for a complaint such as "that didn't work" or "still the same error"
   */
  public static boolean saysItFailed(String message) {
    if (message == null) {
      return false;
    }
    String start = message.length() > 300 ? message.substring(0, 300) : message;
    return COMPLAINT.matcher(start.replace('\u2019', '\'').toLowerCase(Locale.ROOT)).find();
  }

  /**
   * Whether the user refused one of the turn's tool calls.
   *
   * @param turn the turn
   * @return true when a call was not run because the user answered no
   */
  public static boolean userRefusedAToolCall(ChatTurn turn) {
    for (ToolCallRecord call : turn.toolCalls()) {
      if (!call.success() && call.result().contains(ToolRunner.REFUSED_BY_USER)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Judges a turn that ended without error: succeeded, unless the user refused one of its tool
   * calls or its answer could not be stored whole.
   *
   * @param turn the turn
   * @return the verdict given
   */
  public TurnOutcome.Verdict turnEnded(ChatTurn turn) {
    long question = turn.question().id();
    if (userRefusedAToolCall(turn)) {
      lessons.judgeTurn(question, TurnOutcome.Verdict.FAILED, "refused:message:" + question);
      return TurnOutcome.Verdict.FAILED;
    }
    if (!turn.answer().success()) {
      lessons.judgeTurn(
          question, TurnOutcome.Verdict.FAILED, "turn-error:message:" + turn.answer().id());
      return TurnOutcome.Verdict.FAILED;
    }
    lessons.judgeTurn(question, TurnOutcome.Verdict.SUCCEEDED, "message:" + turn.answer().id());
    return TurnOutcome.Verdict.SUCCEEDED;
  }

  /**
   * Judges a turn that ended with an error, when its question was stored.
   *
   * @param questionId the stored question
   * @return the lessons whose confidence fell
   */
  public List<Long> turnFailed(long questionId) {
    return lessons.judgeTurn(
        questionId, TurnOutcome.Verdict.FAILED, "turn-error:message:" + questionId);
  }

  /**
   * Judges the previous turn by the user's next message: a complaint ({@link #saysItFailed}) makes
   * it failed; anything else leaves its verdict as it is.
   *
   * @param previousQuestionId the previous turn's question
   * @param nextMessageId the user's next message, stored
   * @param nextMessage its text
   * @return whether it was taken as a complaint
   */
  public boolean followedBy(long previousQuestionId, long nextMessageId, String nextMessage) {
    if (!saysItFailed(nextMessage)) {
      return false;
    }
    lessons.judgeTurn(
        previousQuestionId, TurnOutcome.Verdict.FAILED, "complaint:message:" + nextMessageId);
    return true;
  }

  /**
   * Judges a turn whose change the user took back.
   *
   * @param questionId the turn's question
   * @return the lessons whose confidence fell
   */
  public List<Long> undone(long questionId) {
    return lessons.judgeTurn(questionId, TurnOutcome.Verdict.FAILED, "undo:message:" + questionId);
  }

  /**
   * Judges a turn after which the benchmark reported a worse verdict.
   *
   * @param questionId the turn's question
   * @param resultId the stored benchmark result after the turn
   * @return the lessons whose confidence fell
   */
  public List<Long> benchmarkDropped(long questionId, long resultId) {
    return lessons.judgeTurn(
        questionId, TurnOutcome.Verdict.FAILED, "benchmark-result:" + resultId);
  }
}
