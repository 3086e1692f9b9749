package dev.beca.core.model;

import java.util.Objects;

/**
 * One progress report of a model download.
 *
 * @param status what the server is doing, e.g. {@code pulling 6a0746a1ec1a} or {@code success}
 * @param digest the layer being downloaded, empty between layers
 * @param total the layer's size in bytes, 0 when unknown
 * @param completed bytes of the layer downloaded so far
 */
public record PullProgress(String status, String digest, long total, long completed) {

  /** Checks the fields. */
  public PullProgress {
    Objects.requireNonNull(status, "status");
    digest = Objects.requireNonNullElse(digest, "");
  }

  /** Completed share of the layer from 0 to 1, or -1 when the size is unknown. */
  public double fraction() {
    return total <= 0 ? -1 : Math.min(1.0, (double) completed / total);
  }
}
