package dev.beca.core.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ends a process and every process below it: SIGTERM, a grace period, then SIGKILL. */
final class ProcessTree {

  private ProcessTree() {}

  /**
   * Ends a process and its descendants.
   *
   * @param root the process
   * @param grace how long they may take to end after SIGTERM
   * @return how many processes below the root were alive when it started
   */
  static int kill(ProcessHandle root, Duration grace) {
    boolean interrupted = Thread.interrupted();
    try {
      return killAll(root, grace);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int killAll(ProcessHandle root, Duration grace) {
    Map<Long, ProcessHandle> all = new LinkedHashMap<>();
    collect(root, all);
    int below = all.size();
    all.put(root.pid(), root);
    // Once more, for children forked while the first snapshot was taken.
    collect(root, all);
    all.values().forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline && all.values().stream().anyMatch(ProcessHandle::isAlive)) {
      sleep(20);
    }
    for (int round = 0; round < 3; round++) {
      List<ProcessHandle> alive = new ArrayList<>();
      for (ProcessHandle p : List.copyOf(all.values())) {
        if (p.isAlive()) {
          collect(p, all);
        }
      }
      all.values().stream().filter(ProcessHandle::isAlive).forEach(alive::add);
      if (alive.isEmpty()) {
        break;
      }
      alive.forEach(ProcessHandle::destroyForcibly);
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < until && alive.stream().anyMatch(ProcessHandle::isAlive)) {
        sleep(20);
      }
    }
    return below;
  }

  private static void collect(ProcessHandle root, Map<Long, ProcessHandle> into) {
    root.descendants().forEach(p -> into.putIfAbsent(p.pid(), p));
  }

  /** Sleeps; an interrupt cuts the sleep short and is kept (cleared) so the kill goes on. */
  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // The kill must finish; the caller restores the interrupt.
    }
  }
}
