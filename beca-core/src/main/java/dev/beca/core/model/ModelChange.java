package dev.beca.core.model;

import java.util.Objects;

/**
 * A model a server has that BECA's history does not know yet, or whose content changed since it was
 * recorded ({@link ModelControl#updates()}).
 *
 * @param server the server's name
 * @param model the model's name
 * @param kind new or changed
 * @param recordedDigest the digest in the history, empty for a new model
 * @param currentDigest the digest the server reports now
 */
public record ModelChange(
    String server, String model, Kind kind, String recordedDigest, String currentDigest) {

  /** What changed. */
  public enum Kind {
    /** On the server, never used in any role. */
    NEW,
    /** Used before, and the server's digest differs from the recorded one. */
    CHANGED
  }

  /** Checks that no component is missing. */
  public ModelChange {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(kind, "kind");
    recordedDigest = Objects.requireNonNullElse(recordedDigest, "");
    currentDigest = Objects.requireNonNullElse(currentDigest, "");
  }
}
