package dev.beca.server.internal;

import dev.beca.core.access.AccessRole;
import dev.beca.core.agent.ActionKind;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.PolicyDecision;
import dev.beca.core.agent.RiskAssessment;
import dev.beca.core.agent.RiskLevel;
import dev.beca.core.agent.ToolAction;
import dev.beca.core.limits.LimitedOperation;
import dev.beca.core.limits.RateLimit;
import dev.beca.core.limits.RateLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /settings}: a read-only view of the server's rate limits (each token's buckets) and
 * what the permission policy decides for the API's high-risk operations, for the GUI's Settings
 * screen and for scripts. Nothing here changes a setting; they are set when the server starts
 * ({@code --rate-limits}, {@code policy.toml}).
 */
public final class SettingsRoutes {

  /** The high-risk operations the policy decides over HTTP, with what each does. */
  static final Map<String, String> OPERATIONS =
      Map.of(
          "improve_approve", "commits a proposal onto the project's branch",
          "improve_rollback", "moves the project's branch back",
          "improve_stop", "kills the running evaluations of a self-improvement cycle",
          "approval_answer", "answers a tool call waiting for approval");

  private final Supplier<RateLimits> limits;
  private final PermissionPolicy policy;

  /**
   * The route over the ports' settings.
   *
   * @param ports what the server was handed
   */
  public SettingsRoutes(ServerPorts ports) {
    this.limits = ports.limitsPerToken();
    this.policy =
        ports.operationsPolicy() == null
            ? PermissionPolicy.builder().build()
            : ports.operationsPolicy();
  }

  /** The route. */
  public List<Route> routes() {
    return List.of(
        ImprovementRoutes.route(
            "GET",
            "/settings",
            AccessRole.ADMIN,
            Optional.empty(),
            "The server's settings, read-only: each token's rate limits and what the permission"
                + " policy decides for the high-risk operations of the API.",
            List.of(),
            null,
            200,
            r -> view()));
  }

  private Map<String, Object> view() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("rateLimits", rateLimits());
    Map<String, Object> decided = new LinkedHashMap<>();
    decided.put("mode", policy.mode().name().toLowerCase(Locale.ROOT));
    decided.put("operations", operations());
    answer.put("policy", decided);
    return answer;
  }

  private List<Map<String, Object>> rateLimits() {
    RateLimits each = limits == null ? RateLimits.unlimited() : limits.get();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LimitedOperation operation : LimitedOperation.values()) {
      Optional<RateLimit> limit = each.limit(operation);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("operation", operation.key());
      row.put("perMinute", limit.map(RateLimit::perMinute).orElse(null));
      row.put("perHour", limit.map(RateLimit::perHour).orElse(null));
      rows.add(row);
    }
    return rows;
  }

  private List<Map<String, Object>> operations() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String tool :
        List.of("improve_approve", "improve_rollback", "improve_stop", "approval_answer")) {
      String subject = tool.replace('_', ' ');
      PolicyDecision decision =
          policy.decide(
              tool,
              new ToolAction(ActionKind.COMMAND, List.of(), Optional.of(subject), Optional.empty()),
              new RiskAssessment(RiskLevel.HIGH, OPERATIONS.get(tool)));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("operation", tool);
      row.put("what", OPERATIONS.get(tool));
      row.put("effect", decision.effect().name().toLowerCase(Locale.ROOT));
      row.put("rule", decision.rule());
      rows.add(row);
    }
    return rows;
  }
}
