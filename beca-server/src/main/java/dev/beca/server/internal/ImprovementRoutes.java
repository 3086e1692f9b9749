package dev.beca.server.internal;

import dev.beca.core.NotFoundException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.improve.AppliedProposal;
import dev.beca.core.improve.ImprovementConflictException;
import dev.beca.core.improve.ImprovementJson;
import dev.beca.core.improve.ImprovementRun;
import dev.beca.core.improve.ImprovementStatus;
import dev.beca.core.improve.Improvements;
import dev.beca.core.improve.ProposalDetails;
import dev.beca.core.improve.RolledBack;
import dev.beca.core.improve.StopOutcome;
import dev.beca.core.limits.LimitedOperation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The self-improvement endpoints ({@code /improve/...}): start a cycle in the background (operator,
 * rate class {@code improvement_run}), read its status, the history and a proposal with its diff
 * and measured deltas (viewer), approve, reject, roll back and stop (admin; approve, rollback and
 * stop through {@link HighRiskOperations}). A refusal the state causes is 409 with the engine's
 * reason as the code ({@code cycle_running}, {@code wrong_status}, {@code human_commit_on_top},
 * ...).
 */
public final class ImprovementRoutes {

  /** Body of {@code POST /improve/run}. */
  public record RunRequest(String project, Integer maxProposals, Integer budgetMinutes) {}

  /** Body of {@code POST /improve/proposals/{id}/reject}. */
  public record RejectRequest(String reason) {}

  /** Body of {@code POST /improve/stop}. */
  public record StopRequest(String project) {}

  /** Body of {@code POST /improve/rollback}. */
  public record RollbackRequest(String project, String to) {}

  private final Improvements improvements;
  private final ProjectPaths paths;
  private final HighRiskOperations guard;

  /**
   * The routes over the ports' self-improvement service.
   *
   * @param ports what the server was handed
   */
  public ImprovementRoutes(ServerPorts ports) {
    this.improvements = ports.improvements();
    this.paths = new ProjectPaths(ports.projectRoot());
    this.guard = new HighRiskOperations(ports.operationsPolicy(), ports.audit(), ports.clock());
  }

  /** The routes; none when the server has no self-improvement service. */
  public List<Route> routes() {
    if (improvements == null) {
      return List.of();
    }
    return List.of(
        route(
            "POST",
            "/improve/run",
            AccessRole.OPERATOR,
            Optional.of(LimitedOperation.IMPROVEMENT_RUN),
            "Starts an improvement cycle on a project in the background (analyse, propose, evaluate"
                + " in isolated worktrees, queue the better ones for approval); 202 with the status.",
            List.of(),
            RunRequest.class,
            202,
            r -> {
              RunRequest body = r.body(RunRequest.class);
              if (body.project() == null || body.project().isBlank()) {
                throw ApiException.badRequest(
                    "invalid_input",
                    "The body has no 'project'.",
                    "Send {\"project\": \".\"} for the server's project (beca serve --project DIR),"
                        + " or a folder under it.");
              }
              int max = body.maxProposals() == null ? 5 : body.maxProposals();
              int minutes = body.budgetMinutes() == null ? 30 : body.budgetMinutes();
              if (max < 1 || max > 100 || minutes < 1 || minutes > 24 * 60) {
                throw ApiException.badRequest(
                    "invalid_input",
                    "maxProposals must be from 1 to 100 and budgetMinutes from 1 to 1440.",
                    "Leave them out for 5 proposals and 30 minutes.");
              }
              return conflicts(
                  () ->
                      status(
                          improvements.start(
                              paths.resolve(body.project()), max, Duration.ofMinutes(minutes))));
            }),
        route(
            "GET",
            "/improve/status",
            AccessRole.VIEWER,
            Optional.empty(),
            "The cycle running now, the last run (stopped or not) and the proposals awaiting"
                + " approval.",
            List.of(),
            null,
            200,
            r -> status(improvements.status())),
        route(
            "GET",
            "/improve/history",
            AccessRole.VIEWER,
            Optional.empty(),
            "The latest proposals of every run, newest first.",
            List.of(new Route.QueryParam("limit", "integer", "how many at most (default 20)")),
            null,
            200,
            r ->
                Map.of(
                    "proposals",
                    improvements.history(r.queryInt("limit", 20, 1, 1000)).stream()
                        .map(ImprovementJson::proposal)
                        .toList())),
        route(
            "GET",
            "/improve/proposals/{id}",
            AccessRole.VIEWER,
            Optional.empty(),
            "A proposal: its diff, each evaluation step and the measured deltas.",
            List.of(),
            null,
            200,
            r -> {
              ProposalDetails d = show(r.pathId("id"));
              return ImprovementJson.details(d.proposal(), d.steps());
            }),
        route(
            "POST",
            "/improve/proposals/{id}/approve",
            AccessRole.ADMIN,
            Optional.empty(),
            "Applies an accepted proposal onto the project's branch: verified again, one commit with"
                + " the BECA-Improvement trailer, a rollback ref (high risk: the permission policy"
                + " decides).",
            List.of(),
            null,
            200,
            r -> approve(r, r.pathId("id"))),
        route(
            "POST",
            "/improve/proposals/{id}/reject",
            AccessRole.ADMIN,
            Optional.empty(),
            "Rejects a proposal awaiting approval (the body and its reason are optional).",
            List.of(),
            RejectRequest.class,
            200,
            r -> {
              String id = r.pathId("id");
              show(id);
              RejectRequest body = optionalBody(r, RejectRequest.class, new RejectRequest(null));
              return conflicts(
                  () ->
                      ImprovementJson.proposal(
                          improvements.reject(id, body.reason() == null ? "" : body.reason())));
            }),
        route(
            "POST",
            "/improve/proposals/{id}/rollback",
            AccessRole.ADMIN,
            Optional.empty(),
            "Takes back an applied proposal and BECA's proposals applied after it (refused when a"
                + " human commit sits on top; high risk: the permission policy decides).",
            List.of(),
            null,
            200,
            r -> {
              String id = r.pathId("id");
              show(id);
              guard.check(
                  r,
                  "improve_rollback",
                  "improve rollback " + id,
                  "moves the project's branch back",
                  false);
              return conflicts(() -> rolledBack(improvements.rollback(id)));
            }),
        route(
            "POST",
            "/improve/rollback",
            AccessRole.ADMIN,
            Optional.empty(),
            "Moves a project's branch back to a commit or ref when every commit after it is BECA's"
                + " (high risk: the permission policy decides).",
            List.of(),
            RollbackRequest.class,
            200,
            r -> {
              RollbackRequest body = r.body(RollbackRequest.class);
              if (body.project() == null || body.to() == null || body.to().isBlank()) {
                throw ApiException.badRequest(
                    "invalid_input",
                    "The body needs 'project' and 'to'.",
                    "Send {\"project\": \".\", \"to\": \"refs/beca/rollback/ID\"}.");
              }
              Path project = paths.resolve(body.project());
              guard.check(
                  r,
                  "improve_rollback",
                  "improve rollback " + project + " --to " + body.to(),
                  "moves the project's branch back",
                  false);
              return conflicts(() -> rolledBack(improvements.rollbackTo(project, body.to())));
            }),
        route(
            "POST",
            "/improve/stop",
            AccessRole.ADMIN,
            Optional.empty(),
            "Emergency stop: the running cycle's evaluations are killed and it ends; never waits"
                + " for the lock a run holds (the body and its project are optional).",
            List.of(),
            StopRequest.class,
            200,
            r -> {
              StopRequest body = optionalBody(r, StopRequest.class, new StopRequest(null));
              Optional<Path> project =
                  body.project() == null || body.project().isBlank()
                      ? Optional.empty()
                      : Optional.of(paths.resolve(body.project()));
              guard.check(
                  r,
                  "improve_stop",
                  "improve stop" + project.map(p -> " " + p).orElse(""),
                  "kills the running evaluations of a self-improvement cycle",
                  true);
              StopOutcome stop = improvements.stop(project);
              Map<String, Object> answer = new LinkedHashMap<>();
              answer.put("project", stop.project().orElse(null));
              answer.put("stoppedRunning", stop.stoppedRunning());
              answer.put("message", stop.message());
              return answer;
            }));
  }

