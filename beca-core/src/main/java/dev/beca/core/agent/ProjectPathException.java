package dev.beca.core.agent;

import dev.beca.core.InvalidInputException;

/**
 * A tool's path argument was refused because it leaves the project, or names nothing a tool may
 * use. The message is written for the model: it says why and what to do instead.
 */
public class ProjectPathException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problem why the path is refused
   * @param remedy what to use instead
   */
  public ProjectPathException(String problem, String remedy) {
    super(problem, remedy);
  }
}
