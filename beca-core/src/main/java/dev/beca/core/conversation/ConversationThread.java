package dev.beca.core.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * A named thread of messages, possibly spanning many sessions (a project, a topic).
 *
 * @param id the store's id
 * @param name a human-readable name
 * @param createdAt when it was created
 * @param messageCount how many messages it holds
 * @param lastActivityAt when its latest message was stored, or when it was created or renamed if
 *     that is later
 */
public record ConversationThread(
    long id, String name, Instant createdAt, long messageCount, Instant lastActivityAt) {

  /** Checks that no component is missing. */
  public ConversationThread {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastActivityAt, "lastActivityAt");
  }
}
