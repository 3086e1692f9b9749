package dev.beca.selfimprove;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of checking a proposal's diff before anything runs.
 *
 * @param refusal why it was refused; empty when it may be evaluated
 * @param message the refusal in words, naming the path and what to do; empty when valid
 * @param paths the paths the diff touches (old and new), relative to the project
 */
public record Validation(Optional<RefusalReason> refusal, String message, List<String> paths) {

  /** Validates the fields. */
  public Validation {
    Objects.requireNonNull(refusal, "refusal");
    message = message == null ? "" : message;
    paths = List.copyOf(paths);
  }

  /** A valid diff touching these paths. */
  public static Validation valid(List<String> paths) {
    return new Validation(Optional.empty(), "", paths);
  }

  /** A refused diff. */
  public static Validation refused(RefusalReason reason, String message, List<String> paths) {
    return new Validation(Optional.of(reason), message, paths);
  }

  /** Whether the diff may be evaluated. */
  public boolean isValid() {
    return refusal.isEmpty();
  }
}
