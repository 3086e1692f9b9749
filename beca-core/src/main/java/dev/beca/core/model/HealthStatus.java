package dev.beca.core.model;

/** How a model server answered its last health check. */
public enum HealthStatus {
  /** It answered quickly and its circuit breaker is closed. */
  UP,
  /** It answered, but slowly or after recent failures (its circuit breaker is not closed). */
  DEGRADED,
  /** It did not answer. */
  DOWN,
  /** Not checked yet. */
  UNKNOWN
}
