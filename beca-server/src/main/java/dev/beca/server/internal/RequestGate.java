package dev.beca.server.internal;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.ModelUnavailableException;
import dev.beca.core.NotFoundException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.access.ApiToken;
import dev.beca.core.access.ApiTokens;
import dev.beca.core.access.Authentication;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.RiskLevel;
import dev.beca.core.limits.RateDecision;
import dev.beca.core.limits.RateLimitedException;
import dev.beca.core.limits.RateLimits;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request goes through before and after its route's action: the token and its role, the
 * rate limit of the token for the route's operation class, the audit, the timing, and the mapping
 * of every failure to a JSON error (never a stack trace).
 *
 * <p>Audited (through the {@link DecisionAuditLog}, session {@code api:<token name>}, tool {@code
 * http}, arguments {@code METHOD PATH}): every refusal (401, 403, 429) and every allowed request to
 * a route that needs more than the viewer role. Reads by a viewer are not audited.
 */
public final class RequestGate {

  private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);

  private final ApiTokens tokens;
  private final DecisionAuditLog audit;
  private final Supplier<RateLimits> limitsPerToken;
  private final Map<String, RateLimits> limits = new ConcurrentHashMap<>();
  private final ServerMetrics metrics;
  private final long maxBodyBytes;
  private final Clock clock;
  private volatile SessionCredentials sessions;
  private volatile RefusalLimiter refusals = RefusalLimiter.unbounded();

  /**
   * Creates the gate.
   *
   * @param tokens the tokens that let clients in
   * @param audit where refusals and acting requests are recorded
   * @param limitsPerToken makes the limits of one token, called once per token name
   * @param metrics where the timings go
   * @param maxBodyBytes the largest request body
   * @param clock the time of audit entries
   */
  public RequestGate(
      ApiTokens tokens,
      DecisionAuditLog audit,
      Supplier<RateLimits> limitsPerToken,
      ServerMetrics metrics,
      long maxBodyBytes,
      Clock clock) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.limitsPerToken = Objects.requireNonNull(limitsPerToken, "limitsPerToken");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.maxBodyBytes = maxBodyBytes;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Bounds the audit rows refused requests write per client address; by default every refusal is
   * audited.
   *
   * @param refusals the bound
   * @return this gate
   */
  /**
   * Also lets in requests that carry the web GUI's session instead of a bearer token.
   *
   * @param sessions resolves a request's session cookie to its token
   * @return this gate
   */
  public RequestGate limitRefusals(RefusalLimiter refusals) {
    this.refusals = Objects.requireNonNull(refusals, "refusals");
    return this;
  }

  /**
   * Also lets in requests that carry the web GUI's session instead of a bearer token.
   *
   * @param sessions resolves a request's session cookie to its token
   * @return this gate
   */
  public RequestGate acceptSessions(SessionCredentials sessions) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    return this;
  }

  /** The Javalin handler of a route. */
  public Handler handler(Route route) {
    return ctx -> {
      long start = System.nanoTime();
      try {
        Optional<ApiToken> caller = Optional.empty();
        if (route.role().isPresent()) {
          ApiToken token = authenticate(route, ctx);
          caller = Optional.of(token);
          authorise(route, ctx, token);
          limit(route, ctx, token);
          if (route.role().get() != AccessRole.VIEWER) {
            record(
                ctx,
                token.name(),
                route,
                "allowed: token '" + token.name() + "' (" + token.role().key() + ")",
                true);
          }
        }
        Object result = route.action().handle(new ApiRequest(ctx, caller, maxBodyBytes));
        if (result != null) {
          ctx.status(route.successStatus());
          ctx.contentType(Route.JSON);
          ctx.result(Json.write(result));
        }
      } catch (ApiException e) {
        fail(ctx, e);
      } catch (RateLimitedException e) {
        ctx.header("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        fail(ctx, new ApiException(429, "rate_limited", e.problem(), e.remedy()));
      } catch (BecaException e) {
        fail(ctx, map(e));
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", ctx.method(), route.path(), e);
        fail(
            ctx,
            new ApiException(
                500,
                "internal_error",
                "The server failed to handle the request.",
                "Try again; if it keeps failing, see the server's log."));
      } finally {
        metrics.request(route.method(), route.path(), ctx.statusCode(), System.nanoTime() - start);
      }
    };
  }

  private ApiToken authenticate(Route route, Context ctx) {
    String header = ctx.header("Authorization");
    if ((header == null || header.isBlank()) && sessions != null) {
      header = sessionHeader(route, ctx);
    }
    if (header == null || header.isBlank()) {
      record(ctx, "-", route, "401: no token", false);
      throw unauthorised("The request has no token.");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      record(ctx, "-", route, "401: not a bearer token", false);
      throw unauthorised("The Authorization header is not 'Bearer TOKEN'.");
    }
    Authentication auth = tokens.authenticate(header.substring(7).strip());
    switch (auth.status()) {
      case VALID:
        return auth.token().orElseThrow();
      case EXPIRED:
        record(ctx, auth.token().orElseThrow().name(), route, "401: token expired", false);
        throw unauthorised("The token '" + auth.token().orElseThrow().name() + "' has expired.");
      case REVOKED:
        record(ctx, auth.token().orElseThrow().name(), route, "401: token revoked", false);
        throw unauthorised("The token '" + auth.token().orElseThrow().name() + "' was revoked.");
      default:
        record(ctx, "-", route, "401: unknown token", false);
        throw unauthorised("The token is not valid.");
    }
  }

  private String sessionHeader(Route route, Context ctx) {
    try {
      return sessions.secret(ctx).map(secret -> "Bearer " + secret).orElse(null);
    } catch (ApiException e) {
      record(ctx, "-", route, e.status() + ": " + e.error().problem(), false);
      throw e;
    }
  }

  private static ApiException unauthorised(String problem) {
    return new ApiException(
        401,
        "unauthorized",
        problem,
        "Send 'Authorization: Bearer TOKEN' with a token from 'beca tokens create --role ROLE'.");
  }

  private void authorise(Route route, Context ctx, ApiToken token) {
    AccessRole needed = route.role().orElseThrow();
    if (!token.role().includes(needed)) {
      record(
          ctx,
          token.name(),
          route,
          "403: token '" + token.name() + "' is " + token.role().key() + ", needs " + needed.key(),
          false);
      throw new ApiException(
          403,
          "forbidden",
          "The token '"
              + token.name()
              + "' has the role "
              + token.role().key()
              + "; this needs "
              + needed.key()
              + ".",
          "Use a token with the role " + needed.key() + " or above.");
    }
  }

  private void limit(Route route, Context ctx, ApiToken token) {
    if (route.limit().isEmpty()) {
      return;
    }
    RateDecision decision =
        limits
            .computeIfAbsent(token.name(), name -> limitsPerToken.get())
            .tryAcquire(route.limit().get());
    if (!decision.permitted()) {
      record(
          ctx,
          token.name(),
          route,
          "429: rate limit: "
              + decision.limit()
              + "; retry after "
              + decision.retryAfter().toSeconds()
              + " s",
          false);
      throw decision.toException();
    }
  }

  /**
   * Audits a decision; a refusal past the client address's budget of audited refusals is answered
   * {@code 429} instead, without a row ({@link RefusalLimiter}).
   */
  private void record(Context ctx, String tokenName, Route route, String rule, boolean allowed) {
    String note = "";
    if (!allowed) {
      RefusalLimiter.Verdict verdict = refusals.refuse(ctx.req().getRemoteAddr());
      if (verdict instanceof RefusalLimiter.Throttle throttle) {
        throw RefusalLimiter.tooMany(throttle);
      }
      note = ((RefusalLimiter.Audit) verdict).note();
    }
    RiskLevel risk =
        route
            .role()
            .map(
                r ->
                    switch (r) {
                      case VIEWER -> RiskLevel.LOW;
                      case OPERATOR -> RiskLevel.MEDIUM;
                      case ADMIN -> RiskLevel.HIGH;
                    })
            .orElse(RiskLevel.LOW);
    try {
      audit.record(
          new PermissionDecision(
              "api:" + tokenName,
              "http",
              route.method() + " " + ctx.path(),
              risk,
              rule + note,
              allowed ? DecisionAnswer.ALLOWED_BY_POLICY : DecisionAnswer.DENIED_BY_POLICY,
              clock.instant()));
    } catch (RuntimeException e) {
      LOG.warn("Could not audit {} {}: {}", route.method(), ctx.path(), e.getMessage(), e);
    }
  }

  /** The status and code of a BECA exception. */
  static ApiException map(BecaException e) {
    int status;
    String code;
    if (e instanceof InvalidInputException) {
      status = 400;
      code = "invalid_input";
    } else if (e instanceof NotFoundException) {
      status = 404;
      code = "not_found";
    } else if (e instanceof ModelUnavailableException) {
      status = 503;
      code = "model_unavailable";
    } else if (e instanceof ModelRequestException) {
      status = 502;
      code = "model_failed";
    } else if (e.isRetriable()) {
      status = 503;
      code = "unavailable";
    } else {
      status = 500;
      code = "failed";
    }
    if (status >= 500) {
      LOG.warn("Request failed: {}", e.getMessage(), e);
    }
    return new ApiException(status, code, e.problem(), e.remedy());
  }

  /** The request attribute that marks a request BECA answered itself. */
  public static final String ANSWERED = "dev.beca.server.answered";

  /** Whether BECA answered the request (so that a 404 is an item's, not a missing route's). */
  public static boolean answered(Context ctx) {
    return ctx.attribute(ANSWERED) != null;
  }

  /** Writes an error answer. */
  public static void fail(Context ctx, ApiException e) {
    ctx.attribute(ANSWERED, Boolean.TRUE);
    e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", String.valueOf(wait.toSeconds())));
    ctx.status(e.status());
    ctx.contentType(Route.JSON);
    ctx.result(Json.write(e.error()));
  }
}
