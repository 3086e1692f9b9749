package dev.beca.core.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * A tool call waiting for a person's approval, as a front end shows it.
 *
 * @param id a unique id, by which a front end answers
 * @param sessionId the session the call belongs to
 * @param tool the tool's name
 * @param arguments the call's arguments, secrets redacted
 * @param risk its risk and why
 * @param rule the mode entry or rule that asks
 * @param requestedAt when it was asked
 */
public record ApprovalRequest(
    String id,
    String sessionId,
    String tool,
    String arguments,
    RiskAssessment risk,
    String rule,
    Instant requestedAt) {

  /** Checks the components. */
  public ApprovalRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(requestedAt, "requestedAt");
  }
}
