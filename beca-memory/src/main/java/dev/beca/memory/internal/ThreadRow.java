package dev.beca.memory.internal;

import dev.beca.core.conversation.ConversationThread;
import java.time.Instant;

/** A thread with its counts, as MyBatis maps it. */
record ThreadRow(long id, String name, long createdAt, long messageCount, long lastActivityAt) {

  ConversationThread toThread() {
    return new ConversationThread(
        id,
        name,
        Instant.ofEpochMilli(createdAt),
        messageCount,
        Instant.ofEpochMilli(lastActivityAt));
  }
}
