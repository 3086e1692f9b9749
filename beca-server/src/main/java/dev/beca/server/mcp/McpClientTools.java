package dev.beca.server.mcp;

import dev.beca.core.BecaException;
import dev.beca.core.agent.ActionKind;
import dev.beca.core.agent.AgentTool;
import dev.beca.core.agent.ToolAction;
import dev.beca.core.agent.ToolArguments;
import dev.beca.core.agent.ToolResult;
import dev.beca.server.internal.McpJsonSchemas;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools of external MCP servers, lent to BECA's agent: each configured server is started (the
 * stdio transport of the official MCP Java SDK), its tools are listed and offered as {@link
 * AgentTool}s named {@code mcp__<server>__<tool>}, so that they run through the same {@code
 * ToolRunner} as BECA's own tools: schema check, the risk of the kind the user declared for the
 * server, the permission policy, the audit, and the secret filter (arguments carrying a secret are
 * refused before they leave BECA; results are redacted).
 *
 * <p>A server that cannot be started or listed is reported to {@code problems} and left out; the
 * others still serve. {@link #close()} stops every server.
 */
public final class McpClientTools implements AutoCloseable {

  /** The prefix of every lent tool's name. */
  public static final String PREFIX = "mcp__";

  private static final Logger LOG = LoggerFactory.getLogger(McpClientTools.class);

  private final List<McpSyncClient> clients;
  private final List<AgentTool> tools;

  private McpClientTools(List<McpSyncClient> clients, List<AgentTool> tools) {
    this.clients = clients;
    this.tools = tools;
  }

  /**
   * Starts the servers and lists their tools.
   *
   * @param servers the configured servers
   * @param timeout how long starting a server and each call may take
   * @param problems told, in one line each, about a server that could not be used
   * @return the tools of the servers that answered
   */
  public static McpClientTools connect(
      List<McpServerConfig> servers, Duration timeout, Consumer<String> problems) {
    Objects.requireNonNull(servers, "servers");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(problems, "problems");
    List<McpSyncClient> clients = new ArrayList<>();
    List<AgentTool> tools = new ArrayList<>();
    for (McpServerConfig server : servers) {
      McpSyncClient client = null;
      Optional<String> missing = missingProgram(server.command());
      if (missing.isPresent()) {
        problems.accept(
            "MCP server " + server.name() + " could not be used: " + missing.get() + " (mcp.toml)");
        continue;
      }
      try {
        ServerParameters parameters =
            ServerParameters.builder(server.command())
                .args(server.args())
                .env(server.env())
                .build();
        StdioClientTransport transport =
            new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(line -> LOG.debug("MCP server {}: {}", server.name(), line));
        client =
            McpClient.sync(transport)
                .requestTimeout(timeout)
                .initializationTimeout(timeout)
                .clientInfo(new McpSchema.Implementation("beca", "BECA", "1"))
                .build();
        client.initialize();
        for (McpSchema.Tool tool : client.listTools().tools()) {
          tools.add(new LentTool(server, client, tool));
        }
        clients.add(client);
      } catch (RuntimeException e) {
        LOG.warn("The MCP server {} ({}) could not be used", server.name(), server.command(), e);
        problems.accept(
            "MCP server "
                + server.name()
                + " could not be used: "
                + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName())
                + " (check its command in mcp.toml)");
        if (client != null) {
          client.closeGracefully();
        }
      }
    }
    return new McpClientTools(List.copyOf(clients), List.copyOf(tools));
  }

  /** Why a server's program cannot start, found before the SDK waits for it in vain. */
  private static Optional<String> missingProgram(String command) {
    if (command.contains("/")) {
      return Files.isExecutable(Path.of(command))
          ? Optional.empty()
          : Optional.of("the program " + command + " does not exist or is not executable");
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String folder : path.split(java.io.File.pathSeparator)) {
      if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, command))) {
        return Optional.empty();
      }
    }
    return Optional.of("the program '" + command + "' is not on the PATH");
  }

  /** The lent tools. */
  public List<AgentTool> tools() {
    return tools;
  }

  /** Stops every server. */
  @Override
  public void close() {
    for (McpSyncClient client : clients) {
      try {
        client.closeGracefully();
      } catch (RuntimeException e) {
        LOG.debug("Closing an MCP client failed", e);
      }
    }
  }

  /** One tool of an external server. */
  private static final class LentTool implements AgentTool {
    private final McpServerConfig server;
    private final McpSyncClient client;
    private final String remoteName;
    private final ToolSpecification spec;

    LentTool(McpServerConfig server, McpSyncClient client, McpSchema.Tool tool) {
      this.server = server;
      this.client = client;
      this.remoteName = tool.name();
      this.spec =
          ToolSpecification.builder()
              .name(PREFIX + server.name() + "__" + tool.name())
              .description(
                  "[MCP server "
                      + server.name()
                      + "] "
                      + Optional.ofNullable(tool.description()).orElse(tool.name()))
              .parameters(McpJsonSchemas.toObjectSchema(tool.inputSchema()))
              .build();
    }

    @Override
    public ToolSpecification specification() {
      return spec;
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      // What leaves BECA is checked for secrets like a file write's content.
      String sent = arguments.asMap().toString();
      return new ToolAction(
          server.kind(),
          List.of(),
          server.kind() == ActionKind.COMMAND
              ? Optional.of("mcp " + server.name() + " " + remoteName)
              : Optional.empty(),
          Optional.of(sent));
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      McpSchema.CallToolResult result;
      try {
        result = client.callTool(new McpSchema.CallToolRequest(remoteName, arguments.asMap()));
      } catch (BecaException e) {
        throw e;
      } catch (RuntimeException e) {
        return ToolResult.error(
            "The MCP server "
                + server.name()
                + " failed on "
                + remoteName
                + ": "
                + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
      }
      String text =
          result.content() == null
              ? ""
              : result.content().stream()
                  .map(
                      c ->
                          c instanceof McpSchema.TextContent t
                              ? t.text()
                              : "[" + c.type() + " content]")
                  .collect(Collectors.joining("\n"));
      if (Boolean.TRUE.equals(result.isError())) {
        return ToolResult.error(text.isBlank() ? remoteName + " failed" : text);
      }
      String first = text.strip().lines().findFirst().orElse("");
      return ToolResult.ok(
          text,
          server.name()
              + "/"
              + remoteName
              + ": "
              + (first.length() <= 100 ? first : first.substring(0, 97) + "..."));
    }
  }
}
