package dev.beca.server.internal;

import dev.beca.core.model.ModelServerLoad;
import dev.beca.core.monitoring.MetricSample;
import dev.beca.core.monitoring.SeriesNames;
import dev.beca.core.monitoring.ThresholdWatch;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.BenchmarkSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the server once per tick ({@link dev.beca.server.MonitoringSettings#sampleInterval()}):
 * per-route request count, 5xx rate and p95 time; the chat's p95 wait for the first token and whole
 * turn; new benchmark results' durations; the learning queue's length; CPU, memory, heap, the data
 * directory's free disk, GPUs and the model servers' loaded models. The samples go into the metric
 * history, the thresholds are checked on them, and the resources become gauges of {@code /metrics}.
 * A part that fails is logged and left out of that tick; the others go on.
 */
public final class MonitoringSampler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MonitoringSampler.class);

  /** The longest learning queue counted exactly; longer ones are reported as this. */
  static final int QUEUE_COUNT_CAP = 10_000;

  private final ServerPorts ports;
  private final ServerMetrics metrics;
  private final ResourceProbe probe;
  private final ThresholdWatch watch;
  private final Instant startedAt;
  private final Map<String, Instant> benchmarksSeen = new HashMap<>(); // tick thread only
  private ScheduledExecutorService timer; // guarded by this

  /**
   * Creates the sampler; nothing runs until {@link #start()}.
   *
   * @param ports the stores: history, alerts, benchmarks (each optional)
   * @param metrics the meters it drains and the gauges it sets
   * @param probe measures the resources
   */
  public MonitoringSampler(ServerPorts ports, ServerMetrics metrics, ResourceProbe probe) {
    this.ports = Objects.requireNonNull(ports, "ports");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.watch =
        ports.monitoringAlerts() == null
            ? null
            : new ThresholdWatch(ports.monitoring().thresholds(), ports.monitoringAlerts());
    this.startedAt = ports.clock().instant();
  }

  /** Starts ticking on a daemon thread, the first tick one interval from now. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "beca-monitoring");
              thread.setDaemon(true);
              return thread;
            });
    long millis = ports.monitoring().sampleInterval().toMillis();
    timer.scheduleWithFixedDelay(this::safeTick, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("A monitoring tick failed; the next one will try again: {}", e.getMessage(), e);
    }
  }

  /**
   * One tick: samples, stores, checks thresholds, sets gauges.
   *
   * @return the samples of this tick
   */
  public List<MetricSample> tick() {
    Instant now = ports.clock().instant();
    List<MetricSample> samples = new ArrayList<>();
    requests(now, samples);
    modelCalls(now, samples);
    benchmarks(samples);
    Resources resources = probe.measure();
    resources(now, resources, samples);
    if (ports.metricHistory() != null) {
      try {
        ports.metricHistory().record(samples);
      } catch (RuntimeException e) {
        LOG.warn("Could not store {} monitoring samples: {}", samples.size(), e.getMessage(), e);
      }
    }
    if (watch != null) {
      try {
        watch
            .evaluate(samples)
            .forEach(
                a ->
                    LOG.warn(
                        "Monitoring alert {}: {}", a.state().name().toLowerCase(), a.message()));
      } catch (RuntimeException e) {
        LOG.warn("Could not check the alert thresholds: {}", e.getMessage(), e);
      }
    }
    return samples;
  }

  private void requests(Instant now, List<MetricSample> samples) {
    metrics
        .drainRequests()
        .forEach(
            (route, stats) -> {
              samples.add(new MetricSample(SeriesNames.HTTP_REQUESTS + route, now, stats.count()));
              samples.add(
                  new MetricSample(SeriesNames.HTTP_ERROR_RATE + route, now, stats.failureRate()));
              samples.add(
                  new MetricSample(SeriesNames.HTTP_P95_MS + route, now, stats.p95Millis()));
            });
  }

  private void modelCalls(Instant now, List<MetricSample> samples) {
    Map<String, RequestWindow.Stats> calls = metrics.drainModelCalls();
    if (calls.containsKey("first_token")) {
      samples.add(
          new MetricSample(
              SeriesNames.MODEL_FIRST_TOKEN_P95_MS, now, calls.get("first_token").p95Millis()));
    }
    if (calls.containsKey("turn")) {
      samples.add(
          new MetricSample(SeriesNames.MODEL_TURN_P95_MS, now, calls.get("turn").p95Millis()));
    }
  }

  private void benchmarks(List<MetricSample> samples) {
    if (ports.benchmarks() == null) {
      return;
    }
    try {
      for (BenchmarkSummary summary : ports.benchmarks().benchmarks()) {
        Instant seen = benchmarksSeen.getOrDefault(summary.name(), startedAt);
        if (summary.latestAt().isAfter(seen)) {
          benchmarksSeen.put(summary.name(), summary.latestAt());
          BenchmarkResult result = ports.benchmarks().latest(summary.name()).orElse(null);
          if (result != null) {
            samples.add(
                new MetricSample(
                    SeriesNames.BENCHMARK_DURATION_S + summary.name(),
                    result.startedAt(),
                    result.duration().toMillis() / 1000.0));
          }
        }
      }
      int queue = ports.benchmarks().learningQueue(QUEUE_COUNT_CAP).size();
      samples.add(new MetricSample(SeriesNames.QUEUE_LEARNING, ports.clock().instant(), queue));
      metrics.gauge("beca.learning.queue.size", null, "Open items of the learning queue", queue);
    } catch (RuntimeException e) {
      LOG.warn("Could not sample the benchmarks: {}", e.getMessage(), e);
    }
  }

  private void resources(Instant now, Resources r, List<MetricSample> samples) {
    samples.add(new MetricSample(SeriesNames.HEAP_USED_BYTES, now, r.heap().usedBytes()));
    samples.add(new MetricSample(SeriesNames.HEAP_USED_RATIO, now, r.heap().usedRatio()));
    samples.add(new MetricSample(SeriesNames.SYSTEM_CPU_LOAD, now, r.cpu().systemLoad()));
    samples.add(new MetricSample(SeriesNames.PROCESS_CPU_LOAD, now, r.cpu().processLoad()));
    samples.add(
        new MetricSample(SeriesNames.SYSTEM_MEMORY_USED_RATIO, now, r.memory().usedRatio()));
    metrics.gauge("system.memory.total", "bytes", "The machine's memory", r.memory().totalBytes());
    metrics.gauge(
        "system.memory.available",
        "bytes",
        "The machine's memory available to new programs",
        r.memory().availableBytes());
    metrics.gauge(
        "process.memory.rss",
        "bytes",
        "This process's resident set",
        r.memory().processResidentBytes());
    if (r.disk() != null) {
      samples.add(new MetricSample(SeriesNames.DISK_FREE_BYTES, now, r.disk().freeBytes()));
      metrics.gauge(
          "beca.data.disk.free",
          "bytes",
          "Free space of the data directory's file system",
          r.disk().freeBytes());
      metrics.gauge(
          "beca.data.disk.total",
          "bytes",
          "Size of the data directory's file system",
          r.disk().totalBytes());
    }
    for (Resources.Gpu gpu : r.gpu().devices()) {
      String index = String.valueOf(gpu.index());
      samples.add(
          new MetricSample(SeriesNames.GPU_MEMORY_USED_BYTES + index, now, gpu.memoryUsedBytes()));
      samples.add(new MetricSample(SeriesNames.GPU_UTILIZATION + index, now, gpu.utilization()));
      metrics.gauge(
          "gpu.memory.used", "bytes", "GPU memory in use", gpu.memoryUsedBytes(), "gpu", index);
      metrics.gauge(
          "gpu.memory.total", "bytes", "GPU memory", gpu.memoryTotalBytes(), "gpu", index);
      metrics.gauge("gpu.utilization", null, "GPU load, 0 to 1", gpu.utilization(), "gpu", index);
    }
    for (ModelServerLoad load : r.modelServers()) {
      boolean up = load.status().equals("ok");
      metrics.gauge(
          "beca.model.server.up",
          null,
          "Whether the model server answered its loaded models (1) or not (0)",
          up ? 1 : 0,
          "server",
          load.server());
      if (up) {
        samples.add(
            new MetricSample(
                SeriesNames.MODEL_SERVER_LOADED + load.server(), now, load.models().size()));
        samples.add(
            new MetricSample(
                SeriesNames.MODEL_SERVER_MEMORY_BYTES + load.server(), now, load.memoryBytes()));
        metrics.gauge(
            "beca.model.server.loaded.models",
            null,
            "Models the model server holds in memory",
            load.models().size(),
            "server",
            load.server());
        metrics.gauge(
            "beca.model.server.memory",
            "bytes",
            "Memory of the models the model server holds",
            load.memoryBytes(),
            "server",
            load.server());
        metrics.gauge(
            "beca.model.server.vram",
            "bytes",
            "GPU memory of the models the model server holds",
            load.vramBytes(),
            "server",
            load.server());
      }
    }
  }

  /** The meters it drains (for harnesses). */
  ServerMetrics metrics() {
    return metrics;
  }

  /** Stops ticking. */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
