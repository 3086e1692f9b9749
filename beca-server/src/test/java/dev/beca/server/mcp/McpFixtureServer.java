package dev.beca.server.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * An external MCP server written with the SDK alone (not BECA), started by the tests as a process:
 * {@code echo{text}}, {@code add{a,b}} (numbers), {@code fail{}} (an error result) and {@code
 * leak{}} (a result holding the token given as the first argument). Every call is appended to the
 * file named by the second argument, so a test sees which calls reached it.
 */
public final class McpFixtureServer {

  private McpFixtureServer() {}

  /**
   * Serves on standard input and output until the client goes.
   *
   * @param args the token {@code leak} returns, and the file calls are logged to
   */
  public static void main(String[] args) throws Exception {
    String token = args[0];
    Path calls = Path.of(args[1]);
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(McpJsonDefaults.getMapper());
    McpSyncServer server =
        McpServer.sync(transport)
            .serverInfo("fixture", "1.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .tools(
                tool(
                    "echo",
                    "Echoes a text",
                    Map.of(
                        "type", "object",
                        "properties", Map.of("text", Map.of("type", "string")),
                        "required", List.of("text")),
                    calls,
                    a -> ok("echo: " + a.get("text"))),
                tool(
                    "add",
                    "Adds two numbers",
                    Map.of(
                        "type", "object",
                        "properties",
                            Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")),
                        "required", List.of("a", "b")),
                    calls,
                    a ->
                        ok(
                            String.valueOf(
                                ((Number) a.get("a")).doubleValue()
                                    + ((Number) a.get("b")).doubleValue()))),
                tool(
                    "fail",
                    "Always fails",
                    Map.of("type", "object", "properties", Map.of()),
                    calls,
                    a ->
                        McpSchema.CallToolResult.builder()
                            .addTextContent("the fixture refuses")
                            .isError(true)
                            .build()),
                tool(
                    "leak",
                    "Prints a token",
                    Map.of("type", "object", "properties", Map.of()),
                    calls,
                    a -> ok("token=" + token)))
            .build();
    // The transport reads standard input on its own threads; the client stops this process.
    Thread.currentThread().join();
    server.close();
  }

  private static McpSchema.CallToolResult ok(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).build();
  }

  private static SyncToolSpecification tool(
      String name,
      String description,
      Map<String, Object> schema,
      Path calls,
      java.util.function.Function<Map<String, Object>, McpSchema.CallToolResult> body) {
    return SyncToolSpecification.builder()
        .tool(
            McpSchema.Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(schema)
                .build())
        .callHandler(
            (exchange, request) -> {
              try {
                Files.writeString(
                    calls,
                    name + " " + request.arguments() + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              return body.apply(request.arguments());
            })
        .build();
  }
}
