package dev.beca.core;

/**
 * A failure that repeats until something changes: invalid input, an unknown id, a model that does
 * not exist, a corrupt database. Retrying the same call is pointless.
 */
public non-sealed class NonRetriableBecaException extends BecaException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates a non-retriable exception.
   *
   * @param problem what failed
   * @param remedy what to do about it
   * @param cause the underlying failure, or {@code null}
   */
  public NonRetriableBecaException(String problem, String remedy, Throwable cause) {
    super(problem, remedy, cause);
  }

  @Override
  public final boolean isRetriable() {
    return false;
  }
}
