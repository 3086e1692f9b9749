package dev.beca.core.secrets;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.beca.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rules and global allowlists, read from files in the gitleaks TOML format.
 *
 * <p>Understood keys: {@code [[rules]]} with {@code id}, {@code description}, {@code regex}, {@code
 * secretGroup}, {@code entropy}, {@code keywords}, {@code path} and {@code [[rules.allowlists]]}
 * (or the older single {@code [rules.allowlist]}) with {@code description}, {@code condition},
 * {@code regexTarget}, {@code regexes}, {@code stopwords}, {@code paths}; global {@code
 * [[allowlists]]} or {@code [allowlist]}. BECA adds {@code severity} (low, medium, high, critical;
 * high when absent), {@code confidence} (low, medium, high; high when absent), {@code check} (none,
 * jwt, not_placeholder, not_template, wif, basic_auth, base64_private_key), {@code minTokenLength},
 * {@code keywordAnchored} and {@code multiline} (see {@link SecretRule}). Other keys ({@code tags},
 * {@code [extend]}, {@code commits}) are ignored; rules with only a {@code path} and no {@code
 * regex} are skipped.
 *
 * @param rules the rules, in priority order: when two findings overlap, the earlier rule's wins
 * @param allowlists allowlists applied to every rule
 */
public record SecretRuleSet(List<SecretRule> rules, List<RuleAllowlist> allowlists) {

  private static final String DEFAULTS = "default-rules.toml";

  /** Jackson's TOML mapper, created only when a user's rule file is read. */
  private static final class Toml {
    static final TomlMapper MAPPER = new TomlMapper();
  }

  /** Copies the lists; rejects duplicate rule ids. */
  public SecretRuleSet {
    rules = List.copyOf(rules);
    allowlists = List.copyOf(allowlists);
    Set<String> ids = new HashSet<>();
    for (SecretRule rule : rules) {
      if (!ids.add(rule.id())) {
        throw new IllegalArgumentException("rule id '" + rule.id() + "' appears twice");
      }
    }
  }

