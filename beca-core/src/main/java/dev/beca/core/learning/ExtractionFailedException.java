package dev.beca.core.learning;

import dev.beca.core.NonRetriableBecaException;
import java.util.Objects;

/** A lesson extraction that failed, with the model's raw reply kept for a later look or retry. */
public final class ExtractionFailedException extends NonRetriableBecaException {

  private static final long serialVersionUID = 1L;

  private final String rawReply;

  /**
   * Creates the exception.
   *
   * @param reason why it failed, e.g. the reply was not in the format
   * @param rawReply the model's reply as received; empty when the call itself failed
   */
  public ExtractionFailedException(String reason, String rawReply) {
    super(
        reason,
        "The extraction stays queued with the reply and is tried again by the learning loop.",
        null);
    this.rawReply = Objects.requireNonNull(rawReply, "rawReply");
  }

  /** The model's reply as received; empty when the call itself failed. */
  public String rawReply() {
    return rawReply;
  }
}
