package dev.beca.core.memory;

import dev.beca.core.conversation.ThreadSummary;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of summarising a thread.
 *
 * @param summary the summary now stored
 * @param newMessages how many messages were added to the summary by this call (0 when it was
 *     already up to date)
 * @param fallbackReason why no model wrote it, when the summary is extractive
 */
public record SummaryResult(
    ThreadSummary summary, int newMessages, Optional<String> fallbackReason) {

  /** Checks that no component is missing. */
  public SummaryResult {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(fallbackReason, "fallbackReason");
  }
}
