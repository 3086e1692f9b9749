package dev.beca.memory.internal;

import dev.beca.core.conversation.NewMessage;

/** Parameters of one message insert; {@code id} is set once the row is inserted. */
final class MessageInsert {
  final String sessionId;
  final Long threadId;
  final Long parentId;
  final String role;
  final String content;
  final long createdAt;
  final String toolsJson;
  final boolean success;
  final int tokenCount;
  long id;

  MessageInsert(NewMessage message, long createdAt, int tokenCount) {
    this.sessionId = message.sessionId();
    this.threadId = message.threadId().isPresent() ? message.threadId().getAsLong() : null;
    this.parentId = message.parentId().isPresent() ? message.parentId().getAsLong() : null;
    this.role = message.role().name();
    this.content = message.content();
    this.createdAt = createdAt;
    this.toolsJson = message.toolsJson().orElse(null);
    this.success = message.success();
    this.tokenCount = tokenCount;
  }
}
