package dev.beca.core.assistant;

import dev.beca.core.ModelUnavailableException;
import java.util.Objects;

/**
 * The model's reply broke off after part of it had streamed to the user. The part received is
 * stored, marked with {@link Assistant#INCOMPLETE_MARK}, and available as {@link #turn()}; asking
 * again may give a whole reply.
 */
public class IncompleteReplyException extends ModelUnavailableException {

  private static final long serialVersionUID = 1L;

  private final transient ChatTurn turn;

  /**
   * Creates the exception.
   *
   * @param turn the stored question and partial answer
   * @param cause why the reply broke off
   */
  public IncompleteReplyException(ChatTurn turn, Throwable cause) {
    super(
        "The reply of model '"
            + turn.model().name()
            + "' broke off after "
            + (turn.answer().content().length() - Assistant.INCOMPLETE_MARK.length())
            + " characters and was saved marked incomplete"
            + (cause == null || cause.getMessage() == null ? "." : ": " + cause.getMessage()),
        "Ask again for a whole reply.",
        cause);
    this.turn = Objects.requireNonNull(turn, "turn");
  }

  /** The stored question and the partial answer. */
  public ChatTurn turn() {
    return turn;
  }
}
