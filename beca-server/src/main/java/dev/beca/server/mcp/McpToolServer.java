package dev.beca.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.agent.ToolResult;
import dev.beca.core.agent.ToolRunner;
import dev.beca.server.internal.McpJsonSchemas;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * BECA's tools served to other agents over the Model Context Protocol (the official MCP Java SDK).
 * Each tool of a {@link ToolRunner} is listed with its JSON schema, and every call goes through
 * that runner, exactly as the assistant's own calls do: arguments checked against the schema, the
 * risk classified, the permission policy applied (an "ask" that nobody can answer here is a
 * denial), the decision audited under the given session, secrets refused on the way in and redacted
 * on the way out. A refused or failed call is an MCP tool result with {@code isError} set and the
 * reason as its text, never a protocol error.
 *
 * <pre>{@code
 * try (McpToolServer server = McpToolServer.stdio(runner, "mcp-" + id, System.in, System.out, "0.1.0")) {
 *   server.awaitClientGone();
 * }
 * }</pre>
 */
public final class McpToolServer implements AutoCloseable {

  /** The name BECA gives itself to MCP clients. */
  public static final String SERVER_NAME = "beca";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final McpSyncServer server;
  private final CountDownLatch inputEnded;

  private McpToolServer(McpSyncServer server, CountDownLatch inputEnded) {
    this.server = server;
    this.inputEnded = inputEnded;
  }

  /**
   * Serves the runner's tools on a pair of streams, one JSON-RPC message per line (the stdio
   * transport: a client starts {@code beca mcp} and talks to its standard input and output).
   *
   * @param runner the tools and their policy
   * @param sessionId the session the calls are audited under
   * @param in where the client's messages arrive
   * @param out where the answers go; nothing else may be written to it
   * @param version BECA's version, told to the client
   * @return the running server
   */
  public static McpToolServer stdio(
      ToolRunner runner, String sessionId, InputStream in, OutputStream out, String version) {
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(sessionId, "sessionId");
    CountDownLatch ended = new CountDownLatch(1);
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(
            McpJsonDefaults.getMapper(), new EndAwareInput(in, ended), out);
    McpSyncServer server =
        offer(McpServer.sync(transport), toolSpecifications(runner, sessionId), version).build();
    return new McpToolServer(server, ended);
  }

  /**
   * Serves the runner's tools over the streamable HTTP transport ({@code beca serve} mounts the
   * SDK's servlet transport at {@code /mcp}); the same tools, schemas and policy as {@link #stdio}.
   *
   * @param transport the transport provider, e.g. the SDK's {@code
   *     HttpServletStreamableServerTransportProvider}
   * @param runner the tools and their policy
   * @param sessionOf the session a call is audited under, from the call's exchange (its transport
   *     context carries what the HTTP layer learnt, e.g. the token's name)
   * @param version BECA's version, told to the client
   * @return the running server; {@link McpSyncServer#closeGracefully()} stops it
   */
  public static McpSyncServer streamable(
      McpStreamableServerTransportProvider transport,
      ToolRunner runner,
      Function<McpSyncServerExchange, String> sessionOf,
      String version) {
    Objects.requireNonNull(transport, "transport");
    return offer(McpServer.sync(transport), toolSpecifications(runner, sessionOf), version).build();
  }

  /** One way to describe BECA as an MCP server, whatever the transport. */
  private static <S extends McpServer.SyncSpecification<S>> S offer(
      S spec, List<SyncToolSpecification> tools, String version) {
    spec.serverInfo(SERVER_NAME, version);
    spec.capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
    spec.tools(tools);
    return spec;
  }

  /**
   * The runner's tools as MCP tool specifications whose calls go through the runner; for serving
   * them over another transport (streamable HTTP).
   *
   * @param runner the tools and their policy
   * @param sessionId the session the calls are audited under
   * @return one specification per tool
   */
  public static List<SyncToolSpecification> toolSpecifications(
      ToolRunner runner, String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return toolSpecifications(runner, exchange -> sessionId);
  }

  /**
   * The runner's tools as MCP tool specifications, each call audited under the session its exchange
   * names (e.g. the token of the HTTP request that carried it).
   *
   * @param runner the tools and their policy
   * @param sessionOf the session of a call, from its exchange
   * @return one specification per tool
   */
  public static List<SyncToolSpecification> toolSpecifications(
      ToolRunner runner, Function<McpSyncServerExchange, String> sessionOf) {
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(sessionOf, "sessionOf");
    return runner.specifications().stream()
        .map(spec -> specification(runner, sessionOf, spec))
        .toList();
  }

  private static SyncToolSpecification specification(
      ToolRunner runner,
      Function<McpSyncServerExchange, String> sessionOf,
      ToolSpecification spec) {
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name(spec.name())
            .description(spec.description() == null ? spec.name() : spec.description())
            .inputSchema(McpJsonSchemas.toMap(spec.parameters()))
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler((exchange, request) -> call(runner, sessionOf.apply(exchange), request))
        .build();
  }

  private static McpSchema.CallToolResult call(
      ToolRunner runner, String sessionId, McpSchema.CallToolRequest request) {
    Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
    String json;
    try {
      json = JSON.writeValueAsString(arguments);
    } catch (JsonProcessingException e) {
      return McpSchema.CallToolResult.builder()
          .addTextContent("Error: the arguments could not be read: " + e.getOriginalMessage())
          .isError(true)
          .build();
    }
    ToolResult result = runner.run(sessionId, request.name(), json);
    return McpSchema.CallToolResult.builder()
        .addTextContent(result.text())
        .isError(!result.success())
        .build();
  }

  /**
   * Waits until the client closes its end of the input (it went away).
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public void awaitClientGone() throws InterruptedException {
    inputEnded.await();
  }

  /** Stops serving. */
  @Override
  public void close() {
    server.closeGracefully();
  }

  /** Counts the latch down when the input ends, so that the caller knows the client is gone. */
  private static final class EndAwareInput extends FilterInputStream {
    private final CountDownLatch ended;

    EndAwareInput(InputStream in, CountDownLatch ended) {
      super(in);
      this.ended = ended;
    }

    @Override
    public int read() throws IOException {
      try {
        return ended(super.read());
      } catch (IOException e) {
        ended.countDown();
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return ended(super.read(b, off, len));
      } catch (IOException e) {
        ended.countDown();
        throw e;
      }
    }

    private int ended(int n) {
      if (n < 0) {
        ended.countDown();
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      ended.countDown();
      super.close();
    }
  }
}
