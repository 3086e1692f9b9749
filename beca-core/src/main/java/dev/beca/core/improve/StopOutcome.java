package dev.beca.core.improve;

import java.util.Objects;
import java.util.Optional;

/**
 * What an emergency stop reached.
 *
 * @param project the project whose stop flag was set, if one was known
 * @param stoppedRunning whether a cycle of this service was running and was told to stop
 * @param message what happened, in words
 */
public record StopOutcome(Optional<String> project, boolean stoppedRunning, String message) {

  /** Checks the components. */
  public StopOutcome {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(message, "message");
  }
}
