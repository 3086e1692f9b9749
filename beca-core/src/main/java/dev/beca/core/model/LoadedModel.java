package dev.beca.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A model a server holds in memory now (Ollama's {@code GET /api/ps}).
 *
 * @param name the model's name
 * @param sizeBytes the memory it takes in all, bytes
 * @param vramBytes how much of that is in GPU memory, bytes (0 when it runs on the CPU)
 * @param contextLength the context it was loaded with, 0 when the server does not say
 * @param expiresAt when the server unloads it unless it is used again, when the server says
 */
public record LoadedModel(
    String name, long sizeBytes, long vramBytes, int contextLength, Optional<Instant> expiresAt) {

  /** Checks the components. */
  public LoadedModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
