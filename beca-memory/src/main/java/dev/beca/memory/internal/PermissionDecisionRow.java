package dev.beca.memory.internal;

import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.RiskLevel;
import java.time.Instant;

/** A row of the {@code permission_decisions} table, as MyBatis maps it. */
record PermissionDecisionRow(
    long id,
    long decidedAt,
    String sessionId,
    String tool,
    String arguments,
    String risk,
    String rule,
    String answer) {

  PermissionDecision toDecision() {
    return new PermissionDecision(
        sessionId,
        tool,
        arguments,
        RiskLevel.valueOf(risk),
        rule,
        DecisionAnswer.valueOf(answer),
        Instant.ofEpochMilli(decidedAt));
  }
}
