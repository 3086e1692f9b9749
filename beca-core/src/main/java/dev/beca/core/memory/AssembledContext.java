package dev.beca.core.memory;

import dev.beca.core.conversation.ThreadSummary;
import dev.langchain4j.data.message.ChatMessage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A prompt assembled for a token budget.
 *
 * @param messages what to send: system prompt, summary, relevant older messages, recent messages
 * @param estimatedTokens the estimated cost of {@code messages}, never over the budget
 * @param summary the thread summary included, if any
 * @param relevantIds ids of the older messages included as relevant, best first
 * @param recentIds ids of the recent messages included verbatim, oldest first
 * @param lessonIds ids of the lessons learned that entered the prompt, best first (their use was
 *     recorded with the turn's question)
 */
public record AssembledContext(
    List<ChatMessage> messages,
    int estimatedTokens,
    Optional<ThreadSummary> summary,
    List<Long> relevantIds,
    List<Long> recentIds,
    List<Long> lessonIds) {

  /** Copies the lists. */
  public AssembledContext {
    messages = List.copyOf(messages);
    Objects.requireNonNull(summary, "summary");
    relevantIds = List.copyOf(relevantIds);
    recentIds = List.copyOf(recentIds);
    lessonIds = List.copyOf(lessonIds);
  }

  /** A context without lessons (as assembled before lessons existed). */
  public AssembledContext(
      List<ChatMessage> messages,
      int estimatedTokens,
      Optional<ThreadSummary> summary,
      List<Long> relevantIds,
      List<Long> recentIds) {
    this(messages, estimatedTokens, summary, relevantIds, recentIds, List.of());
  }
}
