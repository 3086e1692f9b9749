package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.access.AccessRole;
import dev.beca.core.agent.DecisionAnswer;
import dev.beca.core.agent.PermissionDecision;
import dev.beca.core.limits.RateLimits;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP over streamable HTTP at {@code /mcp}, driven by the SDK's own HTTP client transport over
 * loopback: the API's tokens and roles, and the Host and Origin checks against DNS rebinding.
 */
class McpOverHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
          + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  @TempDir Path dataDir;
  @TempDir Path project;
  private ServerFixture fixture;
  private final List<McpSyncClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    fixture =
        new ServerFixture(
            dataDir,
            RateLimits::unlimited,
            BecaServer.DEFAULT_MAX_BODY_BYTES,
            (kb, builder) ->
                builder.mcpTools(role -> ServerFixture.memoryTools(kb, project, role)));
  }

  @AfterEach
  void stop() {
    clients.forEach(McpSyncClient::closeGracefully);
    fixture.close();
  }

  private McpSyncClient client(String token, Map<String, String> headers) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + fixture.address.getPort())
            .endpoint("/mcp")
            .httpRequestCustomizer(
                (request, method, uri, body, context) -> {
                  request.header("Authorization", "Bearer " + token);
                  headers.forEach(request::header);
                })
            .build();
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(30))
            .initializationTimeout(Duration.ofSeconds(30))
            .build();
    clients.add(client);
    return client;
  }

  @Test
  void aViewerListsTheToolsAndSearchesButItsWritesAreRefusedAndAudited() {
    McpSyncClient client = client(fixture.viewer, Map.of());
    client.initialize();

    McpSchema.ListToolsResult tools = client.listTools();
    McpSchema.CallToolResult search =
        client.callTool(new McpSchema.CallToolRequest("searchHistory", Map.of("query", "milk")));
    McpSchema.CallToolResult create =
        client.callTool(new McpSchema.CallToolRequest("createThread", Map.of("name", "x")));

    assertThat(tools.tools())
        .extracting(McpSchema.Tool::name)
        .contains("searchHistory", "viewThread", "createThread", "linkMessage");
    assertThat(search.isError()).isFalse();
    assertThat(text(search)).contains("milk");
    assertThat(create.isError()).isTrue();
    assertThat(text(create)).contains("read-only");
    assertThat(fixture.kb.threads().list()).isEmpty();
    assertThat(fixture.kb.decisionAudit().recent(10))
        .filteredOn(d -> d.sessionId().equals("api:viewer"))
        .extracting(PermissionDecision::tool, PermissionDecision::answer)
        .contains(
            org.assertj.core.groups.Tuple.tuple("searchHistory", DecisionAnswer.ALLOWED_BY_POLICY),
            org.assertj.core.groups.Tuple.tuple("createThread", DecisionAnswer.DENIED_BY_POLICY));
  }

  @Test
  void anOperatorChangesBecasMemoryThroughATool() {
    McpSyncClient client = client(fixture.operator, Map.of());
    client.initialize();

    McpSchema.CallToolResult create =
        client.callTool(new McpSchema.CallToolRequest("createThread", Map.of("name", "from mcp")));

    assertThat(create.isError()).isFalse();
    assertThat(fixture.kb.threads().list()).extracting(t -> t.name()).containsExactly("from mcp");
  }

  @Test
  void aWrongTokenIs401ForTheSdkClientAndOnTheWire() throws Exception {
    assertThat(refusedStatus(catchThrowable(() -> client("beca_nope_nope", Map.of()).initialize())))
        .isEqualTo(401);

    HttpResponse<String> response = post(fixture.viewer + "x", Map.of());
    assertError(response, 401, "unauthorized");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(post(null, Map.of()).statusCode()).isEqualTo(401);
    assertThat(fixture.kb.decisionAudit().recent(5))
        .extracting(PermissionDecision::rule)
        .contains("401: unknown token", "401: no token");
  }

  @Test
  void aForeignOriginIs403EvenWithAValidToken() throws Exception {
    assertThat(
            refusedStatus(
                catchThrowable(
                    () ->
                        client(fixture.admin, Map.of("Origin", "http://evil.example"))
                            .initialize())))
        .isEqualTo(403);

    assertError(
        post(fixture.admin, Map.of("Origin", "http://evil.example:" + port())),
        403,
        "forbidden_origin");
    assertError(post(fixture.admin, Map.of("Origin", "null")), 403, "forbidden_origin");
    // The same port on another loopback name is not this server's origin either way round.
    assertError(
        post(fixture.admin, Map.of("Origin", "http://127.0.0.1:" + (port() + 1))),
        403,
        "forbidden_origin");
    assertThat(post(fixture.admin, Map.of("Origin", "http://localhost:" + port())).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aHostThatIsNotTheLoopbackNameIs403() throws Exception {
    String rebound = raw("evil.example:" + port(), fixture.admin);
    String wrongPort = raw("127.0.0.1:1", fixture.admin);
    String own = raw("localhost:" + port(), fixture.admin);

    assertThat(rebound).startsWith("HTTP/1.1 403").contains("\"code\":\"forbidden_host\"");
    assertThat(wrongPort).startsWith("HTTP/1.1 403").contains("forbidden_host");
    assertThat(own).startsWith("HTTP/1.1 200");
    assertThat(fixture.kb.decisionAudit().recent(5))
        .extracting(PermissionDecision::rule)
        .anySatisfy(rule -> assertThat(rule).contains("evil.example"));
  }

  @Test
  void aSessionOpenedWithOneTokenCannotBeUsedWithAnother() throws Exception {
    HttpResponse<String> opened = post(fixture.operator, Map.of());
    String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
    String other =
        fixture
            .kb
            .apiTokens()
            .create("other", AccessRole.OPERATOR, java.util.Optional.empty())
            .secret();

    HttpResponse<String> stolen =
        post(
            other,
            Map.of("Mcp-Session-Id", session),
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");

    assertError(stolen, 404, "unknown_session");
  }

  @Test
  void anIdleSessionExpiresAndIsForgotten(@TempDir Path otherData) throws Exception {
    fixture.close();
    fixture =
        new ServerFixture(
            otherData,
            RateLimits::unlimited,
            BecaServer.DEFAULT_MAX_BODY_BYTES,
            (kb, builder) ->
                builder
                    .mcpTools(role -> ServerFixture.memoryTools(kb, project, role))
                    .mcpSessionIdle(java.time.Duration.ofSeconds(1)));
    String ping = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
    HttpResponse<String> opened = post(fixture.operator, Map.of());
    String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
    post(fixture.operator, Map.of("Mcp-Session-Id", session), INITIALIZED);

    HttpResponse<String> used = post(fixture.operator, Map.of("Mcp-Session-Id", session), ping);
    int openWhileUsed = fixture.server.mcpSessions();
    Thread.sleep(2_500);
    int openAfterIdle = fixture.server.mcpSessions();
    HttpResponse<String> expired = post(fixture.operator, Map.of("Mcp-Session-Id", session), ping);

    assertThat(used.statusCode()).as(used.body()).isEqualTo(200);
    assertThat(openWhileUsed).isEqualTo(1);
    assertThat(openAfterIdle).isZero();
    assertError(expired, 404, "unknown_session");
  }

  private int port() {
    return fixture.address.getPort();
  }

  private HttpResponse<String> post(String token, Map<String, String> headers)
      throws IOException, InterruptedException {
    return post(token, headers, INITIALIZE);
  }

  private HttpResponse<String> post(String token, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        fixture
            .request("/mcp", token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2025-06-18")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return fixture.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request with a Host header of the test's choice (the JDK client does not allow one). */
  private String raw(String host, String token) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("POST /mcp HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: application/json\r\n"
                  + "Accept: application/json, text/event-stream\r\nConnection: close\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static void assertError(HttpResponse<String> response, int status, String code)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("code").asText()).isEqualTo(code);
    assertThat(body.get("problem").asText()).isNotBlank();
    assertThat(body.get("remedy").asText()).isNotBlank();
  }

  private static String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .filter(McpSchema.TextContent.class::isInstance)
        .map(c -> ((McpSchema.TextContent) c).text())
        .reduce("", String::concat);
  }

  /** The HTTP status the SDK's client transport refused with, from the cause chain. */
  private static int refusedStatus(Throwable thrown) {
    for (Throwable c = thrown; c != null; c = c.getCause()) {
      if (c instanceof McpHttpClientTransportAuthorizationException refused) {
        return refused.getResponseInfo().statusCode();
      }
    }
    throw new AssertionError("no refusal by the server in " + thrown, thrown);
  }
}
