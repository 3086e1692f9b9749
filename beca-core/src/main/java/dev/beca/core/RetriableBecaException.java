package dev.beca.core;

/**
 * A failure that may go away by itself: a server that does not answer yet, a timeout, a busy
 * database. Callers may retry with backoff.
 */
public non-sealed class RetriableBecaException extends BecaException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates a retriable exception.
   *
   * @param problem what failed
   * @param remedy what to do about it
   * @param cause the underlying failure, or {@code null}
   */
  public RetriableBecaException(String problem, String remedy, Throwable cause) {
    super(problem, remedy, cause);
  }

  @Override
  public final boolean isRetriable() {
    return true;
  }
}
