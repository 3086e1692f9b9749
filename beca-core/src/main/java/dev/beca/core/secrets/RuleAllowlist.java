package dev.beca.core.secrets;

import java.util.List;
import java.util.Objects;

/**
 * Conditions under which a match is not reported, as in gitleaks' {@code [[rules.allowlists]]}.
 *
 * <p>Each non-empty criterion is checked: a regex found in the {@link #target() target}, a stop
 * word contained in the secret (ignoring case), a path regex found in the location's source. With
 * {@link #requireAll()} every non-empty criterion must hold (gitleaks' {@code condition = "AND"}),
 * otherwise any one suffices.
 *
 * @param description why the allowlist exists; may be empty
 * @param requireAll whether all criteria must hold rather than any
 * @param target what the regexes are checked against
 * @param regexes RE2 regular expressions
 * @param stopWords words that, contained in the secret, make it not a secret
 * @param paths RE2 regular expressions on the source (file path or field)
 * @param lowersConfidence BECA's {@code lowerConfidence = true}: a match the allowlist applies to
 *     is still reported, at {@link Confidence#LOW} confidence, instead of being dropped (for values
 *     that are usually public but not always, such as a Google API key in a Firebase client
 *     configuration); write paths still redact it
 */
public record RuleAllowlist(
    String description,
    boolean requireAll,
    Target target,
    List<String> regexes,
    List<String> stopWords,
    List<String> paths,
    boolean lowersConfidence) {

  /** What an allowlist's regexes are matched against. */
  public enum Target {
    /** The extracted secret (gitleaks' default). */
    SECRET,
    /** The whole match of the rule's regex. */
    MATCH,
    /** The line the match is on. */
    LINE
  }

  /** Copies the lists; rejects missing components. */
  public RuleAllowlist {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(target, "target");
    regexes = List.copyOf(regexes);
    stopWords = List.copyOf(stopWords);
    paths = List.copyOf(paths);
  }

  /**
   * An allowlist that drops what it applies to (gitleaks' meaning).
   *
   * @param description why the allowlist exists
   * @param requireAll whether all criteria must hold rather than any
   * @param target what the regexes are checked against
   * @param regexes RE2 regular expressions
   * @param stopWords words that, contained in the secret, make it not a secret
   * @param paths RE2 regular expressions on the source
   */
  public RuleAllowlist(
      String description,
      boolean requireAll,
      Target target,
      List<String> regexes,
      List<String> stopWords,
      List<String> paths) {
    this(description, requireAll, target, regexes, stopWords, paths, false);
  }

  /** Whether the allowlist has no criterion at all (and so never applies). */
  public boolean isEmpty() {
    return regexes.isEmpty() && stopWords.isEmpty() && paths.isEmpty();
  }
}
