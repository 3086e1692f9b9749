package dev.beca.core;

/**
 * A model server answered but refused the request: the model does not exist, lacks a capability
 * (such as tools), or the request was invalid. Retrying the same request will fail again.
 */
public class ModelRequestException extends NonRetriableBecaException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problem what the server refused and why
   * @param remedy what to change (pull the model, pick another one)
   * @param cause the client's error
   */
  public ModelRequestException(String problem, String remedy, Throwable cause) {
    super(problem, remedy, cause);
  }
}
