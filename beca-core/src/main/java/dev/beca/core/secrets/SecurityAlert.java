package dev.beca.core.secrets;

import java.time.Instant;
import java.util.Objects;

/**
 * A recorded alert: a secret was found (and redacted or refused) on a write path.
 *
 * @param id the store's id, increasing in recording order
 * @param time when it was recorded
 * @param source the write path, e.g. {@code message:USER}
 * @param ruleId the rule that found the secret
 * @param severity the rule's severity
 * @param location where the secret was
 * @param fingerprint the SHA-256 fingerprint of the secret, never the secret
 */
public record SecurityAlert(
    long id,
    Instant time,
    String source,
    String ruleId,
    Severity severity,
    String location,
    String fingerprint) {

  /** Checks that no component is missing. */
  public SecurityAlert {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }
}
