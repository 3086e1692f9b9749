package dev.beca.models;

import dev.beca.core.model.ModelParameters;
import java.util.Objects;

/**
 * A model on a configured server, with the parameters its calls use.
 *
 * @param server the configured server's name
 * @param model the model's name on it
 * @param parameters applied to every call
 */
public record ModelTarget(String server, String model, ModelParameters parameters) {

  /** Checks that no component is missing. */
  public ModelTarget {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parameters, "parameters");
  }

  /** {@code server/model}, as shown to users. */
  public String label() {
    return server + "/" + model;
  }
}
