package dev.beca.server.internal;

import dev.beca.core.NotFoundException;
import dev.beca.core.limits.LimitedOperation;
import dev.beca.core.model.ModelControl;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelVersion;
import dev.beca.core.model.ModelVersionStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The model administration routes over the core's {@link ModelControl}: test, use (switch a role),
 * roll back, history, updates, pull (progress as server-sent events) and delete. Switching, rolling
 * back and deleting need an admin; testing and pulling an operator (pulls count against the {@code
 * model_pull} rate limit, tests against {@code model_call}).
 */
public final class ModelRoutes {

  /** Body of {@code POST /models/test}. */
  public record ModelTest(String role, String server, String model) {}

  /** Body of {@code POST /models/use}; the numbers override the model family's defaults. */
  public record ModelUse(
      String role,
      String server,
      String model,
      Double temperature,
      Double topP,
      Integer contextLength,
      Integer seed) {}

  /** Body of {@code POST /models/rollback}; without a version, the newest inactive one. */
  public record ModelRollback(String role, Long version) {}

  /** Body of {@code POST /models/pull}. */
  public record ModelPull(String server, String model) {}

  private ModelRoutes() {}

  /**
   * The routes, none when the server has no model control.
   *
   * @param ports what the server was handed
   * @param jobs runs pulls
   * @return the routes
   */
  public static List<Route> routes(ServerPorts ports, ExecutorService jobs) {
    ModelControl control = ports.modelControl();
    RouteList r = new RouteList();
    if (control == null) {
      return r.routes();
    }
    r.add(
        "POST",
        "/models/test",
        RouteList.OPERATOR,
        Optional.of(LimitedOperation.MODEL_CALL),
        "Tries a model for a role with a short prompt: passed, first-token latency, tokens/s.",
        List.of(),
        ModelTest.class,
        200,
        Route.JSON,
        q -> {
          ModelTest body = q.body(ModelTest.class);
          return control.test(
              RouteList.role(body.role()),
              body.server(),
              RouteList.required(body.model(), "model", "{\"model\": \"llama3.2\"}"));
        });
    r.add(
        "POST",
        "/models/use",
        RouteList.ADMIN,
        Optional.empty(),
        "Makes a model the one a role uses, after it passed its test (nothing changes if not).",
        List.of(),
        ModelUse.class,
        200,
        Route.JSON,
        q -> {
          ModelUse body = q.body(ModelUse.class);
          ModelVersion version =
              control.use(
                  RouteList.role(body.role()),
                  body.server(),
                  RouteList.required(body.model(), "model", "{\"model\": \"llama3.2\"}"),
                  new ModelParameters(
                      body.temperature(),
                      body.topP(),
                      body.contextLength(),
                      body.seed(),
                      List.of(),
                      null));
          return switched(version, version.switchedLine());
        });
    r.add(
        "POST",
        "/models/rollback",
        RouteList.ADMIN,
        Optional.empty(),
        "Makes an earlier version of a role active again (the newest inactive one unless given).",
        List.of(),
        ModelRollback.class,
        200,
        Route.JSON,
        q -> {
          ModelRollback body = q.body(ModelRollback.class);
          ModelRole role = RouteList.role(body.role());
          long target = body.version() != null ? body.version() : previous(control, role);
          ModelVersion version = control.rollback(role, target);
          return switched(version, version.rolledBackLine());
        });
    r.get(
        "/models/history",
        RouteList.VIEWER,
        "The versions of each role (or one role), newest first.",
        List.of(new Route.QueryParam("role", "string", "general or coding; all when left out")),
        q -> Map.of("versions", control.history(q.query("role").map(RouteList::role))));
    r.get(
        "/models/updates",
        RouteList.VIEWER,
        "Models on the servers no role ever used, and used models whose content changed.",
        List.of(),
        q -> Map.of("updates", control.updates()));
    EventStream stream = new EventStream(jobs);
    r.add(
        "POST",
        "/models/pull",
        RouteList.OPERATOR,
        Optional.of(LimitedOperation.MODEL_PULL),
        "Downloads a model onto a server, streaming server-sent events: progress (status, digest,"
            + " total, completed) as the server reports it, then result (the model) or error.",
        List.of(),
        ModelPull.class,
        200,
        Route.EVENT_STREAM,
        q -> {
          ModelPull body = q.body(ModelPull.class);
          String model = RouteList.required(body.model(), "model", "{\"model\": \"llama3.2\"}");
          stream.stream(
              q.ctx(),
              "pull of " + model,
              events -> {
                ModelInfo pulled =
                    control.pull(body.server(), model, p -> events.emit("progress", p));
                return Map.of("model", pulled);
              });
          return null;
        });
    r.add(
        "DELETE",
        "/models/{name}",
        RouteList.ADMIN,
        Optional.empty(),
        "Deletes a model from its server; the model a role uses now is refused.",
        List.of(
            new Route.QueryParam("server", "string", "the server; the default one if left out")),
        null,
        200,
        Route.JSON,
        q -> {
          String name = q.pathName("name");
          String server = q.query("server").orElse(null);
          control.delete(server, name);
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("deleted", name);
          answer.put("server", server);
          return answer;
        });
    return r.routes();
  }

  private static Map<String, Object> switched(ModelVersion version, String line) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("version", version);
    answer.put("message", line);
    return answer;
  }

  /** The newest version of the role that does not play it now. */
  private static long previous(ModelControl control, ModelRole role) {
    return control.history(Optional.of(role)).stream()
        .filter(v -> v.status() != ModelVersionStatus.ACTIVE)
        .findFirst()
        .map(ModelVersion::id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "The "
                        + role.name().toLowerCase(Locale.ROOT)
                        + " role has no earlier version to roll back to.",
                    "See its versions with GET /models/history?role="
                        + role.name().toLowerCase(Locale.ROOT)
                        + "."));
  }
}
