package dev.beca.server.internal;

import dev.beca.core.BecaException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.agent.AgentRegistry;
import dev.beca.core.agent.AgentRequestType;
import dev.beca.core.agent.RegisteredAgent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent registry's endpoints: {@code GET /agents} lists the registered agents with their
 * capabilities and which one each type of request goes to; {@code GET /agents/route} routes one
 * request by its type (and, for an external tool, the tool's name).
 */
public final class AgentRoutes {

  private final AgentRegistry agents;

  /**
   * The routes over the ports' registry.
   *
   * @param ports what the server was handed
   */
  public AgentRoutes(ServerPorts ports) {
    this.agents = ports.agents();
  }

  /** The routes; none when the server has no registry. */
  public List<Route> routes() {
    if (agents == null) {
      return List.of();
    }
    return List.of(
        ImprovementRoutes.route(
            "GET",
            "/agents",
            AccessRole.VIEWER,
            Optional.empty(),
            "The registered agents (assistant, self-improvement, external MCP servers) with their"
                + " capabilities, and the agent each request type goes to.",
            List.of(),
            null,
            200,
            r -> {
              Map<String, Object> routing = new LinkedHashMap<>();
              for (AgentRequestType type : AgentRequestType.values()) {
                if (type == AgentRequestType.EXTERNAL_TOOL) {
                  continue;
                }
                String chosen;
                try {
                  chosen = agents.route(type, "").name();
                } catch (BecaException e) {
                  chosen = null;
                }
                routing.put(type.key(), chosen);
              }
              Map<String, Object> answer = new LinkedHashMap<>();
              answer.put("agents", agents.agents().stream().map(AgentRoutes::agent).toList());
              answer.put("routing", routing);
              return answer;
            }),
        ImprovementRoutes.route(
            "GET",
            "/agents/route",
            AccessRole.VIEWER,
            Optional.empty(),
            "The agent a request goes to, by its type (chat, improve, external_tool; a tool name for"
                + " external_tool); 404 when no available agent takes it.",
            List.of(
                new Route.QueryParam("type", "string", "chat, improve or external_tool (required)"),
                new Route.QueryParam("tool", "string", "the tool's name, for external_tool")),
            null,
            200,
            r -> {
              AgentRequestType type =
                  AgentRequestType.parse(
                      r.query("type")
                          .orElseThrow(
                              () ->
                                  ApiException.badRequest(
                                      "invalid_query",
                                      "The parameter type is missing.",
                                      "Add ?type=chat, improve or external_tool.")));
              String tool = r.query("tool").orElse("");
              if (type == AgentRequestType.EXTERNAL_TOOL && tool.isEmpty()) {
                throw ApiException.badRequest(
                    "invalid_query",
                    "An external_tool request needs the parameter tool.",
                    "Add &tool=NAME (GET /agents lists each agent's tools).");
              }
              return Map.of("type", type.key(), "agent", agent(agents.route(type, tool)));
            }));
  }

  /** An agent as the API and {@code beca agents --json} show it. */
  static Map<String, Object> agent(RegisteredAgent a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    m.put("handles", a.handles().key());
    m.put("description", a.description());
    m.put("capabilities", a.capabilities());
    m.put("available", a.available());
    m.put("status", a.status());
    return m;
  }
}
