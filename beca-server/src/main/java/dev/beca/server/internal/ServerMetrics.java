package dev.beca.server.internal;

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
import java.util.concurrent.TimeUnit;

/**
 * The server's meters in one Prometheus registry: {@code http.server.requests} per method, route
 * template and status (exposed as {@code http_server_requests_seconds}), the chat's time to the
 * first token and whole turn ({@code beca.chat.first.token}, {@code beca.chat.turn}), and JVM and
 * process meters (memory, GC, threads, class loading, CPU, uptime, file descriptors).
 */
public final class ServerMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

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
  }

  /** Records how long a chat waited for the model's first piece of text. */
  void firstToken(Duration wait) {
    Timer.builder("beca.chat.first.token")
        .description("Time from a chat request to the model's first token")
        .register(registry)
        .record(wait);
  }

  /** Records a whole chat turn, model call included. */
  void turn(Duration took, String outcome) {
    Timer.builder("beca.chat.turn")
        .description("Whole chat turns, model call and storage included")
        .tag("outcome", outcome)
        .register(registry)
        .record(took);
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
    gc.close();
    registry.close();
  }
}
