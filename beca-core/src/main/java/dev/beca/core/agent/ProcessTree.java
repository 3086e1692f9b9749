package dev.beca.core.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    all.put(root.pid(), root);
    collect(root, all);
    int below = all.size() - 1;
    // Parents before children: a shell whose child is killed first would go on with its next
    // command before its own signal arrives.
    List.copyOf(all.values()).forEach(ProcessHandle::destroy);
    // Children forked while the snapshot was taken, found below the processes still running.
    for (ProcessHandle p : List.copyOf(all.values())) {
      if (isRunning(p)) {
        Map<Long, ProcessHandle> more = new LinkedHashMap<>();
        collect(p, more);
        more.forEach(
            (pid, child) -> {
              if (all.putIfAbsent(pid, child) == null) {
                child.destroy();
              }
            });
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline && all.values().stream().anyMatch(ProcessTree::isRunning)) {
      sleep(20);
    }
    for (int round = 0; round < 3; round++) {
      List<ProcessHandle> alive = new ArrayList<>();
      for (ProcessHandle p : List.copyOf(all.values())) {
        if (isRunning(p)) {
          collect(p, all);
        }
      }
      all.values().stream().filter(ProcessTree::isRunning).forEach(alive::add);
      if (alive.isEmpty()) {
        break;
      }
      alive.forEach(ProcessHandle::destroyForcibly);
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < until && alive.stream().anyMatch(ProcessTree::isRunning)) {
        sleep(20);
      }
    }
    return below;
  }

  /**
   * Whether a process still runs: alive and not a zombie (a dead process whose parent, often the
   * system's init after its own parent was killed, has not collected it yet).
   */
  static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      int end = stat.lastIndexOf(')');
      if (end < 0 || end + 2 >= stat.length()) {
        return true;
      }
      char state = stat.charAt(end + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return process.isAlive(); // no /proc (not Linux), or it has just ended
    }
  }

  /** Adds the processes below {@code root}, breadth first (parents before their children). */
  private static void collect(ProcessHandle root, Map<Long, ProcessHandle> into) {
    Deque<ProcessHandle> queue = new ArrayDeque<>();
    queue.add(root);
    while (!queue.isEmpty()) {
      queue
          .poll()
          .children()
          .forEach(
              child -> {
                if (into.putIfAbsent(child.pid(), child) == null) {
                  queue.add(child);
                }
              });
    }
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
