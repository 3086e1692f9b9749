package dev.beca.core.secrets;

import java.util.Objects;

/**
 * An alert about to be recorded: a secret was found on a write path. Holds no secret.
 *
 * @param source the write path that found it, e.g. {@code message:USER} or {@code file-write}
 * @param ruleId the rule that found it
 * @param severity the rule's severity
 * @param location where the secret was, e.g. {@code messages/42:1:17} or a file path with line and
 *     column
 * @param fingerprint the finding's fingerprint (hash of the secret)
 * @param confidence how sure the rule was that the value is a real secret (the finding's
 *     confidence); every finding is redacted and recorded whatever its confidence
 */
public record NewSecurityAlert(
    String source,
    String ruleId,
    Severity severity,
    String location,
    String fingerprint,
    Confidence confidence) {

  /** Checks the components; the fingerprint must be one, so a secret cannot slip in here. */
  public NewSecurityAlert {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(confidence, "confidence");
    if (fingerprint == null || !SecretFingerprints.isFingerprint(fingerprint)) {
      throw new IllegalArgumentException(
          "fingerprint must be sha256: and 64 hex digits, was " + fingerprint);
    }
  }

  /**
   * An alert at {@link Confidence#HIGH} confidence, the confidence of a rule that names none.
   *
   * @param source the write path that found it
   * @param ruleId the rule that found it
   * @param severity the rule's severity
   * @param location where the secret was
   * @param fingerprint the finding's fingerprint
   */
  public NewSecurityAlert(
      String source, String ruleId, Severity severity, String location, String fingerprint) {
    this(source, ruleId, severity, location, fingerprint, Confidence.HIGH);
  }

  /** An alert for a finding, at the finding's own location. */
  public static NewSecurityAlert of(String source, SecretFinding finding) {
    return new NewSecurityAlert(
        source,
        finding.ruleId(),
        finding.severity(),
        finding.location().toString(),
        finding.fingerprint(),
        finding.confidence());
  }
}
