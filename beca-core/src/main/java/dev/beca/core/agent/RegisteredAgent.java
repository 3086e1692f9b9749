package dev.beca.core.agent;

import java.util.List;
import java.util.Objects;

/**
 * One agent BECA can hand a request to, as the {@link AgentRegistry} lists it.
 *
 * @param name a unique name ({@code assistant}, {@code self-improvement}, {@code mcp:<server>})
 * @param handles the type of request it takes
 * @param description what it does, one line
 * @param capabilities what it can do: the assistant's tools, the improvement operations, an
 *     external server's tools (names)
 * @param available whether it can take a request now
 * @param status why it is or is not available, in words
 */
public record RegisteredAgent(
    String name,
    AgentRequestType handles,
    String description,
    List<String> capabilities,
    boolean available,
    String status) {

  /** Checks and copies the components. */
  public RegisteredAgent {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Objects.requireNonNull(handles, "handles");
    Objects.requireNonNull(description, "description");
    capabilities = List.copyOf(capabilities);
    Objects.requireNonNull(status, "status");
  }
}
