package dev.beca.server.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.access.ApiToken;
import dev.beca.core.access.IssuedToken;
import dev.beca.core.conversation.ConversationThread;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.SearchFilter;
import dev.beca.core.conversation.SearchHit;
import dev.beca.core.conversation.Session;
import dev.beca.core.limits.LimitedOperation;
import dev.beca.core.model.ModelRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;

/**
 * The route table of the server, built from the ports it was handed. Paths, roles, operation
 * classes and bodies here are the single source of the routing and of {@code /openapi.json}.
 */
public final class ApiRoutes {

  private static final Optional<AccessRole> PUBLIC = Optional.empty();
  private static final Optional<AccessRole> VIEWER = Optional.of(AccessRole.VIEWER);
  private static final Optional<AccessRole> OPERATOR = Optional.of(AccessRole.OPERATOR);
  private static final Optional<AccessRole> ADMIN = Optional.of(AccessRole.ADMIN);
  private static final Route.QueryParam LIMIT =
      new Route.QueryParam("limit", "integer", "how many at most");

  /** Body of {@code POST /sessions}. */
  public record NewSession(String title) {}

  /** Body of {@code POST /threads}. */
  public record NewThread(String name) {}

  /** Body of {@code POST /threads/{id}/link}. */
  public record Link(Long message) {}

  /** Body of {@code POST /chat}. */
  public record ChatRequest(String session, Long thread, String message) {}

  /** Body of {@code POST /tokens}. */
  public record NewToken(String name, String role, Long expiresInDays) {}

  private final ServerPorts ports;
  private final ServerMetrics metrics;
  private final ExecutorService turns;
  private final List<Route> routes = new ArrayList<>();

  /**
   * Builds the table.
   *
   * @param ports what the server was handed
   * @param metrics the meters, for {@code /metrics} and the chat
   * @param turns runs chat turns
   */
  public ApiRoutes(ServerPorts ports, ServerMetrics metrics, ExecutorService turns) {
    this.ports = ports;
    this.metrics = metrics;
    this.turns = turns;
    build();
  }

