package dev.beca.core.conversation;

import java.util.Objects;

/**
 * One message found by a search.
 *
 * @param message the message
 * @param score higher is better; comparable only within one result list
 * @param snippet the matching part of the content with matches marked {@code [like this]}, or the
 *     start of the content when the search was not by keyword
 */
public record SearchHit(ConversationMessage message, double score, String snippet) {

  /** Checks that no component is missing. */
  public SearchHit {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(snippet, "snippet");
  }
}
