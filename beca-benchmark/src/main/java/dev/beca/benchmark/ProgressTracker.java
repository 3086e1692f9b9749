package dev.beca.benchmark;

import dev.beca.core.quality.BenchmarkProgress;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Remembers the progress of the latest benchmark run so that it can be looked at from another
 * thread (the assistant's "view benchmark progress" tool). Thread-safe.
 */
public final class ProgressTracker implements BenchmarkProgress {

  private final Clock clock;
  private String benchmark = "";
  private List<String> planned = List.of();
  private final List<String> finished = new ArrayList<>();
  private String running = "";
  private Instant startedAt;
  private String outcome = "";

  /** A tracker on the system clock. */
  public ProgressTracker() {
    this(Clock.systemUTC());
  }

  /**
   * A tracker on a clock.
   *
   * @param clock the clock measuring elapsed time
   */
  public ProgressTracker(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void started(String name, List<String> probes) {
    benchmark = name;
    planned = List.copyOf(probes);
    finished.clear();
    running = "";
    startedAt = clock.instant();
    outcome = "";
  }

  @Override
  public synchronized void cached(BenchmarkResult result) {
    benchmark = result.benchmark();
    planned = List.of();
    finished.clear();
    running = "";
    startedAt = null;
    outcome =
        String.format(
            Locale.ROOT,
            "returned the stored result %d (score %.3f) for the unchanged tree",
            result.id(),
            result.score().value());
  }

  @Override
  public synchronized void probeStarted(String probe, int index, int count) {
    running = probe + " (" + index + "/" + count + ")";
  }

  @Override
  public synchronized void probeFinished(ProbeResult result) {
    running = "";
    finished.add(
        result.probe()
            + " "
            + result.status().name().toLowerCase(Locale.ROOT)
            + String.format(Locale.ROOT, " in %.1f s", result.duration().toMillis() / 1000.0));
  }

  @Override
  public synchronized void finished(BenchmarkResult result) {
    running = "";
    outcome =
        String.format(
            Locale.ROOT, "finished: score %.3f (result %d)", result.score().value(), result.id());
  }

  /** A one-paragraph description of the latest run's progress. */
  public synchronized String describe() {
    if (benchmark.isEmpty()) {
      return "No benchmark has run yet.";
    }
    StringBuilder text = new StringBuilder("Benchmark ").append(benchmark).append(": ");
    if (startedAt != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "started %.0f s ago; ",
              Duration.between(startedAt, clock.instant()).toMillis() / 1000.0));
    }
    if (!planned.isEmpty()) {
      text.append(finished.size()).append(" of ").append(planned.size()).append(" probes done");
      if (!finished.isEmpty()) {
        text.append(" (").append(String.join(", ", finished)).append(")");
      }
      text.append("; ");
    }
    if (!running.isEmpty()) {
      text.append("running ").append(running).append("; ");
    }
    text.append(outcome.isEmpty() ? "in progress" : outcome).append('.');
    return text.toString();
  }
}
