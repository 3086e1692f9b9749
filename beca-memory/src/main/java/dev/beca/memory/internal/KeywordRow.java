package dev.beca.memory.internal;

import dev.beca.core.conversation.SearchHit;

/** A keyword hit: the message's columns, its BM25 score and its snippet. */
record KeywordRow(
    long id,
    String sessionId,
    Long threadId,
    Long parentId,
    String role,
    String content,
    long createdAt,
    String toolsJson,
    boolean success,
    int tokenCount,
    double score,
    String snippet) {

  SearchHit toHit() {
    MessageRow row =
        new MessageRow(
            id,
            sessionId,
            threadId,
            parentId,
            role,
            content,
            createdAt,
            toolsJson,
            success,
            tokenCount);
    return new SearchHit(row.toMessage(), score, snippet == null ? "" : snippet);
  }
}
