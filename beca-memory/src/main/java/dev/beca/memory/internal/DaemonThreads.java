package dev.beca.memory.internal;

import java.util.concurrent.ThreadFactory;

/**
 * Thread factories for the knowledge base's background pools: daemon threads, so that an open pool
 * never keeps a JVM alive, each with the pool's name for thread dumps and profiles.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /**
   * A factory of daemon threads, all named {@code name}.
   *
   * @param name the threads' name, e.g. {@code beca-embeddings}
   * @return the factory
   */
  public static ThreadFactory named(String name) {
    return r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
