package dev.beca.core.agent;

import java.util.Objects;

/**
 * What the {@link PermissionPolicy} decided for one call, before anyone is asked.
 *
 * @param effect allow, ask or deny
 * @param rule the mode entry or rule that decided, in words (for the audit and the person asked)
 */
public record PolicyDecision(PolicyEffect effect, String rule) {

  /** Checks the components. */
  public PolicyDecision {
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(rule, "rule");
  }
}
