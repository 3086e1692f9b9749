package dev.beca.core.quality;

import dev.beca.core.secrets.Confidence;
import dev.beca.core.secrets.SecretScanner;
import java.util.List;
import java.util.Objects;

/**
 * Finds secrets (keys, tokens, passwords) in text, for the secret-scanning security probe.
 *
 * <p>The benchmark's secret probe reads each tracked file and asks this detector; without a
 * detector the probe reports itself unavailable rather than clean. {@link #of(SecretScanner)}
 * adapts BECA's secret scanner (or any other) to this interface.
 */
@FunctionalInterface
public interface SecretDetector {

  /**
   * One secret found.
   *
   * @param rule the rule that matched, e.g. {@code aws-access-key}
   * @param line the 1-based line it is on
   * @param severity the scanner's severity of the finding
   * @param confidence the scanner's confidence in the finding
   */
  record Match(
      String rule, int line, dev.beca.core.secrets.Severity severity, Confidence confidence) {

    /** Checks the components. */
    public Match {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(confidence, "confidence");
    }

    /** A match from a detector that knows no severity or confidence: taken as high and sure. */
    public Match(String rule, int line) {
      this(rule, line, dev.beca.core.secrets.Severity.HIGH, Confidence.HIGH);
    }
  }

  /**
   * Finds the secrets in one file's text.
   *
   * @param path the file's path relative to the project root, with forward slashes (rules and
   *     allowlists may depend on it, e.g. lock files)
   * @param text the file's content
   * @return what was found; empty when nothing
   */
  List<Match> find(String path, String text);

  /**
   * A detector backed by a secret scanner.
   *
   * @param scanner the scanner, e.g. {@link SecretScanner#standard()}
   * @return the detector
   */
  static SecretDetector of(SecretScanner scanner) {
    return new ScannerSecretDetector(scanner);
  }
}
