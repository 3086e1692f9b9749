package dev.beca.core.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision about one tool call, as the audit keeps it.
 *
 * @param sessionId the session the call belongs to
 * @param tool the tool's name
 * @param arguments the call's arguments with every secret redacted (and long ones shortened)
 * @param risk the call's risk level
 * @param rule the mode entry, rule or filter that decided, in words, with the risk's reason
 * @param answer how it ended
 * @param time when it was decided
 */
public record PermissionDecision(
    String sessionId,
    String tool,
    String arguments,
    RiskLevel risk,
    String rule,
    DecisionAnswer answer,
    Instant time) {

  /** Checks the components. */
  public PermissionDecision {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(time, "time");
  }

  /** Whether the call ran. */
  public boolean allowed() {
    return answer.allowed();
  }
}
