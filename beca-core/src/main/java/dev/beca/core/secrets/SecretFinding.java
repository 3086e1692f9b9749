package dev.beca.core.secrets;

import java.util.Objects;

/**
 * A secret found by a scanner. It never holds the secret: only a {@link #redacted() redacted form}
 * (a short prefix and {@code ****}) and a {@link #fingerprint() fingerprint}, a SHA-256 hash of the
 * secret by which a baseline accepts it.
 *
 * @param ruleId the rule that found it
 * @param description the rule's description
 * @param severity the rule's severity
 * @param confidence how sure the rule is: the rule's confidence, or {@link Confidence#LOW} when the
 *     value looks like a placeholder or misses the rule's entropy (rules with the {@link
 *     SecretCheck#NOT_TEMPLATE} check)
 * @param location where it is
 * @param redacted the redacted form that replaces the secret in stored text
 * @param fingerprint {@code sha256:} and the hex SHA-256 of the secret's UTF-8 bytes
 * @param start the offset of the secret's first character in the scanned text
 * @param end the offset just after its last character
 */
public record SecretFinding(
    String ruleId,
    String description,
    Severity severity,
    Confidence confidence,
    SecretLocation location,
    String redacted,
    String fingerprint,
    int start,
    int end) {

  /** Checks the components. */
  public SecretFinding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(redacted, "redacted");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException(
          "the span must be non-empty, was [" + start + ", " + end + ")");
    }
  }

  /**
   * This finding with another confidence, e.g. {@link Confidence#LOW} for a key in a test fixture.
   */
  public SecretFinding withConfidence(Confidence newConfidence) {
    return newConfidence == confidence
        ? this
        : new SecretFinding(
            ruleId,
            description,
            severity,
            newConfidence,
            location,
            redacted,
            fingerprint,
            start,
            end);
  }

  /** Whether this finding reaches both thresholds. */
  public boolean reaches(Severity minSeverity, Confidence minConfidence) {
    return severity.compareTo(minSeverity) >= 0 && confidence.compareTo(minConfidence) >= 0;
  }

  /** One line for people: {@code location rule (severity, confidence confidence) redacted}. */
  @Override
  public String toString() {
    return location
        + " "
        + ruleId
        + " ("
        + severity.name().toLowerCase(java.util.Locale.ROOT)
        + ", "
        + confidence.name().toLowerCase(java.util.Locale.ROOT)
        + " confidence) "
        + redacted;
  }
}
