package dev.beca.models;

import dev.beca.core.model.ModelInfo;
import java.util.List;

/**
 * The models of every configured server that answered, and a line for each that did not.
 *
 * @param models the models, server by server
 * @param problems one message per server that could not be asked
 */
public record ModelListing(List<ModelInfo> models, List<String> problems) {

  /** Keeps immutable copies. */
  public ModelListing {
    models = List.copyOf(models);
    problems = List.copyOf(problems);
  }
}
