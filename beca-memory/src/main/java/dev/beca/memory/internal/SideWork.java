package dev.beca.memory.internal;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The work a search does beside the query's embedding (its keyword side and its reads), for history
 * and lesson search alike: on a shared pool of daemon threads ({@link #THREADS}), or <b>offered</b>
 * ({@link #offer}) to another search of the same text that waits for that embedding and runs it on
 * its own thread meanwhile ({@link #help}). Why the caller embeds: a thread woken to run the model
 * waited up to 0.75 ms for a processor on a two-core machine while two others ran
 * (docs/learning.md); the calling thread is running already. Why offering: in a turn with lessons
 * the lesson search's thread embeds while the assembler's thread searches the history, and waking a
 * third thread for the lesson keyword side took a processor from one of them (the lesson thread was
 * preempted for 0.4 ms before its model started); the history search, which waits for the same
 * embedding anyway, runs it instead.
 */
final class SideWork {

  /** The shared pool. */
  static final Executor THREADS =
      Executors.newCachedThreadPool(DaemonThreads.named("beca-search-side"));

  /** Tasks offered per embedded text, until taken or withdrawn. */
  private static final ConcurrentHashMap<String, Queue<Task<?>>> OFFERED =
      new ConcurrentHashMap<>();

  private SideWork() {}

  /**
   * Work that runs once, on whichever thread gets to it first: the search's own thread, or one
   * waiting for the same query's embedding. Its result or failure is in {@link #result()}, for the
   * search that made it.
   *
   * @param <T> the result
   */
  static final class Task<T> {
    private final Supplier<T> work;
    private final AtomicBoolean taken = new AtomicBoolean();
    private final CompletableFuture<T> result = new CompletableFuture<>();

    Task(Supplier<T> work) {
      this.work = work;
    }

    /** Runs the work here unless a thread has taken it (then returns at once). */
    void run() {
      if (!taken.compareAndSet(false, true)) {
        return;
      }
      try {
        result.complete(work.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e); // the search that made it gets it, the helper does not
      }
    }

    /** The work's result, done or still running. */
    CompletableFuture<T> result() {
      return result;
    }
  }

  /**
   * Offers a task to the searches that wait for {@code text}'s embedding while the caller computes
   * it. The caller then {@link #withdraw}s it and runs it ({@link Task#run}: nothing to do when a
   * helper has taken it).
   */
  static void offer(String text, Task<?> task) {
    OFFERED.computeIfAbsent(text, k -> new ConcurrentLinkedQueue<>()).add(task);
  }

  /** Withdraws an offer (whether or not a helper took the task). */
  static void withdraw(String text, Task<?> task) {
    Queue<Task<?>> offered = OFFERED.get(text);
    if (offered != null) {
      offered.remove(task);
      if (offered.isEmpty()) {
        // A task offered for the same text at this moment may go with it: its own search then
        // runs it, as when nobody helps.
        OFFERED.remove(text, offered);
      }
    }
  }

  /**
   * Runs, on the calling thread, the tasks offered for {@code text} that nobody has taken: for a
   * search about to wait for that text's embedding. A task's failure stays with its own search.
   */
  static void help(String text) {
    Queue<Task<?>> offered = OFFERED.get(text);
    if (offered == null) {
      return;
    }
    for (Task<?> task = offered.poll(); task != null; task = offered.poll()) {
      task.run();
    }
  }
}
