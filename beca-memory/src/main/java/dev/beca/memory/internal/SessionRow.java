package dev.beca.memory.internal;

import dev.beca.core.conversation.Session;
import java.time.Instant;

/** A row of the {@code sessions} table, as MyBatis maps it. */
record SessionRow(String id, String title, long createdAt, long lastActiveAt) {

  Session toSession() {
    return new Session(
        id, title, Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastActiveAt));
  }
}
