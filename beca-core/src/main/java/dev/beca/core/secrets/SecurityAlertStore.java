package dev.beca.core.secrets;

import java.util.List;

/**
 * The record of secrets found on BECA's write paths. Implementations are thread-safe, commit each
 * record before returning and translate storage errors into {@link dev.beca.core.StorageException}.
 */
public interface SecurityAlertStore {

  /**
   * Records an alert and commits it.
   *
   * @param alert the alert
   * @return the stored alert with its id and time
   */
  SecurityAlert record(NewSecurityAlert alert);

  /**
   * The latest alerts, newest first.
   *
   * @param limit how many at most; must be positive
   * @return up to {@code limit} alerts
   */
  List<SecurityAlert> recent(int limit);

  /** How many alerts were recorded. */
  long count();
}
