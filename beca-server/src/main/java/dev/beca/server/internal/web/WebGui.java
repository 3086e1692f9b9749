package dev.beca.server.internal.web;

import dev.beca.core.access.AccessRole;
import dev.beca.core.access.ApiToken;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.agent.RiskLevel;
import dev.beca.server.internal.ApiException;
import dev.beca.server.internal.Json;
import dev.beca.server.internal.RequestGate;
import dev.beca.server.internal.Route;
import dev.beca.server.internal.web.WebSessions.LoginResult;
import dev.beca.server.internal.web.WebSessions.WebSession;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web GUI: a server-rendered shell at {@code /}, the login form, log-out, and the page's own
 * scripts and styles from the jar ({@code /assets/NAME}, from {@code dev/beca/server/web/}). The
 * screens are small ES modules that call the same JSON API a script would, with the session cookie
 * instead of a bearer token; no build step, nothing from a CDN.
 *
 * <p>A screen appears in the navigation only when the endpoint it needs is served and the user's
 * role may call it, so a screen over an endpoint that is not there yet is one line in {@link
 * #SCREENS} and one module once the endpoint exists.
 */
public final class WebGui {

  private static final Logger LOG = LoggerFactory.getLogger(WebGui.class);
  private static final Pattern ASSET = Pattern.compile("[a-z][a-z0-9-]{0,40}\\.(js|css|svg)");
  private static final String ASSET_ROOT = "/dev/beca/server/web/";

  /** Pages may load only the server's own scripts, styles and API. */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /**
   * A screen of the GUI.
   *
   * @param id its module ({@code /assets/ID.js}) and its address ({@code /#/ID})
   * @param label the navigation's text
   * @param needs the endpoint it cannot work without, as {@code METHOD PATH}
   */
  public record Screen(String id, String label, String needs) {}

  /** Every screen, in the navigation's order. */
  public static final List<Screen> SCREENS =
      List.of(
          new Screen("chat", "Chat", "POST /chat"),
          new Screen("threads", "Threads", "GET /threads"),
          new Screen("improvements", "Improvements", "GET /improve/status"),
          new Screen("learning", "Learning", "GET /lessons"),
          new Screen("benchmarks", "Benchmarks", "GET /benchmarks"),
          new Screen("models", "Models", "GET /models"),
          new Screen("resources", "Resources", "GET /resources"),
          new Screen("security", "Security", "GET /alerts"),
          new Screen("troubleshooting", "Troubleshooting", "GET /errors"),
          new Screen("settings", "Settings", "GET /tokens"));

  /**
   * A route of the GUI (not part of the API's document).
   *
   * @param method the HTTP method
   * @param path the path
   * @param handler what answers it
   */
  public record WebRoute(String method, String path, Handler handler) {}

  private final WebSessions sessions;
  private final List<Route> api;
  private final DecisionAuditLog audit;
  private final Clock clock;
  private final Map<String, Asset> assets = new ConcurrentHashMap<>();

  private record Asset(byte[] bytes, String type, String etag) {}

  /**
   * Creates the GUI.
   *
   * @param sessions the log-ins
   * @param api the API's routes, to offer only the screens that can work
   * @param audit where log-ins and refused log-ins are recorded
   * @param clock the time of audit entries
   */
  public WebGui(WebSessions sessions, List<Route> api, DecisionAuditLog audit, Clock clock) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.api = List.copyOf(api);
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The GUI's routes. */
  public List<WebRoute> routes() {
    return List.of(
        new WebRoute("GET", "/", this::shell),
        new WebRoute("GET", "/login", this::loginPage),
        new WebRoute("POST", "/login", this::login),
        new WebRoute("POST", "/logout", this::logout),
        new WebRoute("GET", "/assets/{name}", this::asset));
  }

  private void shell(Context ctx) {
    Optional<WebSession> session = sessions.find(ctx);
    if (session.isEmpty()) {
      redirect(ctx, "/login");
      return;
    }
    page(
        ctx,
        200,
        WebPages.shell(
            session.get(),
            screens(session.get().token().role()),
            config(session.get()),
            allowed("POST /improve/stop", session.get().token().role())));
  }

  /** The screens the role can use on this server. */
  List<Screen> screens(AccessRole role) {
    List<Screen> usable = new ArrayList<>();
    for (Screen screen : SCREENS) {
      if (allowed(screen.needs(), role)) {
        usable.add(screen);
      }
    }
    return usable;
  }

  private boolean allowed(String endpoint, AccessRole role) {
    return api.stream()
        .anyMatch(
            r ->
                (r.method() + " " + r.path()).equals(endpoint)
                    && r.role().map(role::includes).orElse(true));
  }

  private String config(WebSession session) {
    List<String> can = new ArrayList<>();
    for (Route route : api) {
      if (route.role().map(session.token().role()::includes).orElse(true)) {
        can.add(route.method() + " " + route.path());
      }
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("csrf", session.csrf());
    config.put("csrfHeader", WebSessions.CSRF_HEADER);
    config.put("user", session.token().name());
    config.put("role", session.token().role().key());
    config.put("screens", screens(session.token().role()).stream().map(Screen::id).toList());
    config.put("can", can);
    // Inside <script type="application/json">: '<' escaped so no text can close the element.
    return Json.text(config).replace("<", "\\u003c");
  }

  private void loginPage(Context ctx) {
    if (sessions.find(ctx).isPresent()) {
      redirect(ctx, "/");
      return;
    }
    String reason = ctx.queryParam("ended");
    page(
        ctx,
        200,
        WebPages.login(
            reason == null ? "" : "Your session has ended. Log in again to go on.", false));
  }

  private void login(Context ctx) {
    if (!sameOrigin(ctx)) {
      record(ctx, "-", "403: cross-origin log-in", false);
      page(ctx, 403, WebPages.login("The log-in came from another site and was refused.", true));
      return;
    }
    String secret = ctx.formParam("token");
    if (secret == null || secret.isBlank()) {
      page(ctx, 400, WebPages.login("Enter a token.", true));
      return;
    }
    LoginResult result = sessions.login(secret);
    if (result.session().isEmpty()) {
      String name = result.authentication().token().map(ApiToken::name).orElse("-");
      String why =
          switch (result.authentication().status()) {
            case EXPIRED -> "That token has expired.";
            case REVOKED -> "That token was revoked.";
            default -> "That token is not valid.";
          };
      record(ctx, name, "401: web log-in: " + why, false);
      page(
          ctx,
          401,
          WebPages.login(
              why + " Create one with: beca tokens create --role operator --name phone", true));
      return;
    }
    WebSession session = result.session().get();
    record(
        ctx,
        session.token().name(),
        "allowed: web log-in, token '"
            + session.token().name()
            + "' ("
            + session.token().role().key()
            + ")",
        true);
    long maxAge = Math.max(1, Duration.between(clock.instant(), session.expiresAt()).toSeconds());
    ctx.header("Set-Cookie", cookie(ctx, session.id(), maxAge));
    redirect(ctx, "/");
  }

  private void logout(Context ctx) {
    Optional<WebSession> session = sessions.find(ctx);
    if (session.isPresent()) {
      String given = ctx.formParam("csrf");
      if (given == null) {
        given = ctx.header(WebSessions.CSRF_HEADER);
      }
      if (!WebSessions.sameText(given, session.get().csrf())) {
        RequestGate.fail(
            ctx,
            new ApiException(
                403,
                "csrf",
                "The log-out does not carry the session's CSRF token.",
                "Log out with the page's own button."));
        return;
      }
      sessions.logout(session.get().id());
      record(ctx, session.get().token().name(), "allowed: web log-out", true);
    }
    ctx.header("Set-Cookie", cookie(ctx, "", 0));
    redirect(ctx, "/login");
  }

  private static String cookie(Context ctx, String value, long maxAge) {
    String cookie =
        WebSessions.COOKIE
            + "="
            + value
            + "; Path=/; Max-Age="
            + maxAge
            + "; HttpOnly; SameSite=Strict";
    return secure(ctx) ? cookie + "; Secure" : cookie;
  }

  /** Behind a TLS-terminating proxy the cookie must not travel in clear. */
  private static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme())
        || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  /** A browser's form post from another site carries that site's Origin; refuse it. */
  static boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || origin.isEmpty()) {
      return !"cross-site".equals(ctx.header("Sec-Fetch-Site"));
    }
    String host = ctx.header("Host");
    if (host == null || origin.equals("null")) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      String authority = uri.getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void record(Context ctx, String tokenName, String rule, boolean allowed) {
    try {
      audit.record(
          new PermissionDecision(
              "api:" + tokenName,
              "http",
              ctx.req().getMethod() + " " + ctx.path(),
              RiskLevel.MEDIUM,
              rule,
              allowed ? DecisionAnswer.ALLOWED_BY_POLICY : DecisionAnswer.DENIED_BY_POLICY,
              clock.instant()));
    } catch (RuntimeException e) {
      LOG.warn("Could not audit {}: {}", ctx.path(), e.getMessage(), e);
    }
  }

  private void asset(Context ctx) {
    String name = ctx.pathParam("name");
    Optional<Asset> asset = ASSET.matcher(name).matches() ? load(name) : Optional.empty();
    if (asset.isEmpty()) {
      RequestGate.fail(
          ctx,
          new ApiException(
              404, "not_found", "There is no asset '" + name + "'.", "Reload the page at /."));
      return;
    }
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", asset.get().etag());
    ctx.header("X-Content-Type-Options", "nosniff");
    if (asset.get().etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(asset.get().type());
    ctx.result(asset.get().bytes());
  }

  private Optional<Asset> load(String name) {
    Asset cached = assets.get(name);
    if (cached != null) {
      return Optional.of(cached);
    }
    try (InputStream in = WebGui.class.getResourceAsStream(ASSET_ROOT + name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      String type =
          name.endsWith(".js")
              ? "text/javascript; charset=utf-8"
              : name.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml";
      Asset asset = new Asset(bytes, type, etag(bytes));
      assets.put(name, asset);
      return Optional.of(asset);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the GUI's asset " + name, e);
    }
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static void redirect(Context ctx, String to) {
    ctx.status(303);
    ctx.header("Location", to);
    ctx.header("Cache-Control", "no-store");
  }

  private static void page(Context ctx, int status, String html) {
    ctx.status(status);
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on the page's
    // own form posts, and the log-in's origin check would refuse them.
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(html.getBytes(StandardCharsets.UTF_8));
  }
}
