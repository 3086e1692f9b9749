package dev.beca.core.assistant;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.model.ModelRef;
import java.util.Objects;

/**
 * One completed exchange: what the user said and what the model answered, both as stored.
 *
 * @param question the user's message
 * @param answer the model's reply
 * @param model the model that answered
 */
public record ChatTurn(ConversationMessage question, ConversationMessage answer, ModelRef model) {

  /** Checks that no component is missing. */
  public ChatTurn {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(model, "model");
  }
}
