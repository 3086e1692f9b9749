package dev.beca.server.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Durations and failures per key (a route, the chat's first token) since the last {@link #drain}:
 * the source of the per-tick p95 and error rate of the monitoring samples. Keeps at most {@value
 * #RESERVOIR} durations per key (a uniform reservoir sample), so a burst cannot grow it.
 * Thread-safe.
 */
final class RequestWindow {

  /** Durations kept per key and tick. */
  static final int RESERVOIR = 2048;

  /** One key's tick: how many, how many failed, and the p95 of their durations. */
  record Stats(long count, long failures, double p95Millis) {
    double failureRate() {
      return count == 0 ? 0 : (double) failures / count;
    }
  }

  private static final class Window {
    long count;
    long failures;
    final long[] nanos = new long[RESERVOIR];

    void add(long duration, boolean failed) {
      count++;
      if (failed) {
        failures++;
      }
      if (count <= RESERVOIR) {
        nanos[(int) count - 1] = duration;
      } else {
        long slot = ThreadLocalRandom.current().nextLong(count);
        if (slot < RESERVOIR) {
          nanos[(int) slot] = duration;
        }
      }
    }

    Stats stats() {
      int n = (int) Math.min(count, RESERVOIR);
      long[] sorted = Arrays.copyOf(nanos, n);
      Arrays.sort(sorted);
      // Nearest rank: the smallest value with at least 95 % of the values at or below it.
      int rank = (int) Math.ceil(0.95 * n);
      return new Stats(count, failures, n == 0 ? 0 : sorted[Math.max(0, rank - 1)] / 1e6);
    }
  }

  private Map<String, Window> windows = new HashMap<>(); // guarded by this

  /** Adds one duration. */
  synchronized void add(String key, long nanos, boolean failed) {
    windows.computeIfAbsent(key, k -> new Window()).add(nanos, failed);
  }

  /** The stats of every key since the last drain, by key; starts a new tick. */
  Map<String, Stats> drain() {
    Map<String, Window> taken;
    synchronized (this) {
      taken = windows;
      windows = new HashMap<>();
    }
    Map<String, Stats> stats = new LinkedHashMap<>();
    new TreeMap<>(taken).forEach((key, window) -> stats.put(key, window.stats()));
    return stats;
  }
}
