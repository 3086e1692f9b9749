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

  /**
   * Waits for a computation expected to end very soon, checking it in a busy loop for up to {@code
   * maxSpinNanos} before blocking as {@link #join} does. For a caller with nothing else to do and a
   * processor to spare: a blocked thread is woken by the operating system when the computation
   * ends, which took 0.1-0.3 ms on a small virtual machine (two cores), as long as the rest of a
   * turn's context assembly after the query's embedding.
   *
   * @param computation the computation
   * @param maxSpinNanos how long to check before blocking; 0 blocks at once
   * @param <T> its result
   * @return the result
   */
  public static <T> T joinSoon(CompletableFuture<T> computation, long maxSpinNanos) {
    long start = System.nanoTime();
    while (!computation.isDone() && System.nanoTime() - start < maxSpinNanos) {
      Thread.onSpinWait();
    }
    return join(computation);
  }
}
