package dev.beca.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The result of one health check of a model server.
 *
 * @param server the configured server's name
 * @param baseUrl where it was reached; credentials in it are {@linkplain UrlCredentials redacted}
 * @param status up, degraded or down
 * @param latency how long the check took
 * @param version the server's version, empty when it did not say
 * @param checkedAt when the check ran
 * @param message what is wrong and what to do, empty when up; URL credentials redacted
 */
public record ServerHealth(
    String server,
    String baseUrl,
    HealthStatus status,
    Duration latency,
    String version,
    Instant checkedAt,
    String message) {

  /** Checks that no component is missing. */
  public ServerHealth {
    Objects.requireNonNull(server, "server");
    baseUrl = UrlCredentials.redact(Objects.requireNonNull(baseUrl, "baseUrl"));
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(latency, "latency");
    version = Objects.requireNonNullElse(version, "");
    Objects.requireNonNull(checkedAt, "checkedAt");
    message = UrlCredentials.redact(Objects.requireNonNullElse(message, ""));
  }
}
