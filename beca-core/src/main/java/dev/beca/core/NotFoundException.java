package dev.beca.core;

/** Something was asked for by an id or name that does not exist. */
public class NotFoundException extends NonRetriableBecaException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problem what was not found
   * @param remedy where to find valid ids or names
   */
  public NotFoundException(String problem, String remedy) {
    super(problem, remedy, null);
  }
}
