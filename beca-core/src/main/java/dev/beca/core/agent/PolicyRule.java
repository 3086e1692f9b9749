package dev.beca.core.agent;

import com.google.re2j.Pattern;
import dev.beca.core.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One allow, ask or deny rule. It matches a call by tool name ({@code *} for every tool) and,
 * optionally, by a glob over the call's {@link ToolAction#subject() subject}: the command line of a
 * command, else the path argument in its canonical project-relative form ({@link
 * ToolAction#normalised}). In the glob {@code *} stands for any run of characters (slashes
 * included) and {@code ?} for one character; the whole subject must match. A rule with a pattern
 * {@link #namesSpecifically() names} the calls it matches, which is what a user rule needs to let a
 * critical call through.
 *
 * @param effect what the rule does
 * @param tool the tool's name, or {@code *}
 * @param pattern the glob over the subject, or empty for every call of the tool
 * @param scope whose rule it is
 */
public record PolicyRule(
    PolicyEffect effect, String tool, Optional<String> pattern, RuleScope scope) {

  /** Checks the components. */
  public PolicyRule {
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(scope, "scope");
    if (tool == null || tool.isBlank()) {
      throw new InvalidInputException(
          "A policy rule has no tool.", "Name a tool, such as write_file, or * for all.");
    }
    tool = tool.strip();
    pattern = pattern.filter(p -> !p.isBlank());
  }

  /** A user rule. */
  public static PolicyRule user(PolicyEffect effect, String tool, String pattern) {
    return new PolicyRule(effect, tool, Optional.ofNullable(pattern), RuleScope.USER);
  }

  /** A project rule. */
  public static PolicyRule project(PolicyEffect effect, String tool, String pattern) {
    return new PolicyRule(effect, tool, Optional.ofNullable(pattern), RuleScope.PROJECT);
  }

  /**
   * Whether the rule applies to a call.
   *
   * @param toolName the called tool
   * @param subject the call's subject
   * @return whether it matches
   */
  public boolean matches(String toolName, String subject) {
    if (!tool.equals("*") && !tool.equals(toolName)) {
      return false;
    }
    return pattern.map(glob -> toRegex(glob).matcher(subject).matches()).orElse(true);
  }

  /**
   * Whether the rule applies to an action. A rule that would make the decision stricter applies
   * when it matches the whole subject or any part of it; a rule that would loosen it must match
   * every part (every simple command of a command line).
   *
   * @param toolName the called tool
   * @param action the action
   * @param loosens whether applying the rule would loosen the decision so far
   * @return whether it applies
   */
  public boolean appliesTo(String toolName, ToolAction action, boolean loosens) {
    List<String> parts = action.subjectParts();
    if (loosens) {
      return parts.stream().allMatch(part -> matches(toolName, part));
    }
    return matches(toolName, action.subject())
        || parts.stream().anyMatch(part -> matches(toolName, part));
  }

  /** Whether the rule names particular calls (has a pattern), rather than a whole tool. */
  public boolean namesSpecifically() {
    return pattern.isPresent() && !pattern.get().strip().equals("*");
  }

  /** The rule in words, such as {@code user rule: deny write_file "*.lock"}. */
  public String describe() {
    return scope.name().toLowerCase(java.util.Locale.ROOT)
        + " rule: "
        + effect.word()
        + " "
        + tool
        + pattern.map(p -> " \"" + p + "\"").orElse("");
  }

  private static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? "(?s:.*)" : "(?s:.)");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString());
  }
}
