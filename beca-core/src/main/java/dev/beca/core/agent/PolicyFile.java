package dev.beca.core.agent;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.beca.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy file format (TOML, read with Jackson's TOML module like the secret rules):
 *
 * <pre>{@code
 * [[rules]]
 * action = "allow"          # allow | ask | deny
 * tool = "run_command"      # a tool's name, or "*"
 * pattern = "mvn -q test*"  # optional glob over the command line or path
 * }</pre>
 *
 * <p>Unknown keys are refused, so a typo cannot silently drop a rule.
 */
public final class PolicyFile {

  private static final TomlMapper TOML = new TomlMapper();
  private static final Set<String> KEYS = Set.of("action", "tool", "pattern");
  private static final String FORMAT =
      "[[rules]] tables with action (allow, ask or deny), tool and an optional pattern";

  private PolicyFile() {}

  /**
   * Parses a policy file's text.
   *
   * @param origin where it comes from, for messages
   * @param toml the text
   * @param scope whose rules they are
   * @return the rules in file order
   * @throws InvalidInputException when the TOML or a rule is invalid, naming the rule
   */
  public static List<PolicyRule> parse(String origin, String toml, RuleScope scope) {
    Map<?, ?> root;
    try {
      root = TOML.readValue(toml, Map.class);
    } catch (JacksonException e) {
      throw new InvalidInputException(
          "The policy file " + origin + " is not valid TOML: " + e.getOriginalMessage() + ".",
          "Fix the syntax; the format is " + FORMAT + ".");
    }
    for (Object key : root.keySet()) {
      if (!"rules".equals(key)) {
        throw invalid(origin, "has an unknown key '" + key + "'");
      }
    }
    Object tables = root.get("rules");
    if (tables == null) {
      return List.of();
    }
    if (!(tables instanceof List<?> list)) {
      throw invalid(origin, "must hold rules as [[rules]] tables");
    }
    List<PolicyRule> rules = new ArrayList<>();
    int n = 0;
    for (Object item : list) {
      n++;
      if (!(item instanceof Map<?, ?> table)) {
        throw invalid(origin, "rule " + n + " is not a table");
      }
      for (Object key : table.keySet()) {
        if (!KEYS.contains(key)) {
          throw invalid(origin, "rule " + n + " has an unknown key '" + key + "'");
        }
      }
      String action = text(table, "action", origin, n);
      String tool = text(table, "tool", origin, n);
      Object pattern = table.get("pattern");
      if (pattern != null && !(pattern instanceof String)) {
        throw invalid(origin, "rule " + n + ": pattern must be a string");
      }
      try {
        rules.add(
            new PolicyRule(
                PolicyEffect.parse(action),
                tool,
                java.util.Optional.ofNullable((String) pattern),
                scope));
      } catch (InvalidInputException e) {
        throw invalid(origin, "rule " + n + ": " + e.problem());
      }
    }
    return rules;
  }

  private static String text(Map<?, ?> table, String key, String origin, int n) {
    Object value = table.get(key);
    if (!(value instanceof String s) || s.isBlank()) {
      throw invalid(origin, "rule " + n + " needs " + key + " as a string");
    }
    return s;
  }

  private static InvalidInputException invalid(String origin, String problem) {
    return new InvalidInputException(
        "The policy file " + origin + " " + problem + ".", "The format is " + FORMAT + ".");
  }
}
