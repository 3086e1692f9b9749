package dev.beca.core.model;

import java.util.Objects;

/**
 * A model about to become the active version of a role; the store assigns id and times.
 *
 * @param role the role it will play
 * @param model the model as its server describes it
 * @param parameters the parameters every call of it will use
 * @param notes what the test found (latency to first token, tokens per second) or why it was
 *     activated (a rollback)
 */
public record NewModelVersion(
    ModelRole role, ModelInfo model, ModelParameters parameters, String notes) {

  /** Checks that no component is missing. */
  public NewModelVersion {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parameters, "parameters");
    notes = Objects.requireNonNullElse(notes, "");
  }
}
