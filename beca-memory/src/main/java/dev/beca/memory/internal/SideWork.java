package dev.beca.memory.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The threads that run a search's keyword side (and its reads) while the calling thread embeds the
 * query, for history and lesson search alike; daemon threads, none kept while idle. Why the caller
 * embeds: a thread woken to run the model waited up to 0.75 ms for a processor on a two-core
 * machine while two others ran (docs/learning.md); the calling thread is running already.
 */
final class SideWork {

  /** The shared pool. */
  static final Executor THREADS =
      Executors.newCachedThreadPool(DaemonThreads.named("beca-search-side"));

  private SideWork() {}
}
