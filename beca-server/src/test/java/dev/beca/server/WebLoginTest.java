package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.access.AccessRole;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.conversation.MutableClock;
import dev.beca.memory.SqliteKnowledgeBase;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web GUI's log-in over real HTTP: the token entered once becomes an HttpOnly, SameSite=Strict
 * session cookie that the API accepts instead of a bearer token, with a CSRF token on every request
 * that changes state; log-out, revocation and the session's lifetime end it.
 */
class WebLoginTest {

  private static final Pattern CSRF = Pattern.compile("\"csrf\":\"([A-Za-z0-9_-]+)\"");

  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.now());
  private SqliteKnowledgeBase kb;
  private BecaServer server;
  private InetSocketAddress address;
  private String operator;
  private String viewer;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
    server =
        BecaServer.builder()
            .tokens(kb.apiTokens())
            .audit(kb.decisionAudit())
            .sessions(kb.sessions())
            .threads(kb.threads())
            .alerts(kb.securityAlerts())
            .clock(clock)
            .webSessionLifetime(Duration.ofHours(2))
            .port(0)
            .build();
    address = server.start();
    operator = kb.apiTokens().create("phone", AccessRole.OPERATOR, Optional.empty()).secret();
    viewer = kb.apiTokens().create("wall", AccessRole.VIEWER, Optional.empty()).secret();
  }

  @AfterEach
  void stop() {
    server.close();
    kb.close();
  }

  @Test
  void theShellSendsAVisitorWithoutASessionToTheLoginForm() throws Exception {
    HttpResponse<String> shell = send(get("/"));
    HttpResponse<String> form = send(get("/login"));

    assertThat(shell.statusCode()).isEqualTo(303);
    assertThat(shell.headers().firstValue("Location")).contains("/login");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("<label for=\"token\">Token</label>", "action=\"/login\"");
    assertThat(form.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'");
  }

  @Test
  void aValidTokenBecomesAnHttpOnlySameSiteStrictCookieAndTheShellShowsTheRolesScreens()
      throws Exception {
    HttpResponse<String> login = login(operator);

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).contains("/");
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("beca_session=")
        .contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=7200");
    assertThat(setCookie).doesNotContain(operator);

    HttpResponse<String> shell = send(get("/").header("Cookie", cookie(login)));
    assertThat(shell.statusCode()).isEqualTo(200);
    assertThat(shell.body())
        .contains("phone · operator", "href=\"#/threads\"", "href=\"#/security\"")
        .doesNotContain("href=\"#/settings\"") // GET /tokens needs admin
        .doesNotContain("href=\"#/chat\""); // this server has no assistant
    assertThat(shell.body()).doesNotContain(operator);
  }

  @Test
  void aWrongTokenGetsTheFormAgainWithoutACookieAndIsAudited() throws Exception {
    HttpResponse<String> login = login("beca_nope_" + "x".repeat(43));

    assertThat(login.statusCode()).isEqualTo(401);
    assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(login.body()).contains("role=\"alert\"", "That token is not valid.");
    assertThat(kb.decisionAudit().recent(5))
        .extracting(PermissionDecision::rule)
        .anyMatch(rule -> rule.startsWith("401: web log-in"));
  }

  @Test
  void aLogInPostedFromAnotherSiteIsRefused() throws Exception {
    HttpResponse<String> login =
        send(
            post("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://evil.example")
                .POST(form("token", operator)));

    assertThat(login.statusCode()).isEqualTo(403);
    assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void theCookieOpensTheApiAsItsTokenAndAStateChangeNeedsTheCsrfToken() throws Exception {
    String cookie = cookie(login(operator));
    String csrf = csrf(cookie);

    HttpResponse<String> read = send(get("/threads").header("Cookie", cookie));
    HttpResponse<String> noCsrf =
        send(json("/threads", "{\"name\":\"from the phone\"}").header("Cookie", cookie));
    HttpResponse<String> wrongCsrf =
        send(
            json("/threads", "{\"name\":\"from the phone\"}")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf + "x"));
    HttpResponse<String> withCsrf =
        send(
            json("/threads", "{\"name\":\"from the phone\"}")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf));

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(noCsrf.body()).contains("\"code\":\"csrf\"");
    assertThat(wrongCsrf.statusCode()).isEqualTo(403);
    assertThat(withCsrf.statusCode()).isEqualTo(201);
    assertThat(kb.threads().list()).extracting("name").containsExactly("from the phone");
    assertThat(kb.decisionAudit().session("api:phone"))
        .extracting(PermissionDecision::rule)
        .contains("allowed: token 'phone' (operator)");
  }

  @Test
  void theCookieCarriesTheTokensRoleAndNoMore() throws Exception {
    String cookie = cookie(login(viewer));

    HttpResponse<String> create =
        send(
            json("/threads", "{\"name\":\"x\"}")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf(cookie)));

    assertThat(create.statusCode()).isEqualTo(403);
    assertThat(create.body()).contains("\"code\":\"forbidden\"");
  }

  @Test
  void aBearerTokenStillWinsOverTheCookie() throws Exception {
    String cookie = cookie(login(operator));

    HttpResponse<String> answer =
        send(
            json("/threads", "{\"name\":\"bearer\"}")
                .header("Cookie", cookie)
                .header("Authorization", "Bearer " + viewer));

    assertThat(answer.statusCode()).isEqualTo(403); // the viewer's role, and no CSRF asked
  }

  @Test
  void logOutNeedsTheCsrfTokenAndThenEndsTheSession() throws Exception {
    String cookie = cookie(login(operator));
    String csrf = csrf(cookie);

    HttpResponse<String> forged =
        send(
            post("/logout")
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("csrf", "nope")));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(send(get("/threads").header("Cookie", cookie)).statusCode()).isEqualTo(200);

    HttpResponse<String> logout =
        send(
            post("/logout")
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("csrf", csrf)));
    assertThat(logout.statusCode()).isEqualTo(303);
    assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");

    HttpResponse<String> after = send(get("/threads").header("Cookie", cookie));
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.body()).contains("web session has ended");
    assertThat(send(get("/").header("Cookie", cookie)).statusCode()).isEqualTo(303);
  }

  @Test
  void revokingTheTokenEndsItsWebSessionAtOnce() throws Exception {
    String cookie = cookie(login(operator));

    kb.apiTokens().revoke("phone");

    HttpResponse<String> answer = send(get("/threads").header("Cookie", cookie));
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("revoked");
    assertThat(send(get("/").header("Cookie", cookie)).statusCode()).isEqualTo(303);
  }

  @Test
  void theSessionEndsAfterItsLifetime() throws Exception {
    String cookie = cookie(login(operator));
    clock.advance(Duration.ofMinutes(119));
    assertThat(send(get("/threads").header("Cookie", cookie)).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(2));

    assertThat(send(get("/threads").header("Cookie", cookie)).statusCode()).isEqualTo(401);
    assertThat(send(get("/").header("Cookie", cookie)).statusCode()).isEqualTo(303);
  }

  @Test
  void anUnknownCookieIsRefusedLikeAMissingToken() throws Exception {
    HttpResponse<String> answer =
        send(get("/threads").header("Cookie", "beca_session=forged-value"));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("\"code\":\"unauthorized\"");
  }

  @Test
  void theAssetsComeFromTheJarAndNothingElseDoes() throws Exception {
    HttpResponse<String> script = send(get("/assets/app.js"));
    HttpResponse<String> style = send(get("/assets/app.css"));
    String etag = script.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = send(get("/assets/app.js").header("If-None-Match", etag));

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/javascript");
    assertThat(script.body()).contains("export async function api(");
    assertThat(style.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
    assertThat(again.statusCode()).isEqualTo(304);
    for (String path :
        List.of("/assets/missing.js", "/assets/..%2fWebGui.class", "/assets/WebGui.class")) {
      HttpResponse<String> refused = send(get(path));
      assertThat(refused.statusCode()).as(path).isIn(400, 404);
      assertThat(refused.body()).as(path).startsWith("{\"code\":");
    }
  }

  private HttpResponse<String> login(String token) throws Exception {
    return send(
        post("/login")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", "http://127.0.0.1:" + address.getPort())
            .POST(form("token", token)));
  }

  private static String cookie(HttpResponse<String> login) {
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private String csrf(String cookie) throws Exception {
    Matcher matcher = CSRF.matcher(send(get("/").header("Cookie", cookie)).body());
    assertThat(matcher.find()).as("the shell carries the CSRF token").isTrue();
    return matcher.group(1);
  }

  private static HttpRequest.BodyPublisher form(String name, String value) {
    return HttpRequest.BodyPublishers.ofString(
        name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(uri(path)).GET();
  }

  private HttpRequest.Builder post(String path) {
    return HttpRequest.newBuilder(uri(path));
  }

  private HttpRequest.Builder json(String path, String body) {
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + address.getPort() + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
