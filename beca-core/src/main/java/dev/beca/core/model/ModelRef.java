package dev.beca.core.model;

import dev.beca.core.InvalidInputException;
import java.util.Objects;

/**
 * Names the model that plays a role, e.g. {@code GENERAL -> llama3.2}.
 *
 * @param role the role the model plays
 * @param name the model's name on its server, with or without a tag ({@code qwen2.5-coder:7b})
 */
public record ModelRef(ModelRole role, String name) {

  /**
   * Validates the reference.
   *
   * @throws InvalidInputException when the name is blank
   */
  public ModelRef {
    Objects.requireNonNull(role, "role");
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(
          "The " + role.name().toLowerCase(java.util.Locale.ROOT) + " model has no name.",
          "Set a model name, e.g. with BECA_MODEL=llama3.2.");
    }
  }

  @Override
  public String toString() {
    return role.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
  }
}
