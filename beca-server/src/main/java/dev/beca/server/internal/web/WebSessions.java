package dev.beca.server.internal.web;

import dev.beca.core.access.ApiToken;
import dev.beca.core.access.ApiTokens;
import dev.beca.core.access.Authentication;
import dev.beca.server.internal.ApiException;
import dev.beca.server.internal.SessionCredentials;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web GUI's log-ins: a random session id in an HttpOnly, SameSite=Strict cookie stands for the
 * token entered once in the login form, with a per-session CSRF token that every state-changing
 * request must send in {@value #CSRF_HEADER} (or the {@code csrf} form field of the log-out form).
 *
 * <p>The sessions live in memory only (a restart logs everybody out) and end after their lifetime,
 * when the token expires, at log-out, or at once when the token is revoked: each request is checked
 * against the token again ({@link ApiTokens#authenticate}), the same path a bearer token takes.
 */
public final class WebSessions implements SessionCredentials {

  /** The session cookie's name. */
  public static final String COOKIE = "beca_session";

  /** The header that carries the session's CSRF token on state-changing requests. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  /** How long a log-in lasts unless the token expires first. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

  /** The most sessions kept; the oldest are dropped beyond it (each needs a valid token). */
  static final int MAX_SESSIONS = 10_000;

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final ApiTokens tokens;
  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();

  /**
   * One log-in.
   *
   * @param id the cookie's value
   * @param csrf the token state-changing requests must send back
   * @param secret the API token it stands for (kept in memory only)
   * @param token the token as it was at log-in (name and role for the page)
   * @param expiresAt when it ends at the latest
   */
  public record WebSession(
      String id, String csrf, String secret, ApiToken token, Instant expiresAt) {

    /** Never shows the secret. */
    @Override
    public String toString() {
      return "WebSession[token=" + token.name() + ", expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * Creates the session table.
   *
   * @param tokens checks the tokens entered at log-in and on every request
   * @param clock the time of expiry
   * @param lifetime how long a log-in lasts at most
   */
  public WebSessions(ApiTokens tokens, Clock clock, Duration lifetime) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
    }
    this.lifetime = lifetime;
  }

  /**
   * Logs in with a token's secret.
   *
   * @param secret what the user typed
   * @return the new session when the token is valid, otherwise the refusal
   */
  public LoginResult login(String secret) {
    Authentication auth = tokens.authenticate(secret == null ? "" : secret.strip());
    if (!auth.valid()) {
      return new LoginResult(Optional.empty(), auth);
    }
    ApiToken token = auth.token().orElseThrow();
    Instant now = clock.instant();
    Instant end = now.plus(lifetime);
    if (token.expiresAt().isPresent() && token.expiresAt().get().isBefore(end)) {
      end = token.expiresAt().get();
    }
    purge(now);
    WebSession session = new WebSession(randomId(), randomId(), secret.strip(), token, end);
    sessions.put(session.id(), session);
    return new LoginResult(Optional.of(session), auth);
  }

  /**
   * What a log-in gave.
   *
   * @param session the session, when the token was valid
   * @param authentication the token check
   */
  public record LoginResult(Optional<WebSession> session, Authentication authentication) {}

  /** The live session the request's cookie names, if any. */
  public Optional<WebSession> find(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    WebSession session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(session.expiresAt())) {
      sessions.remove(id);
      return Optional.empty();
    }
    if (!tokens.authenticate(session.secret()).valid()) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.of(session);
  }

  /** Ends a session; nothing happens when it is unknown. */
  public void logout(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** How many sessions are live (expired ones may still count until the next log-in). */
  int size() {
    return sessions.size();
  }

  @Override
  public Optional<String> secret(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    WebSession session = sessions.get(id);
    if (session == null || !clock.instant().isBefore(session.expiresAt())) {
      if (session != null) {
        sessions.remove(id);
      }
      throw new ApiException(
          401,
          "unauthorized",
          "The web session has ended (expired, logged out, or the server restarted).",
          "Log in again at /login, or send 'Authorization: Bearer TOKEN'.");
    }
    if (!SAFE_METHODS.contains(ctx.req().getMethod())
        && !sameText(ctx.header(CSRF_HEADER), session.csrf())) {
      throw new ApiException(
          403,
          "csrf",
          "The request changes state but does not carry the session's CSRF token.",
          "Send the token from the page's configuration in the " + CSRF_HEADER + " header.");
    }
    return Optional.of(session.secret());
  }

  /** Whether a value equals the expected one, compared in constant time. */
  static boolean sameText(String given, String expected) {
    if (given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private void purge(Instant now) {
    sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    while (sessions.size() >= MAX_SESSIONS) {
      sessions.values().stream()
          .min(Comparator.comparing(WebSession::expiresAt))
          .ifPresent(oldest -> sessions.remove(oldest.id()));
    }
  }

  private String randomId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
