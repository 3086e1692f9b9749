package dev.beca.core.conversation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A message as stored: immutable, with the id and time the store gave it.
 *
 * @param id the store's id, increasing in the order messages were appended
 * @param sessionId the session it belongs to
 * @param role who wrote it
 * @param content its text
 * @param createdAt when it was stored
 * @param threadId the thread it belongs to, if any
 * @param parentId the message it answers or branches from, if any
 * @param toolsJson the tools used to produce it, as JSON, if any
 * @param success whether what it reports succeeded (false e.g. for a failed tool run)
 * @param tokenCount the estimated number of tokens of its content
 */
public record ConversationMessage(
    long id,
    String sessionId,
    MessageRole role,
    String content,
    Instant createdAt,
    OptionalLong threadId,
    OptionalLong parentId,
    Optional<String> toolsJson,
    boolean success,
    int tokenCount) {

  /** A successful message without tools, its token count estimated by the default estimator. */
  public ConversationMessage(
      long id,
      String sessionId,
      MessageRole role,
      String content,
      Instant createdAt,
      OptionalLong threadId,
      OptionalLong parentId) {
    this(
        id,
        sessionId,
        role,
        content,
        createdAt,
        threadId,
        parentId,
        Optional.empty(),
        true,
        TokenEstimator.DEFAULT.estimate(content));
  }

  /** Checks that no component is missing. */
  public ConversationMessage {
    Objects.requireNonNull(toolsJson, "toolsJson");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(parentId, "parentId");
  }
}
