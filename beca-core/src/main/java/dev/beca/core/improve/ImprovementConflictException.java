package dev.beca.core.improve;

import dev.beca.core.NonRetriableBecaException;
import java.util.Locale;
import java.util.Objects;

/**
 * The state forbids an improvement operation: a cycle, approval or rollback holds the repository,
 * the proposal's status does not allow it, tracked files have uncommitted changes, a human commit
 * sits on top, or the diff no longer applies. Nothing was changed; the message says what to do.
 */
public class ImprovementConflictException extends NonRetriableBecaException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * Creates the exception.
   *
   * @param reason why, a stable word such as {@code cycle_running} or {@code wrong_status}
   * @param problem what was refused
   * @param remedy what to do
   * @param cause the engine's refusal, if any
   */
  public ImprovementConflictException(
      String reason, String problem, String remedy, Throwable cause) {
    super(problem, remedy, cause);
    this.reason = Objects.requireNonNull(reason, "reason").toLowerCase(Locale.ROOT);
  }

  /** Why, as a stable lower-case word ({@code cycle_running}, {@code wrong_status}, ...). */
  public String reason() {
    return reason;
  }
}
