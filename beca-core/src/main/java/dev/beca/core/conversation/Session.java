package dev.beca.core.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * One sitting of a user with BECA; its messages form the short-term context of the assistant.
 *
 * @param id an opaque, unique id (a UUID in the stock store)
 * @param title a human-readable name; may be empty
 * @param createdAt when the session was created
 * @param lastActiveAt when a message was last added to it
 */
public record Session(String id, String title, Instant createdAt, Instant lastActiveAt) {

  /** Checks that no component is missing. */
  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastActiveAt, "lastActiveAt");
  }
}
