package dev.beca.app.internal;

import dev.beca.benchmark.CodeBenchmark;
import dev.beca.benchmark.Comparison;
import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.limits.LimitedOperation;
import dev.beca.core.limits.RateDecision;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.quality.BenchmarkProgress;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.BenchmarkStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The code benchmark after each turn that changed the project: the revision before the turn and the
 * one after it (the turn's commit with {@code --auto-commit}, else snapshot commits of the working
 * tree, {@link dev.beca.core.agent.ProjectHistory#snapshot}) are measured, each in an export of its
 * own ({@link CodeBenchmark#compare}), and the change is reported as {@link Comparison#verdict()};
 * the turn's result is stored, and a worse verdict puts it on the learning queue with its reasons.
 * The stored result is the cache for the next turn's "before": a tree measured once is not measured
 * again. Runs one at a time on a background thread (the prompt returns at once) or, when {@code
 * background} is off (piped input), before the next line is read. Each comparison takes a {@code
 * benchmark_run} permit of the rate limits; a refused one is skipped and said so.
 */
final class TurnBenchmark implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TurnBenchmark.class);

  private final CodeBenchmark benchmark;
  private final BenchmarkStore store;
  private final Path project;
  private final RateLimits limits;
  private final Consumer<String> report;
  private final boolean background;
  private final ExecutorService runs;
  private volatile boolean off;

  TurnBenchmark(
      CodeBenchmark benchmark,
      BenchmarkStore store,
      Path project,
      RateLimits limits,
      Consumer<String> report,
      boolean background) {
    this.benchmark = benchmark;
    this.store = store;
    this.project = project;
    this.limits = limits;
    this.report = report;
    this.background = background;
    this.runs =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "beca-turn-benchmark");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Compares the project before a turn with the project after it and reports the change.
   *
   * @param before the commit before the turn, or a snapshot of the tree then
   * @param after the turn's commit, or a snapshot of the tree after the turn
   */
  void afterTurn(String before, String after) {
    afterTurn(before, after, resultId -> {});
  }

  /**
   * Compares the project before a turn with the project after it, reports the change, and tells
   * {@code onWorse} the stored result's id when the verdict is worse.
   *
   * @param before the commit before the turn, or a snapshot of the tree then
   * @param after the turn's commit, or a snapshot of the tree after the turn
   * @param onWorse called (on the benchmark's thread) with the stored result of a worse verdict
   */
  void afterTurn(String before, String after, java.util.function.LongConsumer onWorse) {
    if (off) {
      return;
    }
    Future<?> run = runs.submit(() -> compare(before, after, onWorse));
    if (!background) {
      try {
        run.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.warn("The turn benchmark failed", e.getCause());
      }
    }
  }

  private void compare(String before, String after, java.util.function.LongConsumer onWorse) {
    if (off) {
      return;
    }
    RateDecision permit = limits.tryAcquire(LimitedOperation.BENCHMARK_RUN);
    if (!permit.permitted()) {
      report.accept("benchmark skipped: " + permit.message());
      return;
    }
    Comparison comparison;
    try {
      comparison = benchmark.compare(project, before, after, BenchmarkProgress.NONE);
    } catch (InvalidInputException e) {
      off = true;
      report.accept("no benchmark after turns: " + e.getMessage());
      return;
    } catch (BecaException | IllegalStateException e) {
      LOG.warn("The turn benchmark failed on {}", project, e);
      report.accept("benchmark failed: " + e.getMessage());
      return;
    }
    Comparison.Verdict verdict = comparison.verdict();
    report.accept(
        String.format(
            Locale.ROOT,
            "benchmark: score %.2f -> %.2f, %s",
            comparison.before().score().value(),
            comparison.after().score().value(),
            verdict.line()));
    try {
      // Stored under the project's own name and folder, not the export it was measured in.
      BenchmarkResult measured = comparison.after();
      BenchmarkResult stored =
          store.save(
              new BenchmarkResult(
                  measured.id(),
                  String.valueOf(project.getFileName()),
                  project.toString(),
                  measured.revision(),
                  measured.cacheKey(),
                  measured.startedAt(),
                  measured.duration(),
                  measured.timedOut(),
                  measured.toolVersions(),
                  measured.probes(),
                  measured.score()));
      if (verdict.outcome() == Comparison.Outcome.WORSE) {
        store.queueForLearning(stored.id(), verdict.reasons());
        report.accept("the drop is on the learning queue.");
        onWorse.accept(stored.id());
      }
    } catch (BecaException e) {
      LOG.warn("Could not store the turn's benchmark result", e);
    }
  }

  /** Stops: a run in progress is abandoned (its copy of the project is cleaned up). */
  @Override
  public void close() {
    off = true;
    runs.shutdownNow();
    try {
      runs.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
