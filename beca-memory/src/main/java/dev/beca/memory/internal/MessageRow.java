package dev.beca.memory.internal;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MessageRole;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** A row of the {@code messages} table, as MyBatis maps it. */
record MessageRow(
    long id,
    String sessionId,
    Long threadId,
    Long parentId,
    String role,
    String content,
    long createdAt,
    String toolsJson,
    boolean success,
    int tokenCount) {

  ConversationMessage toMessage() {
    return new ConversationMessage(
        id,
        sessionId,
        MessageRole.valueOf(role),
        content,
        Instant.ofEpochMilli(createdAt),
        threadId == null ? OptionalLong.empty() : OptionalLong.of(threadId),
        parentId == null ? OptionalLong.empty() : OptionalLong.of(parentId),
        Optional.ofNullable(toolsJson),
        success,
        tokenCount);
  }
}
