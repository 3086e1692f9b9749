package dev.beca.core.agent;

import dev.beca.core.NonRetriableBecaException;

/**
 * The project's version history could not be read or changed: not a repository, a corrupt or locked
 * repository, a file that cannot be written. The message says what to do.
 */
public class ProjectHistoryException extends NonRetriableBecaException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problem what failed
   * @param remedy what to do about it
   * @param cause the version control library's error, or {@code null}
   */
  public ProjectHistoryException(String problem, String remedy, Throwable cause) {
    super(problem, remedy, cause);
  }
}
