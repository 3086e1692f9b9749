package dev.beca.server.mcp.internal;

import dev.beca.core.access.AccessRole;
import dev.beca.core.access.ApiToken;
import dev.beca.core.access.ApiTokens;
import dev.beca.core.access.Authentication;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.RiskLevel;
import dev.beca.core.agent.ToolRunner;
import dev.beca.server.internal.ApiException;
import dev.beca.server.internal.Json;
import dev.beca.server.internal.RefusalLimiter;
import dev.beca.server.internal.Route;
import dev.beca.server.mcp.McpToolServer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BECA's tools over MCP's streamable HTTP transport at {@value #PATH}: the SDK's servlet transport
 * behind BECA's own checks.
 *
 * <p>Before the SDK sees a request: the {@code Host} header must name this server with the port the
 * request came in on, and an {@code Origin} header, when sent, must be this server's own or a
 * configured one ({@link RebindingGuard}: a web page of another site that reaches the port by DNS
 * rebinding is refused: 403); then the bearer token (the API's tokens: 401 without a valid one).
 * Each role has its own MCP server over the runner the server was handed for that role (viewer:
 * read-only policy), so a session lives with the role that opened it, and a session opened with one
 * token cannot be used with another; a session unused for the idle limit expires (forgotten here,
 * so its id answers 404, and closed by the SDK's sweeper), so abandoned sessions do not pile up.
 * Tool calls are audited by the runner under the session {@code api:<token name>}; refusals here
 * are audited like the API's ({@code api:-} when no token was recognised).
 */
public final class McpHttpEndpoint extends HttpServlet implements AutoCloseable {

  /** Where the endpoint is mounted. */
  public static final String PATH = "/mcp";

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(McpHttpEndpoint.class);
  private static final String TOKEN_ATTRIBUTE = "dev.beca.server.mcp.token";
  private static final String TOKEN_KEY = "beca.token";
  private static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

  private final transient ApiTokens tokens;
  private final transient DecisionAuditLog audit;
  private final transient Clock clock;
  private final transient RebindingGuard guard;
  private final transient RefusalLimiter refusals;
  private final transient Map<AccessRole, HttpServletStreamableServerTransportProvider> transports =
      new EnumMap<>(AccessRole.class);
  private final transient List<McpSyncServer> servers = new ArrayList<>();
  private final transient Map<String, Owner> sessionOwners = new ConcurrentHashMap<>();
  private final long idleNanos;
  private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

  /**
   * Creates the endpoint and one MCP server per role.
   *
   * @param tokens the API's tokens
   * @param audit where refusals are recorded
   * @param runners the tools of each role (the viewer's should permit reads only)
   * @param guard which {@code Host} and {@code Origin} headers pass
   * @param refusals bounds the audit rows of refused requests per client address
   * @param maxBodyBytes the largest request body
   * @param version BECA's version, told to clients
   * @param clock the time of audit entries
   * @param sessionIdle how long a session may go without a request before it expires: forgotten
   *     here (its id then answers 404) and closed by the SDK's sweeper
   */
  public McpHttpEndpoint(
      ApiTokens tokens,
      DecisionAuditLog audit,
      Function<AccessRole, ToolRunner> runners,
      RebindingGuard guard,
      RefusalLimiter refusals,
      long maxBodyBytes,
      String version,
      Clock clock,
      Duration sessionIdle) {
    if (sessionIdle.isNegative() || sessionIdle.isZero()) {
      throw new IllegalArgumentException("sessionIdle must be positive, was " + sessionIdle);
    }
    this.idleNanos = sessionIdle.toNanos();
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.refusals = Objects.requireNonNull(refusals, "refusals");
    for (AccessRole role : AccessRole.values()) {
      HttpServletStreamableServerTransportProvider transport =
          HttpServletStreamableServerTransportProvider.builder()
              .mcpEndpoint(PATH)
              .maxRequestSize((int) Math.min(Integer.MAX_VALUE, maxBodyBytes))
              .sessionSweepInterval(sessionIdle)
              .contextExtractor(
                  request ->
                      McpTransportContext.create(
                          Map.of(TOKEN_KEY, String.valueOf(request.getAttribute(TOKEN_ATTRIBUTE)))))
              .build();
      ToolRunner runner =
          Objects.requireNonNull(runners.apply(role), "the MCP tools of the role " + role.key());
      servers.add(
          McpToolServer.streamable(
              transport,
              runner,
              exchange -> "api:" + exchange.transportContext().get(TOKEN_KEY),
              version));
      transports.put(role, transport);
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    try {
      checkHost(request);
      checkOrigin(request);
      ApiToken token = authenticate(request);
      expireIdleSessions();
      String session = request.getHeader(SESSION_HEADER);
      if (session != null) {
        Owner owner = sessionOwners.get(session);
        if (owner == null || !owner.token.equals(token.name())) {
          record(
              request,
              token.name(),
              owner == null
                  ? "404: MCP session unknown or expired"
                  : "404: MCP session of another token",
              false);
          throw new ApiException(
              404,
              "unknown_session",
              "The MCP session " + session + " is not known to this token (or it expired).",
              "Start a new session (initialize) with your own token.");
        }
        owner.seen(System.nanoTime());
      }
      request.setAttribute(TOKEN_ATTRIBUTE, token.name());
      transports.get(token.role()).service(request, new SessionRecorder(response, token.name()));
      if (session != null && "DELETE".equalsIgnoreCase(request.getMethod())) {
        sessionOwners.remove(session);
      }
    } catch (ApiException e) {
      if (e.status() == 401) {
        response.setHeader("WWW-Authenticate", "Bearer");
      }
      e.retryAfter()
          .ifPresent(wait -> response.setHeader("Retry-After", String.valueOf(wait.toSeconds())));
      response.setStatus(e.status());
      response.setContentType(Route.JSON);
      response.getOutputStream().write(Json.write(e.error()));
    }
  }

  /** How many MCP sessions are open (opened, not deleted, not expired). */
  public int openSessions() {
    expireIdleSessions();
    return sessionOwners.size();
  }

  /** Forgets the sessions idle longer than the limit; at most one sweep a second. */
  private void expireIdleSessions() {
    long now = System.nanoTime();
    long last = lastSweep.get();
    if (now - last < Math.min(idleNanos, SWEEP_EVERY_NANOS)
        || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    sessionOwners
        .entrySet()
        .removeIf(
            entry -> {
              boolean idle = now - entry.getValue().lastSeen > idleNanos;
              if (idle) {
                LOG.debug(
                    "MCP session {} expired after {} ms idle",
                    entry.getKey(),
                    idleNanos / 1_000_000);
              }
              return idle;
            });
  }

  private void checkHost(HttpServletRequest request) {
    String host = request.getHeader("Host");
    if (!guard.hostAllowed(host, request.getLocalPort(), request.isSecure())) {
      record(request, "-", "403: Host '" + host + "' is not a name of this server", false);
      throw new ApiException(
          403,
          "forbidden_host",
          "The Host header '" + host + "' does not name this server.",
          "Connect by one of the server's names ("
              + String.join(", ", new java.util.TreeSet<>(guard.hostNames()))
              + ") with port "
              + request.getLocalPort()
              + "; other DNS names that point here are refused unless the server allows them"
              + " (beca serve --mcp-allowed-host NAME).");
    }
  }

  private void checkOrigin(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (!guard.originAllowed(origin, request.getLocalPort(), request.isSecure())) {
      record(request, "-", "403: foreign Origin '" + origin + "'", false);
      throw new ApiException(
          403,
          "forbidden_origin",
          "The Origin '" + origin + "' is not this server's own.",
          "MCP over HTTP answers clients that are not web pages, and pages of this server's own"
              + " origin or of an origin the server allows (beca serve --mcp-allowed-origin"
              + " https://app.example).");
    }
  }

  private ApiToken authenticate(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      record(request, "-", header == null ? "401: no token" : "401: not a bearer token", false);
      throw unauthorised("The request has no bearer token.");
    }
    Authentication auth = tokens.authenticate(header.substring(7).strip());
    switch (auth.status()) {
      case VALID:
        return auth.token().orElseThrow();
      case EXPIRED:
        record(request, auth.token().orElseThrow().name(), "401: token expired", false);
        throw unauthorised("The token '" + auth.token().orElseThrow().name() + "' has expired.");
      case REVOKED:
        record(request, auth.token().orElseThrow().name(), "401: token revoked", false);
        throw unauthorised("The token '" + auth.token().orElseThrow().name() + "' was revoked.");
      default:
        record(request, "-", "401: unknown token", false);
        throw unauthorised("The token is not valid.");
    }
  }

  private static ApiException unauthorised(String problem) {
    return new ApiException(
        401,
        "unauthorized",
        problem,
        "Send 'Authorization: Bearer TOKEN' with a token from 'beca tokens create --role ROLE'.");
  }

  /**
   * Audits a refusal, or, past the client address's budget of audited refusals, answers {@code 429}
   * instead without a row ({@link RefusalLimiter}).
   */
  private void record(HttpServletRequest request, String tokenName, String rule, boolean allowed) {
    String note = "";
    if (!allowed) {
      RefusalLimiter.Verdict verdict = refusals.refuse(request.getRemoteAddr());
      if (verdict instanceof RefusalLimiter.Throttle throttle) {
        throw RefusalLimiter.tooMany(throttle);
      }
      note = ((RefusalLimiter.Audit) verdict).note();
    }
    try {
      audit.record(
          new PermissionDecision(
              "api:" + tokenName,
              "http",
              request.getMethod() + " " + PATH,
              RiskLevel.LOW,
              rule + note,
              allowed ? DecisionAnswer.ALLOWED_BY_POLICY : DecisionAnswer.DENIED_BY_POLICY,
              clock.instant()));
    } catch (RuntimeException e) {
      LOG.warn("Could not audit {} {}: {}", request.getMethod(), PATH, e.getMessage(), e);
    }
  }

  /** Stops the MCP servers (their open streams end). */
  @Override
  public void close() {
    for (McpSyncServer server : servers) {
      try {
        server.closeGracefully();
      } catch (RuntimeException e) {
        LOG.debug("Closing an MCP server failed: {}", e.getMessage(), e);
      }
    }
  }

  /** Notes which token a new MCP session belongs to, when the SDK names the session. */
  private final class SessionRecorder extends HttpServletResponseWrapper {
    private final String tokenName;

    SessionRecorder(HttpServletResponse response, String tokenName) {
      super(response);
      this.tokenName = tokenName;
    }

    @Override
    public void setHeader(String name, String value) {
      note(name, value);
      super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
      note(name, value);
      super.addHeader(name, value);
    }

    private void note(String name, String value) {
      if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
        sessionOwners.putIfAbsent(value, new Owner(tokenName, System.nanoTime()));
      }
    }
  }

  /** The token a session belongs to and when it was last used. */
  private static final class Owner {
    private final String token;
    private volatile long lastSeen;

    Owner(String token, long now) {
      this.token = token;
      this.lastSeen = now;
    }

    void seen(long now) {
      lastSeen = now;
    }
  }
}
