package dev.beca.core.quality;

import java.util.List;

/**
 * Finds secrets (keys, tokens, passwords) in text, for the secret-scanning security probe.
 *
 * <p>The benchmark's secret probe reads each tracked file and asks this detector; without a
 * detector the probe reports itself unavailable rather than clean. The app adapts BECA's secret
 * scanner to this interface.
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
   * @param text the file's content
   * @return what was found; empty when nothing
   */
  List<Match> find(String text);
}
