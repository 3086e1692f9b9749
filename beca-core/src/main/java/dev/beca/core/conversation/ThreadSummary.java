package dev.beca.core.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * The condensed context of a thread, up to one of its messages.
 *
 * @param threadId the thread
 * @param content the summary text
 * @param kind whether a model wrote it or it was extracted without one
 * @param model the model that wrote it; empty for an extractive summary
 * @param throughMessageId the newest message the summary covers
 * @param messageCount how many messages it covers
 * @param createdAt when it was made
 */
public record ThreadSummary(
    long threadId,
    String content,
    Kind kind,
    String model,
    long throughMessageId,
    long messageCount,
    Instant createdAt) {

  /** How a summary was made. */
  public enum Kind {
    /** Written by a language model. */
    MODEL,
    /**
     * Extracted from the messages without a model (no model server answered): sentences picked from
     * the thread, not a real summary.
     */
    EXTRACTIVE
  }

  /** Checks that no component is missing. */
  public ThreadSummary {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
