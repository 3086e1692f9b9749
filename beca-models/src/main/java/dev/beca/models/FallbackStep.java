package dev.beca.models;

import dev.beca.core.model.ModelRole;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a role's fallback chain: either whatever model another role uses at the time of the
 * call, or a fixed model on a named server.
 *
 * @param role the role whose active model to use, or empty for a fixed model
 * @param server the server of a fixed model, or {@code null}
 * @param model the fixed model's name, or {@code null}
 */
public record FallbackStep(Optional<ModelRole> role, String server, String model) {

  /** Checks that exactly one kind of step is described. */
  public FallbackStep {
    Objects.requireNonNull(role, "role");
    if (role.isEmpty()
        && (server == null || server.isBlank() || model == null || model.isBlank())) {
      throw new IllegalArgumentException("a fallback step needs a role, or a server and a model");
    }
  }

  /** Falls back to the model another role uses. */
  public static FallbackStep activeModelOf(ModelRole role) {
    return new FallbackStep(Optional.of(role), null, null);
  }

  /** Falls back to a fixed model on a configured server. */
  public static FallbackStep model(String server, String model) {
    return new FallbackStep(Optional.empty(), server, model);
  }

  @Override
  public String toString() {
    return role.map(r -> "active " + r.name().toLowerCase(java.util.Locale.ROOT) + " model")
        .orElse(server + "/" + model);
  }
}
