package dev.beca.app.internal;

import dev.beca.core.agent.AgentRegistry;
import dev.beca.core.agent.AgentRequestType;
import dev.beca.core.agent.RegisteredAgent;
import dev.beca.server.mcp.McpClientTools;
import dev.beca.server.mcp.McpServerConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beca agents}: the agent registry, as {@code GET /agents} shows it: the assistant, the
 * self-improvement agent and the external MCP servers of {@code mcp.toml}, with their capabilities
 * and which agent each type of request goes to.
 */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = {
      "List the registered agents (assistant, self-improvement, external MCP servers) with their",
      "capabilities, and the agent each request type (chat, improve, external tool) goes to."
    },
    footer = {"", "Exit codes: 0 listed, 1 a failure, 2 invalid options."})
public final class AgentsCommand implements Callable<Integer> {

  private final Startup startup;

  @Mixin AppOptions options;

  @Option(names = "--json", description = "Print the registry as one JSON document.")
  boolean json;

  @Option(
      names = "--connect",
      description = "Start the external MCP servers to list their tools (then stop them).")
  boolean connect;

  /**
   * Creates the command.
   *
   * @param startup the start-up path
   */
  public AgentsCommand(Startup startup) {
    this.startup = startup;
  }

  @Override
  public Integer call() {
    try (AppContext app = startup.open(options)) {
      List<McpServerConfig> servers =
          McpServerConfig.load(app.dataDirectory().resolve(ChatAgent.MCP_SERVERS_FILE));
      List<String> problems = new ArrayList<>();
      Optional<List<String>> lent = Optional.empty();
      if (connect && !servers.isEmpty()) {
        try (McpClientTools tools =
            McpClientTools.connect(servers, ChatAgent.MCP_TIMEOUT, problems::add)) {
          lent = Optional.of(tools.tools().stream().map(t -> t.specification().name()).toList());
        }
      }
      AgentRegistry registry =
          AgentDirectory.registry(
              options.modelOverride(startup.env()).orElse("the active general model"),
              List.of(),
              "beca chat and beca serve --project give it the project's tools",
              servers,
              lent,
              problems);
      PrintWriter out = startup.terminal().out();
      out.println(json ? BenchmarkCommand.json(document(registry)) : text(registry));
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static Map<String, Object> document(AgentRegistry registry) {
    List<Map<String, Object>> agents = new ArrayList<>();
    for (RegisteredAgent a : registry.agents()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", a.name());
      m.put("handles", a.handles().key());
      m.put("description", a.description());
      m.put("capabilities", a.capabilities());
      m.put("available", a.available());
      m.put("status", a.status());
      agents.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("agents", agents);
    doc.put("routing", routing(registry));
    return doc;
  }

  private static Map<String, Object> routing(AgentRegistry registry) {
    Map<String, Object> routing = new LinkedHashMap<>();
    for (AgentRequestType type : List.of(AgentRequestType.CHAT, AgentRequestType.IMPROVE)) {
      String chosen;
      try {
        chosen = registry.route(type, "").name();
      } catch (dev.beca.core.BecaException e) {
        chosen = null;
      }
      routing.put(type.key(), chosen);
    }
    return routing;
  }

  private static String text(AgentRegistry registry) {
    StringBuilder text = new StringBuilder();
    for (RegisteredAgent a : registry.agents()) {
      text.append(a.name())
          .append("  ")
          .append(a.handles().key())
          .append("  ")
          .append(a.available() ? "available" : "unavailable")
          .append(": ")
          .append(a.status())
          .append("\n    ")
          .append(a.description())
          .append("\n    capabilities: ")
          .append(a.capabilities().isEmpty() ? "-" : String.join(", ", a.capabilities()))
          .append('\n');
    }
    Map<String, Object> routing = routing(registry);
    text.append("routing: chat -> ")
        .append(Optional.ofNullable(routing.get("chat")).orElse("none"))
        .append(", improve -> ")
        .append(Optional.ofNullable(routing.get("improve")).orElse("none"))
        .append(", external tools -> the mcp: agent that lists the tool");
    return text.toString();
  }
}
