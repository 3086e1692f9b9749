package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.beca.app.BecaJar.Result;
import dev.beca.core.testkit.OllamaLoopbackServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP over streamable HTTP at {@code /mcp} of {@code beca serve} from the built jar: the SDK's HTTP
 * client with a viewer token made by {@code beca tokens create} lists {@code beca mcp}'s tools,
 * searches, and is refused a write (read-only); a foreign Origin is refused; all audited.
 */
class ServeMcpJarIT {

  private static final Pattern URL =
      Pattern.compile("BECA serves on (http://127\\.0\\.0\\.1:\\d+)/");

  @TempDir Path home;
  @TempDir Path dataDir;
  private OllamaLoopbackServer ollama;
  private Process serve;

  @BeforeEach
  void startOllama() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
  }

  @AfterEach
  void stop() throws Exception {
    if (serve != null && serve.isAlive()) {
      serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    ollama.close();
  }

  @Test
  void anMcpClientWithAViewerTokenUsesBecasToolsReadOnly() throws Exception {
    BecaJar jar = new BecaJar(home);
    serve =
        jar.start(
            Map.of(),
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--ollama-url",
            ollama.baseUrl());
    String base = baseUrl(serve);
    Result created =
        jar.run(
            "",
            Map.of(),
            "tokens",
            "create",
            "--role",
            "viewer",
            "--name",
            "agent",
            "--data-dir",
            dataDir.toString());
    assertThat(created.exitCode()).as(created.toString()).isZero();
    String token = created.stdout().strip();

    McpSyncClient client = client(base, token, Map.of());
    try {
      client.initialize();
      McpSchema.ListToolsResult tools = client.listTools();
      McpSchema.CallToolResult search =
          client.callTool(new McpSchema.CallToolRequest("searchHistory", Map.of("query", "x")));
      McpSchema.CallToolResult create =
          client.callTool(new McpSchema.CallToolRequest("createThread", Map.of("name", "no")));

      assertThat(tools.tools())
          .extracting(McpSchema.Tool::name)
          .contains("searchHistory", "createThread", "listModels", "scanText");
      assertThat(search.isError()).isFalse();
      assertThat(create.isError()).isTrue();
    } finally {
      client.closeGracefully();
    }
    McpSyncClient foreign = client(base, token, Map.of("Origin", "http://evil.example"));
    try {
      assertThat(refusedStatus(catchThrowable(foreign::initialize))).isEqualTo(403);
    } finally {
      foreign.closeGracefully();
    }

    serve.destroy();
    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Result audit = jar.run("", Map.of(), "audit", "--json", "--data-dir", dataDir.toString());
    assertThat(audit.stdout())
        .contains("api:agent")
        .contains("searchHistory")
        .contains("createThread")
        .contains("foreign Origin");
  }

  private static McpSyncClient client(String base, String token, Map<String, String> headers) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(base)
            .endpoint("/mcp")
            .httpRequestCustomizer(
                (request, method, uri, body, context) -> {
                  request.header("Authorization", "Bearer " + token);
                  headers.forEach(request::header);
                })
            .build();
    return McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(60))
        .initializationTimeout(Duration.ofSeconds(60))
        .build();
  }

  private static String baseUrl(Process serve) throws IOException {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    BecaJar.pump(serve.getErrorStream(), stderr, new AtomicLong());
    BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder printed = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      printed.append(line).append('\n');
      Matcher m = URL.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("beca serve printed no address: " + printed + " / " + stderr);
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
