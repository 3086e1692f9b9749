package dev.beca.memory.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * Warms a latency harness up until the JIT compilers have settled, so that what it measures is the
 * code, not the compilation of the code. On two cores the compiler threads of a fresh JVM take
 * processor time from the measured work for tens of seconds: a context-assembly harness that warmed
 * up with 20 turns spent about as much CPU in the C2 compiler as in the turns it measured.
 *
 * <p>The system property {@code bench.warmup} chooses: {@code settled} (the default) runs turns
 * until the compilers spent less than {@value #QUIET_MILLIS} ms in the last {@value #WINDOW} turns
 * (at least {@value #MIN_TURNS}, at most {@value #MAX_TURNS}); a number runs exactly that many (20
 * was the harnesses' warm-up until 2026-12-02).
 */
public final class JitWarmUp {

  static final int WINDOW = 100;
  static final long QUIET_MILLIS = 50;
  static final int MIN_TURNS = 100;
  static final int MAX_TURNS = 5_000;

  private JitWarmUp() {}

  /**
   * Runs warm-up turns as {@code bench.warmup} says.
   *
   * @param turn runs one turn, given its number (0, 1, ...)
   * @return what was done, for the harness's output
   */
  public static String run(IntConsumer turn) {
    String setting = System.getProperty("bench.warmup", "settled");
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
    long compiledBefore = timed ? jit.getTotalCompilationTime() : 0;
    long start = System.nanoTime();
    int turns = 0;
    if (!setting.equals("settled")) {
      int count = Integer.parseInt(setting);
      for (; turns < count; turns++) {
        turn.accept(turns);
      }
    } else if (!timed) {
      for (; turns < MIN_TURNS * 10; turns++) {
        turn.accept(turns);
      }
    } else {
      long windowStart = jit.getTotalCompilationTime();
      while (turns < MAX_TURNS) {
        turn.accept(turns++);
        if (turns % WINDOW == 0) {
          long now = jit.getTotalCompilationTime();
          if (turns >= MIN_TURNS && now - windowStart < QUIET_MILLIS) {
            break;
          }
          windowStart = now;
        }
      }
    }
    return String.format(
        java.util.Locale.ROOT,
        "warm-up (%s): %d turns in %.1f s, JIT compilation %s",
        setting,
        turns,
        (System.nanoTime() - start) / 1e9,
        timed ? (jit.getTotalCompilationTime() - compiledBefore) + " ms" : "not measured");
  }
}
