package dev.beca.core.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cancellation of one running tool call. The {@link ToolRunner} makes one per call and hands it
 * to {@link AgentTool#execute(ToolArguments, ToolCancellation)}; a front end cancels the calls of a
 * session with {@link ToolRunner#cancelRunning(String)} (on Ctrl-C, a stop button), and a tool that
 * runs long ({@code run_command}) stops what it started and returns what it has so far. Cancelling
 * twice, or after the call ended, does nothing. Thread-safe.
 */
public final class ToolCancellation {

  private final List<Runnable> listeners = new ArrayList<>();
  private boolean cancelled;

  /** A new, not yet cancelled token. */
  public ToolCancellation() {}

  /** A token nobody cancels, for running a tool outside a {@link ToolRunner}. */
  public static ToolCancellation none() {
    return new ToolCancellation();
  }

  /**
   * Cancels: runs the listeners once, on the calling thread.
   *
   * @return whether this call cancelled it (false when it already was)
   */
  public boolean cancel() {
    List<Runnable> toRun;
    synchronized (this) {
      if (cancelled) {
        return false;
      }
      cancelled = true;
      toRun = List.copyOf(listeners);
      listeners.clear();
    }
    toRun.forEach(Runnable::run);
    return true;
  }

  /** Whether it was cancelled. */
  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /**
   * Runs an action when cancelled; at once, on this thread, when it already is.
   *
   * @param action what to do, quickly and without throwing
   */
  public void onCancel(Runnable action) {
    Objects.requireNonNull(action, "action");
    synchronized (this) {
      if (!cancelled) {
        listeners.add(action);
        return;
      }
    }
    action.run();
  }
}
