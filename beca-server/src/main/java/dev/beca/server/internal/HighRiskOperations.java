package dev.beca.server.internal;

import dev.beca.core.access.ApiToken;
import dev.beca.core.agent.ActionKind;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.PolicyDecision;
import dev.beca.core.agent.PolicyEffect;
import dev.beca.core.agent.RiskAssessment;
import dev.beca.core.agent.RiskLevel;
import dev.beca.core.agent.ToolAction;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The permission check of the API's high-risk operations (approve, rollback, stop a
 * self-improvement; answer a tool call's approval): the same {@link PermissionPolicy} as the
 * agent's tools decides the operation as a high-risk command named {@code improve_approve}, {@code
 * improve_rollback}, {@code improve_stop}, {@code approval_answer}, with the subject {@code
 * "improve approve ID"} and so on, so a policy rule such as {@code deny improve_rollback} or {@code
 * deny improve_approve "improve approve recipe-*"} applies. When the policy asks, the admin's
 * request is the person's answer; when it denies, the operation is refused (403 {@code
 * denied_by_policy}), except an emergency stop, which always runs (stopping only takes work away)
 * and is recorded as allowed with the rule that would have denied it. Every decision is written to
 * the {@link DecisionAuditLog} with session {@code api:<token name>}.
 */
final class HighRiskOperations {

  private final PermissionPolicy policy;
  private final DecisionAuditLog audit;
  private final Clock clock;

  HighRiskOperations(PermissionPolicy policy, DecisionAuditLog audit, Clock clock) {
    this.policy = policy == null ? PermissionPolicy.builder().build() : policy;
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Decides and audits one operation.
   *
   * @param request the admin's request
   * @param tool the operation's name for the policy ({@code improve_approve})
   * @param subject what it acts on ({@code improve approve fix-add})
   * @param why the risk's reason
   * @param alwaysRuns whether a deny is recorded but not enforced (the emergency stop)
   * @throws ApiException 403 {@code denied_by_policy} when the policy denies it
   */
  void check(ApiRequest request, String tool, String subject, String why, boolean alwaysRuns) {
    RiskAssessment risk = new RiskAssessment(RiskLevel.HIGH, why);
    ToolAction action =
        new ToolAction(ActionKind.COMMAND, List.of(), Optional.of(subject), Optional.empty());
    PolicyDecision decision = policy.decide(tool, action, risk);
    String token = request.caller().map(ApiToken::name).orElse("-");
    String by =
        "token '" + token + "' (" + request.caller().map(t -> t.role().key()).orElse("none") + ")";
    DecisionAnswer answer;
    String rule;
    switch (decision.effect()) {
      case ALLOW -> {
        answer = DecisionAnswer.ALLOWED_BY_POLICY;
        rule = decision.rule() + "; requested by " + by;
      }
      case ASK -> {
        answer = DecisionAnswer.APPROVED;
        rule = decision.rule() + "; the request of " + by + " is the answer";
      }
      default -> {
        answer = alwaysRuns ? DecisionAnswer.ALLOWED_BY_POLICY : DecisionAnswer.DENIED_BY_POLICY;
        rule =
            decision.rule()
                + (alwaysRuns
                    ? "; an emergency stop runs regardless, requested by " + by
                    : "; refused to " + by);
      }
    }
    audit.record(
        new PermissionDecision(
            "api:" + token,
            tool,
            subject,
            RiskLevel.HIGH,
            rule + " (" + why + ")",
            answer,
            clock.instant()));
    if (decision.effect() == PolicyEffect.DENY && !alwaysRuns) {
      throw new ApiException(
          403,
          "denied_by_policy",
          "The permission policy denies " + tool + " (" + decision.rule() + ").",
          "Change the rule in the policy file (policy.toml in the data directory) if this should"
              + " be allowed.");
    }
  }
}
