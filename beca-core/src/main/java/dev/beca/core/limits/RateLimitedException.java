package dev.beca.core.limits;

import dev.beca.core.RetriableBecaException;
import java.time.Duration;
import java.util.Objects;

/**
 * An operation was refused because its {@link RateLimits rate limit} is reached; nothing was run,
 * and the same call succeeds after {@link #retryAfter()}. The message says which limit and how long
 * to wait: {@code "Rate limit reached: at most 60 model calls a minute. Try again in 12 s; nothing
 * was run."}
 */
public class RateLimitedException extends RetriableBecaException {

  private static final long serialVersionUID = 1L;

  private final LimitedOperation operation;
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param operation the refused operation
   * @param retryAfter how long to wait
   * @param problem which limit was reached
   * @param remedy how long to wait
   */
  public RateLimitedException(
      LimitedOperation operation, Duration retryAfter, String problem, String remedy) {
    super(problem, remedy, null);
    this.operation = Objects.requireNonNull(operation, "operation");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** The refused operation. */
  public LimitedOperation operation() {
    return operation;
  }

  /** How long to wait before the operation is permitted again (whole seconds). */
  public Duration retryAfter() {
    return retryAfter;
  }
}
