package dev.beca.core.agent;

import dev.beca.core.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The agents BECA can hand requests to, with their capabilities: the conversational assistant
 * ({@link AgentRequestType#CHAT}), the self-improvement engine ({@link AgentRequestType#IMPROVE})
 * and the external MCP servers configured for the agent ({@link AgentRequestType#EXTERNAL_TOOL}). A
 * request is routed by its type: a chat or improvement request to the first available agent of that
 * type (in the order registered), an external tool call to the available agent that lists the tool.
 * Immutable and thread-safe; build one with {@link #builder()}.
 *
 * <pre>{@code
 * AgentRegistry registry = AgentRegistry.builder()
 *     .register(new RegisteredAgent("assistant", AgentRequestType.CHAT, "answers", tools, true, "ready"))
 *     .build();
 * RegisteredAgent chat = registry.route(AgentRequestType.CHAT, "");
 * }</pre>
 */
public final class AgentRegistry {

  private final Map<String, RegisteredAgent> agents;

  private AgentRegistry(Map<String, RegisteredAgent> agents) {
    this.agents = agents;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every registered agent, in the order registered. */
  public List<RegisteredAgent> agents() {
    return List.copyOf(agents.values());
  }

  /** The agents that take one type of request, in the order registered. */
  public List<RegisteredAgent> agents(AgentRequestType type) {
    Objects.requireNonNull(type, "type");
    return agents.values().stream().filter(a -> a.handles() == type).toList();
  }

  /** The agent with this name. */
  public Optional<RegisteredAgent> find(String name) {
    return Optional.ofNullable(agents.get(name));
  }

  /**
   * The agent a request goes to.
   *
   * @param type the request's type
   * @param tool for {@link AgentRequestType#EXTERNAL_TOOL}, the tool's name; ignored otherwise
   * @return the agent
   * @throws NotFoundException when no available agent takes the request, saying which are known
   */
  public RegisteredAgent route(AgentRequestType type, String tool) {
    Objects.requireNonNull(type, "type");
    List<RegisteredAgent> candidates = agents(type);
    Optional<RegisteredAgent> chosen =
        candidates.stream()
            .filter(RegisteredAgent::available)
            .filter(a -> type != AgentRequestType.EXTERNAL_TOOL || a.capabilities().contains(tool))
            .findFirst();
    return chosen.orElseThrow(
        () ->
            new NotFoundException(
                candidates.isEmpty()
                    ? "No agent takes " + type.key() + " requests here."
                    : type == AgentRequestType.EXTERNAL_TOOL
                        ? "No available external agent provides the tool '" + tool + "'."
                        : "No "
                            + type.key()
                            + " agent is available: "
                            + candidates.stream()
                                .map(a -> a.name() + " (" + a.status() + ")")
                                .toList()
                            + ".",
                type == AgentRequestType.EXTERNAL_TOOL
                    ? "List the agents and their tools (GET /agents, beca agents); external agents"
                        + " are configured in mcp.toml in the data directory."
                    : "List the agents (GET /agents, beca agents) and start what is missing."));
  }

  /** Builds an {@link AgentRegistry}. */
  public static final class Builder {
    private final List<RegisteredAgent> agents = new ArrayList<>();

    private Builder() {}

    /**
     * Registers an agent.
     *
     * @throws IllegalArgumentException when an agent with the same name is registered already
     */
    public Builder register(RegisteredAgent agent) {
      Objects.requireNonNull(agent, "agent");
      if (agents.stream().anyMatch(a -> a.name().equals(agent.name()))) {
        throw new IllegalArgumentException(
            "agent names must be unique, was '" + agent.name() + "'");
      }
      agents.add(agent);
      return this;
    }

    /** The registry. */
    public AgentRegistry build() {
      Map<String, RegisteredAgent> byName = new LinkedHashMap<>();
      agents.forEach(a -> byName.put(a.name(), a));
      return new AgentRegistry(byName);
    }
  }
}
