package dev.beca.server.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's meters in one Prometheus registry: {@code http.server.requests} per method, route
 * template and status (exposed as {@code http_server_requests_seconds}), the chat's time to the
 * first token and whole turn ({@code beca.chat.first.token}, {@code beca.chat.turn}), and JVM and
 * process meters (memory, GC, threads, class loading, CPU, uptime, file descriptors). The
 * monitoring sampler adds the resources it measures as gauges ({@link #gauge}) and drains the
 * per-tick windows of request and model times ({@link #drainRequests}, {@link #drainModelCalls}).
 */
public final class ServerMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final RequestWindow requests = new RequestWindow();
  private final RequestWindow modelCalls = new RequestWindow();
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
  private volatile MonitoringSampler monitor;

  /** Creates the registry with the JVM and process meters bound. */
  public ServerMetrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /** Records one request by its route template (never the raw path: ids would explode it). */
  void request(String method, String route, int status, long nanos) {
    Timer.builder("http.server.requests")
        .description("HTTP requests by route")
        .tag("method", method)
        .tag("uri", route)
        .tag("status", String.valueOf(status))
        .tag("outcome", outcome(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    requests.add(method + " " + route, nanos, status >= 500);
  }

  /** Records how long a chat waited for the model's first piece of text. */
  void firstToken(Duration wait) {
    Timer.builder("beca.chat.first.token")
        .description("Time from a chat request to the model's first token")
        .register(registry)
        .record(wait);
    modelCalls.add("first_token", wait.toNanos(), false);
  }

  /** Records a whole chat turn, model call included. */
  void turn(Duration took, String outcome) {
    Timer.builder("beca.chat.turn")
        .description("Whole chat turns, model call and storage included")
        .tag("outcome", outcome)
        .register(registry)
        .record(took);
    modelCalls.add("turn", took.toNanos(), "error".equals(outcome));
  }

  /**
   * Records the model's generation speed in one chat turn: the tokens generated after the first
   * over the time from the first streamed piece to the last, as {@code
   * beca_model_tokens_per_second} (a summary per model) and {@code beca_model_tokens_total}, both
   * tagged {@code counted_by}: {@code model} when the model's response gave its own count (Ollama's
   * {@code eval_count}, an OpenAI-compatible {@code usage.completion_tokens}), {@code pieces} when
   * it did not and the streamed pieces stand in for tokens (Ollama streams about one token a piece;
   * other servers and BECA's redaction of the shown text may merge several). A turn with fewer than
   * two tokens, or pieces none apart in time, says nothing about speed and adds to the total only.
   *
   * @param model the model that answered
   * @param tokens the model's count, or the pieces when it gave none
   * @param countedByModel whether {@code tokens} is the model's own count
   * @param firstToLastNanos from the first piece to the last
   */
  void modelTokens(String model, int tokens, boolean countedByModel, long firstToLastNanos) {
    String countedBy = countedByModel ? "model" : "pieces";
    Counter.builder("beca.model.tokens")
        .description("Tokens the models generated in chat turns (counted_by: model or pieces)")
        .tag("model", model)
        .tag("counted_by", countedBy)
        .register(registry)
        .increment(tokens);
    if (tokens < 2 || firstToLastNanos <= 0) {
      return;
    }
    DistributionSummary.builder("beca.model.tokens.per.second")
        .description("Generation speed of chat turns: tokens after the first per second")
        .tag("model", model)
        .tag("counted_by", countedBy)
        .register(registry)
        .record((tokens - 1) / (firstToLastNanos / 1e9));
  }

  /** Request counts, failures (5xx) and p95 per {@code METHOD ROUTE} since the last call. */
  Map<String, RequestWindow.Stats> drainRequests() {
    return requests.drain();
  }

  /** The chat's first-token waits ({@code first_token}) and turns ({@code turn}) since the last. */
  Map<String, RequestWindow.Stats> drainModelCalls() {
    return modelCalls.drain();
  }

  /**
   * Sets a gauge, registering it on first use (Micrometer names: dotted, base unit in {@code
   * baseUnit}, e.g. {@code beca.data.disk.free} in bytes becomes {@code
   * beca_data_disk_free_bytes}).
   *
   * @param name the meter's name
   * @param baseUnit its unit ({@code bytes}) or {@code null} for a plain number or ratio
   * @param description one line
   * @param value the value now
   * @param tags tag keys and values, alternating
   */
  void gauge(String name, String baseUnit, String description, double value, String... tags) {
    String key = name + Tags.of(tags);
    AtomicLong bits =
        gauges.computeIfAbsent(
            key,
            k -> {
              AtomicLong holder = new AtomicLong(Double.doubleToLongBits(Double.NaN));
              Gauge.builder(name, holder, h -> Double.longBitsToDouble(h.get()))
                  .description(description)
                  .baseUnit(baseUnit)
                  .tags(tags)
                  .strongReference(true)
                  .register(registry);
              return holder;
            });
    bits.set(Double.doubleToLongBits(value));
  }

  /**
   * Hands over the monitoring sampler, started by {@link #startMonitoring()}, closed with these.
   */
  void monitor(MonitoringSampler sampler) {
    this.monitor = sampler;
  }

  /** Starts the monitoring sampler, when there is one (the server calls this once it serves). */
  public void startMonitoring() {
    MonitoringSampler sampler = monitor;
    if (sampler != null) {
      sampler.start();
    }
  }

  /**
   * Runs one monitoring tick now, as the timer would (for tests and harnesses).
   *
   * @return how many samples it took; 0 when there is no sampler
   */
  public int sampleNow() {
    MonitoringSampler sampler = monitor;
    return sampler == null ? 0 : sampler.tick().size();
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  private static String outcome(int status) {
    if (status >= 500) {
      return "SERVER_ERROR";
    }
    if (status >= 400) {
      return "CLIENT_ERROR";
    }
    return status >= 200 && status < 300 ? "SUCCESS" : "OTHER";
  }

  @Override
  public void close() {
    MonitoringSampler sampler = monitor;
    if (sampler != null) {
      sampler.close();
    }
    gc.close();
    registry.close();
  }
}
