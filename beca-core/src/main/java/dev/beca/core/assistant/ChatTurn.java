package dev.beca.core.assistant;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.model.ModelRef;
import java.util.List;
import java.util.Objects;

/**
 * One completed exchange: what the user said and what the model answered, both as stored.
 *
 * @param question the user's message
 * @param answer the model's reply
 * @param model the model that answered
 * @param toolCalls the tool calls made during the turn, in order (empty without tools)
 */
public record ChatTurn(
    ConversationMessage question,
    ConversationMessage answer,
    ModelRef model,
    List<ToolCallRecord> toolCalls) {

  /** Checks that no component is missing. */
  public ChatTurn {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(model, "model");
    toolCalls = List.copyOf(toolCalls);
  }

  /** A turn without tool calls. */
  public ChatTurn(ConversationMessage question, ConversationMessage answer, ModelRef model) {
    this(question, answer, model, List.of());
  }
}
