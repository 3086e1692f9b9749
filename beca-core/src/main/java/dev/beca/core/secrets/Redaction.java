package dev.beca.core.secrets;

import java.util.List;
import java.util.Objects;

/**
 * A text with every secret replaced by its redacted form, and what was replaced.
 *
 * @param text the redacted text
 * @param findings the secrets that were replaced, in order; their offsets refer to the original
 */
public record Redaction(String text, List<SecretFinding> findings) {

  /** Copies the findings. */
  public Redaction {
    Objects.requireNonNull(text, "text");
    findings = List.copyOf(findings);
  }

  /** Whether nothing had to be redacted. */
  public boolean isClean() {
    return findings.isEmpty();
  }
}