  /** BECA's default rules (the resource {@code dev/beca/core/secrets/default-rules.toml}). */
  public static SecretRuleSet defaults() {
    try (InputStream in = SecretRuleSet.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + DEFAULTS + " is missing from beca-core");
      }
      // Read without Jackson: its TOML module cost most of the rules' set-up at every start.
      String origin = "BECA's default rules";
      return fromTree(
          origin, SimpleToml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read BECA's default rules", e);
    }
  }

  /**
   * Reads a rule file (BECA's or gitleaks' TOML format).
   *
   * @throws InvalidInputException when the file cannot be read or a rule is invalid, naming it
   */
  public static SecretRuleSet load(Path file) {
    Objects.requireNonNull(file, "file");
    String toml;
    try {
      toml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(
          "Could not read the rule file " + file + " (" + e.getMessage() + ").",
          "Check the path and that the file is readable UTF-8 text.");
    }
    return parse(file.toString(), toml);
  }

  /**
   * Parses rules from TOML text.
   *
   * @param origin where the text comes from, for error messages
   * @param toml the text
   * @throws InvalidInputException when the TOML or a rule is invalid, naming the rule and field
   */
  public static SecretRuleSet parse(String origin, String toml) {
    Map<String, Object> root;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = Toml.MAPPER.readValue(toml, Map.class);
      root = parsed;
    } catch (JacksonException e) {
      throw new InvalidInputException(
          "The rule file " + origin + " is not valid TOML: " + e.getOriginalMessage() + ".",
          "Fix the syntax; the format is gitleaks' ([[rules]] tables with id, regex, keywords).");
    }
    return fromTree(origin, root);
  }

  /** The rules of a parsed rule file. */
  private static SecretRuleSet fromTree(String origin, Map<String, Object> root) {
    List<SecretRule> rules = new ArrayList<>();
    for (Map<String, Object> table : tables(root.get("rules"), origin, "rules")) {
      if (table.get("regex") == null) {
        continue; // a path-only gitleaks rule flags files by name, which text scanning cannot use
      }
      rules.add(rule(table, origin));
    }
    List<RuleAllowlist> allowlists = new ArrayList<>();
    for (String key : List.of("allowlist", "allowlists")) {
      for (Map<String, Object> table : tables(root.get(key), origin, key)) {
        allowlists.add(allowlist(table, origin, "global " + key));
      }
    }
    try {
      return new SecretRuleSet(rules, allowlists);
    } catch (IllegalArgumentException e) {
      throw invalid(origin, e.getMessage());
    }
  }

  /** These rules followed by the other set's; rules of the other set replace same-id rules here. */
  public SecretRuleSet plus(SecretRuleSet other) {
    Set<String> replaced = new HashSet<>();
    other.rules.forEach(r -> replaced.add(r.id()));
    List<SecretRule> merged = new ArrayList<>();
    for (SecretRule rule : rules) {
      if (!replaced.contains(rule.id())) {
        merged.add(rule);
      }
    }
    // Specific user rules first, so they win overlaps against generic defaults.
    merged.addAll(0, other.rules);
    List<RuleAllowlist> lists = new ArrayList<>(allowlists);
    lists.addAll(other.allowlists);
    return new SecretRuleSet(merged, lists);
  }

  private static SecretRule rule(Map<String, Object> table, String origin) {
    String id = string(table, "id", "", origin, "rule");
    String where = "rule '" + id + "'";
    try {
      String regex = string(table, "regex", "", origin, where);
      compile(regex, origin, where + " regex");
      String path = string(table, "path", "", origin, where);
      if (!path.isEmpty()) {
        compile(path, origin, where + " path");
      }
      List<RuleAllowlist> allowlists = new ArrayList<>();
      for (String key : List.of("allowlist", "allowlists")) {
        for (Map<String, Object> list : tables(table.get(key), origin, where + " " + key)) {
          allowlists.add(allowlist(list, origin, where + " " + key));
        }
      }
      for (String keyword : strings(table, "keywords", origin, where)) {
        if (!keyword.chars().allMatch(c -> c < 128)) {
          throw invalid(origin, where + " has a keyword with non-ASCII characters: " + keyword);
        }
      }
      return new SecretRule(
          id,
          string(table, "description", "", origin, where),
          Severity.parse(string(table, "severity", "high", origin, where)),
          Confidence.parse(string(table, "confidence", "high", origin, where)),
          regex,
          (int) number(table, "secretGroup", 0, origin, where),
          strings(table, "keywords", origin, where),
          number(table, "entropy", 0, origin, where),
          path,
          (int) number(table, "minTokenLength", 0, origin, where),
          bool(table, "keywordAnchored", origin, where),
          bool(table, "multiline", origin, where),
          check(string(table, "check", "none", origin, where), origin, where),
          allowlists);
    } catch (IllegalArgumentException e) {
      throw invalid(origin, e.getMessage());
    }
  }

  private static SecretCheck check(String name, String origin, String where) {
    try {
      return SecretCheck.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(
          origin,
          where
              + " check must be none, jwt, not_placeholder, not_template, wif, basic_auth or"
              + " base64_private_key, was '"
              + name
              + "'");
    }
  }

  private static RuleAllowlist allowlist(Map<String, Object> table, String origin, String where) {
    String condition = string(table, "condition", "OR", origin, where).toUpperCase(Locale.ROOT);
    if (!condition.equals("OR") && !condition.equals("AND")) {
      throw invalid(origin, where + " condition must be OR or AND, was '" + condition + "'");
    }
    String target = string(table, "regexTarget", "secret", origin, where).toUpperCase(Locale.ROOT);
    RuleAllowlist.Target parsedTarget;
    try {
      parsedTarget = RuleAllowlist.Target.valueOf(target);
    } catch (IllegalArgumentException e) {
      throw invalid(
          origin, where + " regexTarget must be secret, match or line, was '" + target + "'");
    }
    List<String> regexes = strings(table, "regexes", origin, where);
    List<String> paths = strings(table, "paths", origin, where);
    regexes.forEach(r -> compile(r, origin, where + " regex"));
    paths.forEach(r -> compile(r, origin, where + " path"));
    return new RuleAllowlist(
        string(table, "description", "", origin, where),
        condition.equals("AND"),
        parsedTarget,
        regexes,
        strings(table, "stopwords", origin, where),
        paths,
        bool(table, "lowerConfidence", origin, where));
  }

  static Pattern compile(String regex, String origin, String where) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw invalid(
          origin, where + " is not a valid RE2 regular expression (" + e.getMessage() + ")");
    }
  }

  private static InvalidInputException invalid(String origin, String problem) {
    return new InvalidInputException(
        "The rule file " + origin + " is invalid: " + problem + ".",
        "Fix the rule; regexes use RE2 syntax (as gitleaks), without look-around or back-references.");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> tables(Object value, String origin, String where) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Map<?, ?> single) {
      return List.of((Map<String, Object>) single);
    }
    if (value instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
      return (List<Map<String, Object>>) list;
    }
    throw invalid(origin, where + " must be a table or an array of tables");
  }

  private static String string(
      Map<String, Object> table, String key, String fallback, String origin, String where) {
    Object value = table.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String s) {
      return s;
    }
    throw invalid(origin, where + " " + key + " must be a string");
  }

  private static double number(
      Map<String, Object> table, String key, double fallback, String origin, String where) {
    Object value = table.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw invalid(origin, where + " " + key + " must be a number");
  }

  private static boolean bool(Map<String, Object> table, String key, String origin, String where) {
    Object value = table.get(key);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw invalid(origin, where + " " + key + " must be true or false");
  }

  private static List<String> strings(
      Map<String, Object> table, String key, String origin, String where) {
    Object value = table.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw invalid(origin, where + " " + key + " must be an array of strings");
  }
}
