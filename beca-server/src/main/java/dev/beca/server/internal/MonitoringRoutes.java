package dev.beca.server.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.monitoring.MetricHistory;
import dev.beca.core.monitoring.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitoring routes: {@code GET /resources} (now), {@code GET /metrics/history} (stored series)
 * and {@code GET /monitoring/alerts} (threshold alerts). Creating them also creates the {@link
 * MonitoringSampler}, handed to the {@link ServerMetrics} that start and close it with the server.
 */
public final class MonitoringRoutes {

  private static final Optional<AccessRole> VIEWER = Optional.of(AccessRole.VIEWER);
  private static final Pattern AGO = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

  private final ServerPorts ports;
  private final ResourceProbe probe;

  /**
   * Builds the routes and the sampler.
   *
   * @param ports what the server was handed
   * @param metrics the meters; they get the sampler
   */
  public MonitoringRoutes(ServerPorts ports, ServerMetrics metrics) {
    this.ports = ports;
    this.probe = new ResourceProbe(ports.monitoring(), ports.modelServerLoad(), ports.clock());
    MonitoringSampler sampler = new MonitoringSampler(ports, metrics, probe);
    metrics.monitor(sampler);
  }

  /** The routes, for the route table. */
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    routes.add(
        get(
            "/resources",
            "CPU, memory, JVM heap, the data directory's disk, GPUs (nvidia-smi) and what the"
                + " model servers have loaded, measured now.",
            List.of(),
            r -> probe.measure()));
    if (ports.metricHistory() != null) {
      routes.add(
          get(
              "/metrics/history",
              "A stored monitoring series over a time range; without name, the series there are.",
              List.of(
                  new Route.QueryParam("name", "string", "the series, e.g. jvm.heap.used_bytes"),
                  new Route.QueryParam(
                      "from", "string", "ISO-8601 instant or time ago (30m, 6h, 7d); default 1h"),
                  new Route.QueryParam("to", "string", "ISO-8601 instant or time ago; default now"),
                  new Route.QueryParam(
                      "resolution", "string", "raw, minute or hour; default the finest kept")),
              this::history));
    }
    if (ports.monitoringAlerts() != null) {
      routes.add(
          get(
              "/monitoring/alerts",
              "Threshold alerts (p95 latency, error rate, heap, memory, disk): each raise and"
                  + " clear, newest first, or only those in force.",
              List.of(
                  new Route.QueryParam("limit", "integer", "how many at most"),
                  new Route.QueryParam("active", "string", "true: only the alerts in force")),
              r -> {
                boolean active = r.query("active").map("true"::equalsIgnoreCase).orElse(false);
                return Map.of(
                    "alerts",
                    active
                        ? ports.monitoringAlerts().active()
                        : ports.monitoringAlerts().recent(r.queryInt("limit", 50, 1, 1000)));
              }));
    }
    return routes;
  }

  private Object history(ApiRequest r) {
    MetricHistory history = ports.metricHistory();
    Instant now = ports.clock().instant();
    Optional<String> name = r.query("name");
    if (name.isEmpty()) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("series", history.names());
      answer.put(
          "retention",
          Map.of(
              "raw", history.retention().raw(),
              "minute", history.retention().minutes(),
              "hour", history.retention().hours()));
      return answer;
    }
    Instant from = instant(r, "from", now, now.minus(Duration.ofHours(1)));
    Instant to = instant(r, "to", now, now);
    if (!from.isBefore(to)) {
      throw ApiException.badRequest(
          "invalid_query",
          "'from' (" + from + ") is not before 'to' (" + to + ").",
          "Give a 'from' earlier than 'to', e.g. from=6h.");
    }
    Resolution resolution;
    try {
      resolution =
          r.query("resolution")
              .map(Resolution::parse)
              .orElseGet(() -> history.retention().finestFor(Duration.between(from, now).abs()));
    } catch (InvalidInputException e) {
      throw ApiException.badRequest("invalid_query", e.problem(), e.remedy());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", name.get());
    answer.put("resolution", resolution.key());
    answer.put("from", from);
    answer.put("to", to);
    answer.put("points", history.series(name.get(), from, to, resolution));
    return answer;
  }

  private static Instant instant(ApiRequest r, String param, Instant now, Instant otherwise) {
    Optional<String> text = r.query(param);
    if (text.isEmpty()) {
      return otherwise;
    }
    Matcher ago = AGO.matcher(text.get());
    if (ago.matches()) {
      long n = Long.parseLong(ago.group(1));
      Duration back =
          switch (ago.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return now.minus(back);
    }
    try {
      return Instant.parse(text.get());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid_query",
          "The parameter " + param + " is neither an ISO-8601 instant nor a time ago.",
          "Use e.g. " + param + "=2026-03-01T12:00:00Z or " + param + "=6h (s, m, h, d).");
    }
  }

  private static Route get(
      String path, String summary, List<Route.QueryParam> query, Route.Action action) {
    return new Route(
        "GET",
        path,
        VIEWER,
        Optional.empty(),
        summary,
        query,
        Optional.empty(),
        200,
        Route.JSON,
        action);
  }
}
