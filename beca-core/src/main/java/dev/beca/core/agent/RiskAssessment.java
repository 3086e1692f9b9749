package dev.beca.core.agent;

import java.util.Objects;

/**
 * A tool call's risk level and the rule that set it.
 *
 * @param level the level
 * @param reason the classifier's rule, in words (for the audit and the person asked)
 */
public record RiskAssessment(RiskLevel level, String reason) {

  /** Checks the components. */
  public RiskAssessment {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(reason, "reason");
  }
}