  /** Every route, in the order of the OpenAPI document. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  private void add(
      String method,
      String path,
      Optional<AccessRole> role,
      Optional<LimitedOperation> limit,
      String summary,
      List<Route.QueryParam> query,
      Class<?> body,
      int status,
      Route.Action action) {
    routes.add(
        new Route(
            method,
            path,
            role,
            limit,
            summary,
            query,
            Optional.ofNullable(body),
            status,
            Route.JSON,
            action));
  }

  private void get(
      String path,
      Optional<AccessRole> role,
      String summary,
      List<Route.QueryParam> query,
      Route.Action action) {
    add("GET", path, role, Optional.empty(), summary, query, null, 200, action);
  }

  private void build() {
    get(
        "/health",
        PUBLIC,
        "Whether the server is up (no token needed).",
        List.of(),
        r -> Map.of("status", "ok"));
    routes.add(
        new Route(
            "GET",
            "/openapi.json",
            PUBLIC,
            Optional.empty(),
            "This API's OpenAPI 3.0 document (no token needed).",
            List.of(),
            Optional.empty(),
            200,
            Route.JSON,
            r -> OpenApiDocument.of(routes)));
    routes.add(
        new Route(
            "GET",
            "/metrics",
            ADMIN,
            Optional.empty(),
            "Prometheus metrics: per-route timings, chat latency, JVM and process.",
            List.of(),
            Optional.empty(),
            200,
            "text/plain",
            r -> {
              r.ctx().contentType("text/plain; version=0.0.4; charset=utf-8");
              r.ctx().result(metrics.scrape());
              return null;
            }));
    sessions();
    threads();
    search();
    chat();
    models();
    benchmarks();
    if (ports.alerts() != null) {
      get(
          "/alerts",
          VIEWER,
          "Secrets found on BECA's write paths (fingerprints, never secrets), newest first.",
          List.of(LIMIT),
          r -> Map.of("alerts", ports.alerts().recent(r.queryInt("limit", 20, 1, 1000))));
    }
    get(
        "/audit",
        VIEWER,
        "Permission decisions (tool calls and API access), newest first.",
        List.of(LIMIT, new Route.QueryParam("session", "string", "only this session")),
        r -> {
          Optional<String> session = r.query("session");
          return Map.of(
              "decisions",
              session.isPresent()
                  ? ports.audit().session(session.get())
                  : ports.audit().recent(r.queryInt("limit", 50, 1, 1000)));
        });
    if (ports.modelErrors() != null) {
      get(
          "/errors",
          VIEWER,
          "Failures of model calls, what BECA did about them, and what to do (in each message).",
          List.of(LIMIT),
          r -> Map.of("errors", ports.modelErrors().recent(r.queryInt("limit", 20, 1, 1000))));
    }
    tokens();
    routes.addAll(ModelRoutes.routes(ports, turns));
    routes.addAll(BenchmarkRoutes.routes(ports, turns));
    routes.addAll(ScanRoutes.routes(ports));
    routes.addAll(LearningRoutes.routes(ports));
    routes.addAll(new MonitoringRoutes(ports, metrics).routes());
    routes.addAll(new ImprovementRoutes(ports).routes());
    routes.addAll(new ApprovalRoutes(ports).routes());
    routes.addAll(new AgentRoutes(ports).routes());
    routes.addAll(new SettingsRoutes(ports).routes());
  }

  private void sessions() {
    if (ports.sessions() == null) {
      return;
    }
    get(
        "/sessions",
        VIEWER,
        "The most recently active sessions.",
        List.of(LIMIT),
        r -> Map.of("sessions", ports.sessions().recent(r.queryInt("limit", 20, 1, 1000))));
    add(
        "POST",
        "/sessions",
        OPERATOR,
        Optional.empty(),
        "Creates a session.",
        List.of(),
        NewSession.class,
        201,
        r -> {
          NewSession body = r.body(NewSession.class);
          return ports.sessions().create(body.title() == null ? "" : body.title());
        });
    if (ports.messages() != null) {
      get(
          "/sessions/{id}",
          VIEWER,
          "A session with its latest messages.",
          List.of(LIMIT),
          r -> {
            String id = r.pathId("id");
            Session session =
                ports
                    .sessions()
                    .find(id)
                    .orElseThrow(
                        () ->
                            new NotFoundException(
                                "There is no session '" + id + "'.",
                                "List them with GET /sessions."));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("session", session);
            answer.put("messages", ports.messages().recent(id, r.queryInt("limit", 100, 1, 1000)));
            return answer;
          });
    }
  }

  private void threads() {
    if (ports.threads() == null) {
      return;
    }
    get(
        "/threads",
        VIEWER,
        "Threads, most recently active first.",
        List.of(),
        r -> Map.of("threads", ports.threads().list()));
    add(
        "POST",
        "/threads",
        OPERATOR,
        Optional.empty(),
        "Creates a thread.",
        List.of(),
        NewThread.class,
        201,
        r -> ports.threads().create(r.body(NewThread.class).name()));
    get(
        "/threads/{id}",
        VIEWER,
        "A thread with its summary and latest messages.",
        List.of(LIMIT),
        r -> {
          long id = r.pathNumber("id");
          ConversationThread thread = thread(id);
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("thread", thread);
          answer.put("summary", ports.threads().summary(id));
          answer.put("messages", ports.threads().latest(id, r.queryInt("limit", 100, 1, 1000)));
          return answer;
        });
    add(
        "POST",
        "/threads/{id}/link",
        OPERATOR,
        Optional.empty(),
        "Puts a message into the thread.",
        List.of(),
        Link.class,
        200,
        r -> {
          long id = r.pathNumber("id");
          Link body = r.body(Link.class);
          if (body.message() == null) {
            throw ApiException.badRequest(
                "invalid_input", "The body has no 'message' id.", "Send {\"message\": ID}.");
          }
          ports.threads().link(body.message(), id);
          return Map.of("thread", id, "message", body.message());
        });
    if (ports.summarizer() != null) {
      add(
          "POST",
          "/threads/{id}/summary",
          OPERATOR,
          Optional.of(LimitedOperation.MODEL_CALL),
          "Summarises the thread with the model (extractive when the model fails) and stores it.",
          List.of(),
          null,
          200,
          r -> ports.summarizer().summarize(r.pathNumber("id")));
    }
  }

  private ConversationThread thread(long id) {
    return ports
        .threads()
        .find(id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "There is no thread " + id + ".", "List them with GET /threads."));
  }

  private void search() {
    if (ports.search() == null) {
      return;
    }
    get(
        "/search",
        VIEWER,
        "Searches the history by keyword, meaning or both (hybrid).",
        List.of(
            new Route.QueryParam("q", "string", "what to look for (required)"),
            new Route.QueryParam("mode", "string", "hybrid (default), keyword or semantic"),
            new Route.QueryParam("thread", "integer", "only this thread"),
            new Route.QueryParam("session", "string", "only this session"),
            LIMIT),
        r -> {
          String q =
              r.query("q")
                  .orElseThrow(
                      () ->
                          ApiException.badRequest(
                              "invalid_query", "The parameter q is missing.", "Add ?q=WORDS."));
          SearchFilter filter = SearchFilter.all();
          int thread = r.queryInt("thread", 0, 0, Integer.MAX_VALUE);
          if (thread > 0) {
            filter = filter.thread(thread);
          }
          Optional<String> session = r.query("session");
          if (session.isPresent()) {
            filter = filter.session(session.get());
          }
          int limit = r.queryInt("limit", 10, 1, 100);
          String mode = r.query("mode").orElse("hybrid");
          List<SearchHit> hits =
              switch (mode) {
                case "hybrid" -> ports.search().hybrid(q, filter, limit);
                case "keyword" -> ports.search().keyword(q, filter, limit);
                case "semantic" -> ports.search().semantic(q, filter, limit);
                default ->
                    throw ApiException.badRequest(
                        "invalid_query",
                        "The mode '" + mode + "' is not known.",
                        "Use hybrid, keyword or semantic.");
              };
          return Map.of("hits", hits);
        });
  }

  private void chat() {
    if (ports.assistant() == null || ports.sessions() == null) {
      return;
    }
    ChatStream stream = new ChatStream(ports.assistant(), turns, metrics, ports.approvals());
    routes.add(
        new Route(
            "POST",
            "/chat",
            OPERATOR,
            Optional.of(LimitedOperation.MODEL_CALL),
            "Answers a message, streaming the reply as server-sent events (session, token, tool,"
                + " done or error). The message is stored before the model is called.",
            List.of(),
            Optional.of(ChatRequest.class),
            200,
            Route.EVENT_STREAM,
            r -> {
              ChatRequest body = r.body(ChatRequest.class);
              String message = body.message();
              if (message == null || message.isBlank()) {
                throw new InvalidInputException(
                    "The message is empty.", "Send {\"message\": \"your question\"}.");
              }
              if (message.length() > NewMessage.MAX_CONTENT_CHARS) {
                throw new InvalidInputException(
                    "The message has "
                        + message.length()
                        + " characters, more than the limit of "
                        + NewMessage.MAX_CONTENT_CHARS
                        + "; nothing was stored.",
                    "Split it into smaller messages.");
              }
              OptionalLong thread = OptionalLong.empty();
              if (body.thread() != null) {
                if (ports.threads() == null) {
                  throw ApiException.badRequest(
                      "invalid_input", "This server has no threads.", "Leave out 'thread'.");
                }
                thread(body.thread());
                thread = OptionalLong.of(body.thread());
              }
              String sessionId;
              if (body.session() == null) {
                sessionId = ports.sessions().create("api").id();
              } else {
                sessionId = body.session();
                if (ports.sessions().find(sessionId).isEmpty()) {
                  throw new NotFoundException(
                      "There is no session '" + sessionId + "'.",
                      "Leave out 'session' to start a new one, or list them with GET /sessions.");
                }
              }
              stream.stream(r.ctx(), sessionId, thread, message);
              return null;
            }));
  }

  private void models() {
    if (ports.gateway() != null || ports.modelList() != null) {
      get(
          "/models",
          VIEWER,
          "The model of each role and the models the servers have.",
          List.of(),
          r -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            if (ports.gateway() != null) {
              Map<String, String> active = new LinkedHashMap<>();
              for (ModelRole role : ModelRole.values()) {
                active.put(
                    role.name().toLowerCase(java.util.Locale.ROOT),
                    ports.gateway().model(role).name());
              }
              answer.put("active", active);
            }
            if (ports.modelList() != null) {
              answer.put("models", ports.modelList().get());
            }
            return answer;
          });
    }
    if (ports.modelHealth() != null) {
      get(
          "/models/health",
          VIEWER,
          "Checks each model server now: status, latency, version, what to do.",
          List.of(),
          r -> Map.of("servers", ports.modelHealth().get()));
    }
  }

  private void benchmarks() {
    if (ports.benchmarks() == null) {
      return;
    }
    get(
        "/benchmarks",
        VIEWER,
        "The benchmarks with their latest score.",
        List.of(),
        r -> Map.of("benchmarks", ports.benchmarks().benchmarks()));
    get(
        "/benchmarks/{name}/trend",
        VIEWER,
        "A benchmark's scores over time.",
        List.of(new Route.QueryParam("days", "integer", "how many days back (default 30)")),
        r -> {
          String name = r.pathName("name");
          int days = r.queryInt("days", 30, 1, 3650);
          Instant since = ports.clock().instant().minus(Duration.ofDays(days));
          return Map.of("benchmark", name, "points", ports.benchmarks().trend(name, since));
        });
  }

  private void tokens() {
    get(
        "/tokens",
        ADMIN,
        "Every API token (never the secrets), newest first.",
        List.of(),
        r -> Map.of("tokens", ports.tokens().list()));
    add(
        "POST",
        "/tokens",
        ADMIN,
        Optional.empty(),
        "Creates a token; the answer holds its secret, shown this once.",
        List.of(),
        NewToken.class,
        201,
        r -> {
          NewToken body = r.body(NewToken.class);
          if (body.role() == null) {
            throw ApiException.badRequest(
                "invalid_input", "The body has no 'role'.", "Send viewer, operator or admin.");
          }
          Optional<Instant> expires = Optional.empty();
          if (body.expiresInDays() != null) {
            if (body.expiresInDays() < 1 || body.expiresInDays() > 3650) {
              throw ApiException.badRequest(
                  "invalid_input",
                  "expiresInDays must be from 1 to 3650.",
                  "Leave it out for a token that does not expire.");
            }
            expires =
                Optional.of(ports.clock().instant().plus(Duration.ofDays(body.expiresInDays())));
          }
          IssuedToken issued =
              ports.tokens().create(body.name(), AccessRole.parse(body.role()), expires);
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("token", issued.token());
          answer.put("secret", issued.secret());
          return answer;
        });
    add(
        "DELETE",
        "/tokens/{name}",
        ADMIN,
        Optional.empty(),
        "Revokes a token; it stops working at once.",
        List.of(),
        null,
        200,
        r -> {
          ApiToken revoked = ports.tokens().revoke(r.pathName("name"));
          return Map.of("token", revoked);
        });
  }
}
