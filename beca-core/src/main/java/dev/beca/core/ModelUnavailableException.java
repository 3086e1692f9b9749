package dev.beca.core;

/**
 * No answer came from a model server: it refused the connection, timed out, dropped the stream or
 * reported a server error. The request itself may be fine; trying later may work.
 */
public class ModelUnavailableException extends RetriableBecaException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problem which server or model did not answer, and how
   * @param remedy how to bring it up or point BECA elsewhere
   * @param cause the client's error
   */
  public ModelUnavailableException(String problem, String remedy, Throwable cause) {
    super(problem, remedy, cause);
  }
}
