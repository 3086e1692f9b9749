package dev.beca.models;

import dev.beca.core.BecaException;
import dev.beca.core.model.HealthStatus;
import dev.beca.core.model.ModelServer;
import dev.beca.core.model.ServerHealth;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health of the configured model servers: a check asks each for its version, timed, and weighs
 * in what the gateway saw of it (a server whose circuit breaker is not closed is degraded, as is
 * one slower than {@link ResilienceSettings#degradedLatency()}). The latest results are kept in
 * memory. Made by {@link ModelManager.Builder}; thread-safe.
 */
public final class ModelHealth {

  private final ModelServers servers;
  private final RoleGateway gateway;
  private final Duration degradedLatency;
  private final Clock clock;
  private final Map<String, ServerHealth> last = new ConcurrentHashMap<>();

  ModelHealth(ModelServers servers, RoleGateway gateway, Duration degradedLatency, Clock clock) {
    this.servers = servers;
    this.gateway = gateway;
    this.degradedLatency = degradedLatency;
    this.clock = clock;
  }

  /**
   * Checks every server now and keeps the results.
   *
   * @return one result per server, the default first
   */
  public List<ServerHealth> check() {
    List<ServerHealth> results = new ArrayList<>();
    for (ModelServer server : servers.all()) {
      results.add(check(server));
    }
    return results;
  }

  /** The latest result of every server, {@link HealthStatus#UNKNOWN} for one never checked. */
  public List<ServerHealth> last() {
    List<ServerHealth> results = new ArrayList<>();
    for (ModelServer server : servers.all()) {
      results.add(
          last.getOrDefault(
              server.name(),
              new ServerHealth(
                  server.name(),
                  server.baseUrl(),
                  HealthStatus.UNKNOWN,
                  Duration.ZERO,
                  "",
                  clock.instant(),
                  "Not checked yet.")));
    }
    return results;
  }

  private ServerHealth check(ModelServer server) {
    long start = System.nanoTime();
    ServerHealth result;
    try {
      String version = server.version();
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      CircuitBreaker.State state = gateway.breakerState(server.name());
      String message = "";
      HealthStatus status = HealthStatus.UP;
      if (state != CircuitBreaker.State.CLOSED) {
        status = HealthStatus.DEGRADED;
        message =
            "Recent calls failed (circuit breaker " + state.name().toLowerCase(Locale.ROOT) + ").";
      } else if (latency.compareTo(degradedLatency) > 0) {
        status = HealthStatus.DEGRADED;
        message =
            "Answered in "
                + latency.toMillis()
                + " ms, slower than "
                + degradedLatency.toMillis()
                + " ms.";
      }
      result =
          new ServerHealth(
              server.name(), server.baseUrl(), status, latency, version, clock.instant(), message);
    } catch (BecaException e) {
      result =
          new ServerHealth(
              server.name(),
              server.baseUrl(),
              HealthStatus.DOWN,
              Duration.ofNanos(System.nanoTime() - start),
              "",
              clock.instant(),
              e.getMessage());
    }
    last.put(server.name(), result);
    return result;
  }
}
