package dev.beca.app.internal;

import dev.beca.core.agent.AgentRegistry;
import dev.beca.core.agent.AgentRequestType;
import dev.beca.core.agent.RegisteredAgent;
import dev.beca.selfimprove.spi.ProposalSource;
import dev.beca.server.mcp.McpClientTools;
import dev.beca.server.mcp.McpServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one way the app registers its agents, for {@code beca serve} ({@code GET /agents}) and {@code
 * beca agents}: the assistant ({@code chat}), the self-improvement engine ({@code improve}) and
 * each external MCP server of {@code mcp.toml} ({@code external_tool}, its lent tools as
 * capabilities).
 */
final class AgentDirectory {

  /** What the assistant does without tools. */
  static final List<String> CONVERSATION =
      List.of("chat", "sessions", "threads", "history_search", "thread_summaries", "lessons");

  /** The operations of the self-improvement agent. */
  static final List<String> IMPROVE_OPERATIONS =
      List.of("run", "status", "history", "show", "approve", "reject", "stop", "rollback");

  private AgentDirectory() {}

  /**
   * The registry.
   *
   * @param model the assistant's model, for its status
   * @param assistantTools the names of the assistant's tools (empty when it only talks)
   * @param toolsNote why the assistant has no tools, when it has none
   * @param servers the external MCP servers configured
   * @param lent the names of the tools the servers lent, or empty when they were not started
   * @param problems one line per server that could not be used
   * @return the registry
   */
  static AgentRegistry registry(
      String model,
      List<String> assistantTools,
      String toolsNote,
      List<McpServerConfig> servers,
      Optional<List<String>> lent,
      List<String> problems) {
    AgentRegistry.Builder b = AgentRegistry.builder();
    List<String> capabilities = new ArrayList<>(CONVERSATION);
    assistantTools.stream().map(t -> "tool:" + t).forEach(capabilities::add);
    b.register(
        new RegisteredAgent(
            "assistant",
            AgentRequestType.CHAT,
            "Answers in sessions and threads with the history and lessons"
                + (assistantTools.isEmpty() ? " (no tools: " + toolsNote + ")" : " and tools"),
            capabilities,
            true,
            "ready (model " + model + ")"));
    List<String> sources = new ArrayList<>();
    ServiceLoader.load(ProposalSource.class).forEach(s -> sources.add(s.name()));
    List<String> improve = new ArrayList<>(IMPROVE_OPERATIONS);
    sources.stream().map(s -> "source:" + s).forEach(improve::add);
    b.register(
        new RegisteredAgent(
            "self-improvement",
            AgentRequestType.IMPROVE,
            "Proposes improvements, evaluates each in an isolated git worktree, queues the better"
                + " ones for approval",
            improve,
            !sources.isEmpty(),
            sources.isEmpty()
                ? "no proposal source is installed"
                : "ready (sources: " + String.join(", ", sources) + ")"));
    for (McpServerConfig server : servers) {
      String prefix = McpClientTools.PREFIX + server.name() + "__";
      Optional<String> problem =
          problems.stream()
              .filter(p -> p.startsWith("MCP server " + server.name() + " "))
              .findFirst();
      List<String> tools =
          lent.map(l -> l.stream().filter(t -> t.startsWith(prefix)).toList()).orElse(List.of());
      String status;
      boolean available;
      if (problem.isPresent()) {
        status = problem.get();
        available = false;
      } else if (lent.isEmpty()) {
        status = "configured in mcp.toml, not started (its tools are listed once it runs)";
        available = false;
      } else {
        status = "connected (" + tools.size() + (tools.size() == 1 ? " tool)" : " tools)");
        available = true;
      }
      b.register(
          new RegisteredAgent(
              "mcp:" + server.name(),
              AgentRequestType.EXTERNAL_TOOL,
              "External MCP server '"
                  + server.command()
                  + "' ("
                  + server.kind().name().toLowerCase(java.util.Locale.ROOT)
                  + " tools)",
              tools,
              available,
              status));
    }
    return b.build();
  }
}
