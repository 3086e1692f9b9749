package dev.beca.core.model;

import dev.langchain4j.model.chat.StreamingChatModel;

/**
 * Where the assistant gets its chat models from, by role.
 *
 * <p>Implementations decide which server and model play each role. The models they return report
 * failures to {@code onError} as {@link dev.beca.core.BecaException}s (use {@link ModelFailures}
 * to translate client errors), so callers can tell the user what happened and what to do.
 */
public interface ModelGateway {

  /**
   * The model that currently plays a role.
   *
   * @param role the role
   * @return its reference
   */
  ModelRef model(ModelRole role);

  /**
   * A streaming chat model for a role.
   *
   * @param role the role
   * @return a model ready to call; cheap to call repeatedly
   */
  StreamingChatModel streamingChatModel(ModelRole role);
}
