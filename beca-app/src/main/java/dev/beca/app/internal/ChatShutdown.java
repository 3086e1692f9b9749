package dev.beca.app.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Ends {@code beca chat} cleanly on SIGTERM or Ctrl-C: a shutdown hook that, when a reply is
 * streaming, interrupts the chat's thread so the turn ends the way a dropped stream does (the part
 * received is stored, marked incomplete), and waits for that before the JVM halts.
 *
 * <pre>{@code
 * try (ChatShutdown shutdown = ChatShutdown.install(Thread.currentThread(), () -> { })) {
 *   if (shutdown.beginTurn()) {
 *     try { assistant.chat(...); } finally { shutdown.endTurn(); }
 *   }
 * }
 * }</pre>
 */
final class ChatShutdown implements AutoCloseable {

  /** How long the hook waits for the interrupted turn to store its partial reply. */
  static final Duration GRACE = Duration.ofSeconds(10);

  private final Thread chat;
  private final Runnable onStop;
  private final Thread hook;
  private boolean inTurn; // guarded by this
  private boolean stopping; // guarded by this

  private ChatShutdown(Thread chat, Runnable onStop) {
    this.chat = Objects.requireNonNull(chat, "chat");
    this.onStop = Objects.requireNonNull(onStop, "onStop");
    this.hook = new Thread(this::stop, "beca-chat-shutdown");
  }

  /**
   * Installs the hook.
   *
   * @param chat the thread that runs the turns
   * @param onStop run last by the hook (e.g. to restore the terminal)
   * @return the installed hook; close it when the chat ends
   */
  static ChatShutdown install(Thread chat, Runnable onStop) {
    ChatShutdown shutdown = new ChatShutdown(chat, onStop);
    Runtime.getRuntime().addShutdownHook(shutdown.hook);
    return shutdown;
  }

  /** Marks a turn as started; {@code false} when the process is stopping and no turn may start. */
  synchronized boolean beginTurn() {
    if (stopping) {
      return false;
    }
    inTurn = true;
    return true;
  }

  /** Marks the turn as over (its messages stored, its outcome printed). */
  void endTurn() {
    boolean stopped;
    synchronized (this) {
      inTurn = false;
      stopped = stopping;
      notifyAll();
    }
    if (stopped) {
      Thread.interrupted(); // the interrupt was for the turn, which is over
    }
  }

  /** Whether the process was asked to stop. */
  synchronized boolean stopping() {
    return stopping;
  }

  private void stop() {
    synchronized (this) {
      stopping = true;
      if (inTurn) {
        chat.interrupt();
      }
      long deadline = System.nanoTime() + GRACE.toNanos();
      while (inTurn) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          break;
        }
      }
    }
    onStop.run();
  }

  /** Removes the hook (the chat ended by itself). */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook is running or has run.
    }
  }
}
