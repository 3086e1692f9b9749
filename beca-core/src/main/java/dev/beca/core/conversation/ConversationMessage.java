package dev.beca.core.conversation;

import java.time.Instant;
import java.util.Objects;
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
 */
public record ConversationMessage(
    long id,
    String sessionId,
    MessageRole role,
    String content,
    Instant createdAt,
    OptionalLong threadId,
    OptionalLong parentId) {

  /** Checks that no component is missing. */
  public ConversationMessage {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(parentId, "parentId");
  }
}
