package dev.beca.core.memory;

import dev.beca.core.InvalidInputException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What to assemble a prompt for.
 *
 * @param systemPrompt the instruction sent first
 * @param sessionId the session of the turn
 * @param threadId the thread of the turn, if any; its summary and messages are used instead of the
 *     session's
 * @param query the text the relevant older messages are searched for (usually the new question)
 * @param tokenBudget the most tokens the assembled prompt may cost; positive
 */
public record ContextRequest(
    String systemPrompt, String sessionId, OptionalLong threadId, String query, int tokenBudget) {

  /** Checks the request. */
  public ContextRequest {
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(query, "query");
    if (tokenBudget < 1) {
      throw new InvalidInputException(
          "The token budget must be positive, was " + tokenBudget + ".",
          "Give the model's context size in tokens.");
    }
  }
}
