package dev.beca.core.agent;

import dev.beca.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a classified tool call runs, is asked about, or is denied.
 *
 * <ol>
 *   <li>The {@link ApprovalMode mode} gives the effect for the call's risk level; a critical call
 *       is denied.
 *   <li>If user rules match the call, the strictest of them (deny over ask over allow) replaces the
 *       mode's effect, with two limits: in {@code read-only} mode, rules cannot let anything above
 *       low risk through; and a critical call is only affected by user rules that {@link
 *       PolicyRule#namesSpecifically() name} it with a pattern. A rule that loosens must match
 *       every simple command of a command line; one that tightens, any of them.
 *   <li>Project rules can only tighten: the strictest matching project rule applies when it is
 *       stricter than the result so far, and is ignored otherwise.
 * </ol>
 *
 * <p>Policies are immutable and thread-safe; build one with {@link #builder()}.
 */
public final class PermissionPolicy {

  private final ApprovalMode mode;
  private final List<PolicyRule> userRules;
  private final List<PolicyRule> projectRules;

  private PermissionPolicy(Builder builder) {
    this.mode = builder.mode;
    this.userRules = List.copyOf(builder.userRules);
    this.projectRules = List.copyOf(builder.projectRules);
  }

  /** A builder; the mode defaults to {@link ApprovalMode#ASK}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The approval mode. */
  public ApprovalMode mode() {
    return mode;
  }

  /**
   * Decides a call.
   *
   * @param tool the tool's name
   * @param action what the call would do
   * @param risk its classification
   * @return the effect and the mode entry or rule that set it
   */
  public PolicyDecision decide(String tool, ToolAction action, RiskAssessment risk) {
    Objects.requireNonNull(tool, "tool");
    RiskLevel level = risk.level();
    PolicyEffect effect = mode.effectFor(level);
    String rule =
        level == RiskLevel.CRITICAL
            ? "critical risk ("
                + risk.reason()
                + ") is denied in every mode unless a user rule names it"
            : "mode "
                + mode.word()
                + ": "
                + level.name().toLowerCase(java.util.Locale.ROOT)
                + " risk is "
                + verb(effect);
    PolicyRule strictestUser =
        strictest(userRules, tool, action, effect, level == RiskLevel.CRITICAL);
    if (strictestUser != null) {
      boolean capped = mode == ApprovalMode.READ_ONLY && level != RiskLevel.LOW;
      if (!capped || strictestUser.effect().stricter(effect) != effect) {
        effect = strictestUser.effect();
        rule = strictestUser.describe();
      }
    }
    PolicyRule strictestProject = strictest(projectRules, tool, action, effect, false);
    if (strictestProject != null && strictestProject.effect().stricter(effect) != effect) {
      effect = strictestProject.effect();
      rule = strictestProject.describe();
    }
    return new PolicyDecision(effect, rule);
  }

  private static PolicyRule strictest(
      List<PolicyRule> rules,
      String tool,
      ToolAction action,
      PolicyEffect sofar,
      boolean onlyNamed) {
    PolicyRule found = null;
    for (PolicyRule rule : rules) {
      boolean loosens = rule.effect().ordinal() < sofar.ordinal();
      if ((!onlyNamed || rule.namesSpecifically())
          && rule.appliesTo(tool, action, loosens)
          && (found == null || rule.effect().ordinal() > found.effect().ordinal())) {
        found = rule;
      }
    }
    return found;
  }

  private static String verb(PolicyEffect effect) {
    return switch (effect) {
      case ALLOW -> "allowed";
      case ASK -> "asked about";
      case DENY -> "denied";
    };
  }

  /** Builds a {@link PermissionPolicy}. */
  public static final class Builder {
    private ApprovalMode mode = ApprovalMode.ASK;
    private final List<PolicyRule> userRules = new ArrayList<>();
    private final List<PolicyRule> projectRules = new ArrayList<>();

    private Builder() {}

    /** The approval mode. */
    public Builder mode(ApprovalMode value) {
      this.mode = Objects.requireNonNull(value, "mode");
      return this;
    }

    /** Adds a rule to the scope it declares. */
    public Builder rule(PolicyRule rule) {
      Objects.requireNonNull(rule, "rule");
      (rule.scope() == RuleScope.USER ? userRules : projectRules).add(rule);
      return this;
    }

    /** Adds rules. */
    public Builder rules(List<PolicyRule> rules) {
      Objects.requireNonNull(rules, "rules").forEach(this::rule);
      return this;
    }

    /**
     * Adds the rules of a policy file, if it exists (see {@link PolicyFile}).
     *
     * @param file the file; a missing file adds nothing
     * @param scope whose rules they are
     * @throws InvalidInputException when the file is unreadable or invalid, naming it
     */
    public Builder rulesFrom(Path file, RuleScope scope) {
      Objects.requireNonNull(file, "file");
      if (!Files.exists(file)) {
        return this;
      }
      try {
        return rules(
            PolicyFile.parse(
                file.toString(), Files.readString(file, StandardCharsets.UTF_8), scope));
      } catch (IOException e) {
        throw new InvalidInputException(
            "Could not read the policy file " + file + " (" + e.getMessage() + ").",
            "Check that the file is readable UTF-8 text.");
      }
    }

    /** The policy. */
    public PermissionPolicy build() {
      return new PermissionPolicy(this);
    }
  }
}
