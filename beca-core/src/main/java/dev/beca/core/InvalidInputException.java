package dev.beca.core;

/** Input from a user or an API client was rejected before anything was written. */
public class InvalidInputException extends NonRetriableBecaException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problem what is wrong with the input
   * @param remedy how to correct it
   */
  public InvalidInputException(String problem, String remedy) {
    super(problem, remedy, null);
  }
}
