package dev.beca.core.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether one operation may run now.
 *
 * @param operation the operation asked about
 * @param permitted whether it may run
 * @param retryAfter how long to wait before it may run, zero when permitted (rounded up to whole
 *     seconds)
 * @param limit the limit in words ({@code "at most 20 commands a minute"}), empty without a limit
 */
public record RateDecision(
    LimitedOperation operation, boolean permitted, Duration retryAfter, String limit) {

  /** Checks the components. */
  public RateDecision {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(limit, "limit");
  }

  /** A permission. */
  static RateDecision permit(LimitedOperation operation, String limit) {
    return new RateDecision(operation, true, Duration.ZERO, limit);
  }

  /**
   * For a refusal, what to show the user or the model: {@code "Rate limit reached: at most 20
   * commands a minute. Try again in 37 s; nothing was run."}; for a permission, empty.
   */
  public String message() {
    return permitted ? "" : problem() + " " + remedy();
  }

  /**
   * The refusal as an exception.
   *
   * @throws IllegalStateException when the operation was permitted
   */
  public RateLimitedException toException() {
    if (permitted) {
      throw new IllegalStateException("The operation was permitted; there is nothing to throw");
    }
    return new RateLimitedException(operation, retryAfter, problem(), remedy());
  }

  private String problem() {
    return "Rate limit reached: " + limit + ".";
  }

  private String remedy() {
    return "Try again in " + format(retryAfter) + "; nothing was run.";
  }

  /** A wait in words: {@code 37 s}, {@code 19 min}, {@code 2 min 5 s}. */
  static String format(Duration wait) {
    long seconds = wait.toSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    long rest = seconds % 60;
    return rest == 0 ? minutes + " min" : minutes + " min " + rest + " s";
  }
}
