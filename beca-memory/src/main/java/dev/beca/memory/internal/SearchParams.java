package dev.beca.memory.internal;

import dev.beca.core.conversation.SearchFilter;

/** Parameters of a filtered search query, as the mappers' dynamic SQL reads them. */
final class SearchParams {
  final String query;
  final Long threadId;
  final String sessionId;
  final String role;
  final Long from;
  final Long until;
  final int limit;

  SearchParams(String query, SearchFilter filter, int limit) {
    this.query = query;
    this.threadId = filter.threadId().isPresent() ? filter.threadId().getAsLong() : null;
    this.sessionId = filter.sessionId().orElse(null);
    this.role = filter.role().map(Enum::name).orElse(null);
    this.from = filter.from().map(java.time.Instant::toEpochMilli).orElse(null);
    this.until = filter.until().map(java.time.Instant::toEpochMilli).orElse(null);
    this.limit = limit;
  }

  public String getQuery() {
    return query;
  }

  public Long getThreadId() {
    return threadId;
  }

  public String getSessionId() {
    return sessionId;
  }

  public String getRole() {
    return role;
  }

  public Long getFrom() {
    return from;
  }

  public Long getUntil() {
    return until;
  }

  public int getLimit() {
    return limit;
  }
}
