package dev.beca.core;

/** The knowledge base could not read or write; the cause holds the driver's error. */
public class StorageException extends NonRetriableBecaException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problem what could not be read or written
   * @param remedy what to check (file permissions, disk space, another process)
   * @param cause the driver's error
   */
  public StorageException(String problem, String remedy, Throwable cause) {
    super(problem, remedy, cause);
  }
}