  /** Approves a proposal after the policy's check; also used by {@code POST /approvals/{id}}. */
  Map<String, Object> approve(ApiRequest r, String id) {
    show(id);
    guard.check(
        r,
        "improve_approve",
        "improve approve " + id,
        "commits a proposal onto the project's branch",
        false);
    AppliedProposal a = conflicts(() -> improvements.approve(id));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", a.proposalId());
    answer.put("applied", a.applied());
    answer.put("commit", a.commit());
    answer.put("rollbackRef", a.rollbackRef());
    answer.put("message", a.message());
    return answer;
  }

  /** Rejects a proposal; also used by {@code POST /approvals/{id}}. */
  Map<String, Object> reject(String id, String reason) {
    show(id);
    return ImprovementJson.proposal(conflicts(() -> improvements.reject(id, reason)));
  }

  private ProposalDetails show(String id) {
    return improvements
        .show(id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "No proposal has the id " + id + ".", "List them with GET /improve/history."));
  }

  static <T> T optionalBody(ApiRequest r, Class<T> type, T empty) {
    try {
      return r.body(type);
    } catch (ApiException e) {
      if (e.error().code().equals("missing_body")) {
        return empty;
      }
      throw e;
    }
  }

  private static <T> T conflicts(java.util.function.Supplier<T> operation) {
    try {
      return operation.get();
    } catch (ImprovementConflictException e) {
      throw new ApiException(409, e.reason(), e.problem(), e.remedy());
    }
  }

  static Map<String, Object> status(ImprovementStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", s.state().name().toLowerCase(Locale.ROOT));
    m.put("project", s.project().orElse(null));
    m.put("since", s.since().map(Object::toString).orElse(null));
    m.put("lastRun", s.lastRun().map(ImprovementRoutes::run).orElse(null));
    m.put("lastRunStopped", s.lastRunStopped());
    m.put("lastProblem", s.lastProblem());
    m.put(
        "awaitingApproval", s.awaitingApproval().stream().map(ImprovementJson::proposal).toList());
    return m;
  }

  private static Map<String, Object> run(ImprovementRun run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", run.id());
    m.put("project", run.project());
    m.put("base", run.baseCommit());
    m.put("started", run.startedAt().toString());
    m.put("ended", run.endedAt().map(Object::toString).orElse(null));
    m.put("summary", run.summary());
    return m;
  }

  private static Map<String, Object> rolledBack(RolledBack r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", r.target());
    m.put("undoneCommits", r.undoneCommits());
    m.put("proposals", r.proposalIds());
    return m;
  }

  static Route route(
      String method,
      String path,
      AccessRole role,
      Optional<LimitedOperation> limit,
      String summary,
      List<Route.QueryParam> query,
      Class<?> body,
      int status,
      Route.Action action) {
    return new Route(
        method,
        path,
        Optional.of(role),
        limit,
        summary,
        query,
        Optional.ofNullable(body),
        status,
        Route.JSON,
        action);
  }
}
