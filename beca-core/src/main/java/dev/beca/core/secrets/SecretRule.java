package dev.beca.core.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One detection rule, with the fields of a gitleaks rule plus BECA's severity and checks.
 *
 * @param id a unique, stable identifier such as {@code aws-access-key-id}
 * @param description what the rule finds
 * @param severity how bad a leak would be
 * @param confidence how sure a match of this rule is to be a real secret (findings may be lowered
 *     to {@link Confidence#LOW}, see {@link SecretCheck#NOT_TEMPLATE})
 * @param regex an RE2 regular expression; matching is linear in the input
 * @param secretGroup the capture group holding the secret; 0 means the first non-empty group, or
 *     the whole match when the regex has no group (as in gitleaks)
 * @param keywords lower-case words of which a line must contain one before the regex is tried;
 *     empty means every line is tried
 * @param entropy the minimum Shannon entropy (bits per character) of the secret; 0 for none
 * @param path an RE2 regular expression the source must match for the rule to apply; empty for any
 * @param minTokenLength a pre-filter: lines are tried only when they hold a run of at least this
 *     many characters of the base64/url-safe alphabet {@code [A-Za-z0-9+/=_-]}; 0 for no such
 *     filter. (for keyword-anchored rules, such a run must also start within 64 characters of the
 *     keyword). Cheap to check, it keeps rules with common keywords (quotes, for high-entropy
 *     strings) off most lines
 * @param keywordAnchored whether every match starts with one of the keywords; the regex is then
 *     tried anchored at each keyword occurrence instead of searched along the line, which is much
 *     cheaper for rules with common keywords; such a match may reach at most {@link
 *     DefaultSecretScanner#ANCHORED_WINDOW} characters from its keyword (BECA extension)
 * @param multiline whether the regex runs over the whole text instead of line by line (for blocks
 *     such as PEM private keys); keywords then pre-filter the whole text
 * @param check a structural check the secret must pass
 * @param allowlists conditions that exempt a match
 */
public record SecretRule(
    String id,
    String description,
    Severity severity,
    Confidence confidence,
    String regex,
    int secretGroup,
    List<String> keywords,
    double entropy,
    String path,
    int minTokenLength,
    boolean keywordAnchored,
    boolean multiline,
    SecretCheck check,
    List<RuleAllowlist> allowlists) {

  /** Checks the components and lower-cases the keywords. */
  public SecretRule {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("rule id must not be blank");
    }
    Objects.requireNonNull(description, "description of rule " + id);
    Objects.requireNonNull(severity, "severity of rule " + id);
    Objects.requireNonNull(confidence, "confidence of rule " + id);
    if (regex == null || regex.isEmpty()) {
      throw new IllegalArgumentException("regex of rule " + id + " must not be empty");
    }
    if (secretGroup < 0) {
      throw new IllegalArgumentException(
          "secretGroup of rule " + id + " must not be negative, was " + secretGroup);
    }
    if (entropy < 0 || Double.isNaN(entropy)) {
      throw new IllegalArgumentException(
          "entropy of rule " + id + " must not be negative, was " + entropy);
    }
    Objects.requireNonNull(path, "path of rule " + id);
    if (minTokenLength < 0) {
      throw new IllegalArgumentException(
          "minTokenLength of rule " + id + " must not be negative, was " + minTokenLength);
    }
    Objects.requireNonNull(check, "check of rule " + id);
    if (keywordAnchored && (keywords.isEmpty() || multiline)) {
      throw new IllegalArgumentException(
          "rule " + id + " is keywordAnchored, which needs keywords and no multiline");
    }
    keywords =
        keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty()).toList();
    allowlists = List.copyOf(allowlists);
  }
}
