package dev.beca.server.internal;

import dev.beca.core.NotFoundException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.agent.ApprovalAnswer;
import dev.beca.core.agent.ApprovalRequest;
import dev.beca.core.agent.PendingApproval;
import dev.beca.core.improve.ImprovementJson;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.server.approvals.ApiApprovals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What waits for a person: the assistant's tool calls the permission policy asks about (from {@link
 * ApiApprovals}) and the self-improvement proposals awaiting approval. {@code GET /approvals} lists
 * both; {@code POST /approvals/{id}} answers one, admin only (the role that approves everywhere in
 * the API): a tool call's answer reaches the waiting call at once, a proposal is approved (through
 * the permission policy, as {@code POST /improve/proposals/{id}/approve}) or rejected.
 */
public final class ApprovalRoutes {

  /** Body of {@code POST /approvals/{id}}. */
  public record Answer(String answer, String reason) {}

  private final ServerPorts ports;
  private final ApiApprovals approvals;
  private final ImprovementRoutes improvements;
  private final HighRiskOperations guard;

  /**
   * The routes over the ports' approval front end and self-improvement service.
   *
   * @param ports what the server was handed
   */
  public ApprovalRoutes(ServerPorts ports) {
    this.ports = ports;
    this.approvals = ports.approvals();
    this.improvements = ports.improvements() == null ? null : new ImprovementRoutes(ports);
    this.guard = new HighRiskOperations(ports.operationsPolicy(), ports.audit(), ports.clock());
  }

  /** The routes; none when the server has neither approvals nor a self-improvement service. */
  public List<Route> routes() {
    if (approvals == null && improvements == null) {
      return List.of();
    }
    return List.of(
        ImprovementRoutes.route(
            "GET",
            "/approvals",
            AccessRole.VIEWER,
            Optional.empty(),
            "What waits for a person: the assistant's tool calls the permission policy asks about,"
                + " and the improvement proposals awaiting approval.",
            List.of(),
            null,
            200,
            r -> {
              Map<String, Object> answer = new LinkedHashMap<>();
              answer.put(
                  "toolCalls",
                  approvals == null
                      ? List.of()
                      : approvals.pending().pending().stream()
                          .filter(PendingApproval::isOpen)
                          .map(p -> toolCall(p.request(), approvals))
                          .toList());
              answer.put(
                  "proposals",
                  ports.improvements() == null
                      ? List.of()
                      : ports.improvements().status().awaitingApproval().stream()
                          .map(ImprovementJson::proposal)
                          .toList());
              return answer;
            }),
        ImprovementRoutes.route(
            "POST",
            "/approvals/{id}",
            AccessRole.ADMIN,
            Optional.empty(),
            "Answers what waits: allow or deny a tool call (always: and the same tool for the rest"
                + " of the session), approve (allow) or reject (deny) a proposal.",
            List.of(),
            Answer.class,
            200,
            r -> {
              String id = r.pathId("id");
              Answer body = r.body(Answer.class);
              String word = body.answer() == null ? "" : body.answer().strip();
              ApprovalAnswer answer =
                  switch (word.toLowerCase(Locale.ROOT)) {
                    case "allow", "yes" -> ApprovalAnswer.YES;
                    case "deny", "no" -> ApprovalAnswer.NO;
                    case "always" -> ApprovalAnswer.ALWAYS_FOR_SESSION;
                    default ->
                        throw ApiException.badRequest(
                            "invalid_input",
                            "The answer '" + word + "' is not allow, deny or always.",
                            "Send {\"answer\": \"allow\"} or {\"answer\": \"deny\"}.");
                  };
              Optional<PendingApproval> call =
                  approvals == null ? Optional.empty() : approvals.pending().find(id);
              if (call.isPresent()) {
                return answerToolCall(r, call.get(), answer);
              }
              if (improvements != null
                  && ports.improvements().show(id).isPresent()
                  && ports.improvements().show(id).get().proposal().status()
                      == ProposalStatus.AWAITING_APPROVAL) {
                if (answer == ApprovalAnswer.NO) {
                  return Map.of(
                      "kind",
                      "proposal",
                      "proposal",
                      improvements.reject(
                          id, body.reason() == null ? "rejected over the API" : body.reason()));
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("kind", "proposal");
                result.putAll(improvements.approve(r, id));
                return result;
              }
              throw new NotFoundException(
                  "Nothing with the id '"
                      + id
                      + "' waits for an answer (it was answered, timed out"
                      + " or never existed).",
                  "List what waits with GET /approvals.");
            }));
  }

  private Map<String, Object> answerToolCall(
      ApiRequest r, PendingApproval call, ApprovalAnswer answer) {
    ApprovalRequest q = call.request();
    guard.check(
        r,
        "approval_answer",
        "approval " + answer.name().toLowerCase(Locale.ROOT) + " " + q.tool() + " " + q.id(),
        "answers the approval of the assistant's " + q.tool() + " call",
        answer == ApprovalAnswer.NO);
    boolean counted = call.answer(answer);
    if (!counted) {
      throw new ApiException(
          409,
          "already_answered",
          "The tool call " + q.id() + " was answered already or stopped waiting.",
          "List what waits with GET /approvals.");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("kind", "toolCall");
    result.put("id", q.id());
    result.put("session", q.sessionId());
    result.put("tool", q.tool());
    result.put(
        "answer",
        switch (answer) {
          case YES -> "allow";
          case NO -> "deny";
          case ALWAYS_FOR_SESSION -> "always";
        });
    return result;
  }

  /** A waiting tool call as the API lists it and the chat stream announces it. */
  static Map<String, Object> toolCall(ApprovalRequest q, ApiApprovals approvals) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", q.id());
    m.put("session", q.sessionId());
    m.put("tool", q.tool());
    m.put("arguments", q.arguments());
    m.put("risk", q.risk().level().name().toLowerCase(Locale.ROOT));
    m.put("riskReason", q.risk().reason());
    m.put("rule", q.rule());
    m.put("requestedAt", q.requestedAt().toString());
    m.put("expiresAt", q.requestedAt().plus(approvals.timeout()).toString());
    return m;
  }
}
