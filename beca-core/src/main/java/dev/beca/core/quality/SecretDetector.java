package dev.beca.core.quality;

import dev.beca.core.secrets.SecretScanner;
import java.util.List;

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
   */
  record Match(String rule, int line) {}

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
