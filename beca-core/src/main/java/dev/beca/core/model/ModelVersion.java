package dev.beca.core.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One activation of a model in a role, as recorded: switching or rolling back adds a version and
 * makes the previous one inactive, so the history of a role is never rewritten.
 *
 * @param id the store's id, used to roll back to this version
 * @param role the role
 * @param model the model as its server described it when it was activated (digest included)
 * @param parameters the parameters used with it
 * @param status whether it plays the role now
 * @param firstSeenAt when this model (server and name) was first recorded in any role
 * @param activatedAt when this version was activated
 * @param notes test results or the reason for the activation
 */
public record ModelVersion(
    long id,
    ModelRole role,
    ModelInfo model,
    ModelParameters parameters,
    ModelVersionStatus status,
    Instant firstSeenAt,
    Instant activatedAt,
    String notes) {

  /** Checks that no component is missing. */
  public ModelVersion {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(firstSeenAt, "firstSeenAt");
    Objects.requireNonNull(activatedAt, "activatedAt");
    notes = Objects.requireNonNullElse(notes, "");
  }

  /** The reference the gateway uses for this version. */
  public ModelRef ref() {
    return new ModelRef(role, model.name());
  }

  /**
   * One line for people saying that this version became its role's model, e.g. {@code The general
   * role now uses ollama/llama3.2 (version 3; NOTES).}
   *
   * @param details more to say inside the brackets after the notes (e.g. the parameters)
   * @return the line, ending with a full stop
   */
  public String switchedLine(String... details) {
    StringBuilder inside = new StringBuilder("version " + id + "; " + notes);
    for (String detail : details) {
      inside.append("; ").append(detail);
    }
    return "The " + roleName() + " role now uses " + serverAndName() + " (" + inside + ").";
  }

  /**
   * One line for people saying that a role went back to this version, e.g. {@code The general role
   * uses ollama/llama3.2 again (version 2; NOTES).}
   *
   * @return the line, ending with a full stop
   */
  public String rolledBackLine() {
    return "The "
        + roleName()
        + " role uses "
        + serverAndName()
        + " again (version "
        + id
        + "; "
        + notes
        + ").";
  }

  private String roleName() {
    return role.name().toLowerCase(Locale.ROOT);
  }

  private String serverAndName() {
    return model.server() + "/" + model.name();
  }
}
