package dev.beca.core;

import java.util.Objects;

/**
 * Root of every unchecked exception BECA throws across a module boundary.
 *
 * <p>Each exception says what failed ({@link #problem()}) and what to do about it ({@link
 * #remedy()}); {@link #getMessage()} joins both into one line that can be shown to a user as it is.
 * Checked exceptions of JDBC, MyBatis, JGit or HTTP clients are translated into this hierarchy at
 * the edge of the module that meets them and kept as the {@link #getCause()}.
 */
public abstract sealed class BecaException extends RuntimeException
    permits RetriableBecaException, NonRetriableBecaException {

  private static final long serialVersionUID = 1L;

  private final String problem;
  private final String remedy;

  /**
   * Creates an exception.
   *
   * @param problem what failed, as one sentence
   * @param remedy what the user or caller can do, as one sentence; empty when nothing helps
   * @param cause the underlying failure, or {@code null}
   */
  protected BecaException(String problem, String remedy, Throwable cause) {
    super(join(problem, remedy), cause);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.remedy = Objects.requireNonNull(remedy, "remedy");
  }

  /** What failed, as one sentence. */
  public String problem() {
    return problem;
  }

  /** What to do about it, as one sentence; empty when there is no useful advice. */
  public String remedy() {
    return remedy;
  }

  /** Whether the same call may succeed if it is simply tried again later. */
  public abstract boolean isRetriable();

  private static String join(String problem, String remedy) {
    Objects.requireNonNull(problem, "problem");
    return remedy == null || remedy.isBlank() ? problem : problem + " " + remedy;
  }
}
