package dev.beca.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One failure of a model call and what BECA did about it, as recorded in the {@link ModelErrorLog}.
 *
 * @param id the store's id
 * @param time when it happened
 * @param server the configured server's name
 * @param model the model's name
 * @param errorClass the kind of failure, e.g. {@code ModelUnavailableException}
 * @param message what failed, as told to the user
 * @param action what BECA did: {@code retried}, {@code fell back to lmstudio/qwen2.5-coder}, {@code
 *     gave up}, ...
 */
public record ModelErrorEntry(
    long id,
    Instant time,
    String server,
    String model,
    String errorClass,
    String message,
    String action) {

  /** Checks that no component is missing. */
  public ModelErrorEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(errorClass, "errorClass");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(action, "action");
  }
}
