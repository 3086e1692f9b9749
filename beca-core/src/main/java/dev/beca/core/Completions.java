package dev.beca.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waiting for work done on another thread so that its failure reaches the caller as the exception
 * it was, not wrapped in a {@link CompletionException}: a {@link BecaException} from a background
 * search or build stays one, and callers' {@code catch} clauses keep working.
 */
public final class Completions {

  private Completions() {}

  /**
   * Waits for a computation and returns its result.
   *
   * @param computation the computation
   * @param <T> its result
   * @return the result
   * @throws RuntimeException the unchecked exception the computation failed with
   * @throws Error the error the computation failed with
   * @throws CompletionException when it failed with a checked exception (kept as the cause)
   */
  public static <T> T join(CompletableFuture<T> computation) {
    try {
      return computation.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
