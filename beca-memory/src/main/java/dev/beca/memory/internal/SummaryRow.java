package dev.beca.memory.internal;

import dev.beca.core.conversation.ThreadSummary;
import java.time.Instant;

/** A row of {@code thread_summaries}. */
record SummaryRow(
    long threadId,
    String content,
    String kind,
    String model,
    long throughMessageId,
    long messageCount,
    long createdAt) {

  static SummaryRow of(ThreadSummary summary) {
    return new SummaryRow(
        summary.threadId(),
        summary.content(),
        summary.kind().name(),
        summary.model(),
        summary.throughMessageId(),
        summary.messageCount(),
        summary.createdAt().toEpochMilli());
  }

  ThreadSummary toSummary() {
    return new ThreadSummary(
        threadId,
        content,
        ThreadSummary.Kind.valueOf(kind),
        model,
        throughMessageId,
        messageCount,
        Instant.ofEpochMilli(createdAt));
  }
}
