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
 * @param confidence how sure the rule was that the value is a real secret; {@code null} for an
 *     alert recorded before BECA recorded confidence (a knowledge base older than schema version 8)
 */
public record SecurityAlert(
    long id,
    Instant time,
    String source,
    String ruleId,
    Severity severity,
    String location,
    String fingerprint,
    Confidence confidence) {

  /** Checks that no component is missing. */
  public SecurityAlert {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  /**
   * An alert whose confidence was not recorded.
   *
   * @param id the store's id
   * @param time when it was recorded
   * @param source the write path
   * @param ruleId the rule that found the secret
   * @param severity the rule's severity
   * @param location where the secret was
   * @param fingerprint the SHA-256 fingerprint of the secret
   */
  public SecurityAlert(
      long id,
      Instant time,
      String source,
      String ruleId,
      Severity severity,
      String location,
      String fingerprint) {
    this(id, time, source, ruleId, severity, location, fingerprint, null);
  }

  /** The confidence in lower case ({@code high}), or {@code unknown} when it was not recorded. */
  public String confidenceName() {
    return confidence == null ? "unknown" : confidence.name().toLowerCase(java.util.Locale.ROOT);
  }
}
