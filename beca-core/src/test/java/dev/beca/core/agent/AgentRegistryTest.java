package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentRegistryTest {

  private static RegisteredAgent agent(
      String name, AgentRequestType type, boolean available, String... capabilities) {
    return new RegisteredAgent(
        name, type, "does things", List.of(capabilities), available, available ? "ready" : "down");
  }

  private final AgentRegistry registry =
      AgentRegistry.builder()
          .register(agent("assistant", AgentRequestType.CHAT, true, "chat"))
          .register(agent("self-improvement", AgentRequestType.IMPROVE, false, "run"))
          .register(agent("mcp:down", AgentRequestType.EXTERNAL_TOOL, false, "mcp__down__read"))
          .register(
              agent("mcp:files", AgentRequestType.EXTERNAL_TOOL, true, "mcp__files__read_file"))
          .build();

  @Test
  void aChatRequestGoesToTheAssistant() {
    assertThat(registry.route(AgentRequestType.CHAT, "").name()).isEqualTo("assistant");
  }

  @Test
  void anExternalToolCallGoesToTheAvailableAgentThatListsTheTool() {
    assertThat(registry.route(AgentRequestType.EXTERNAL_TOOL, "mcp__files__read_file").name())
        .isEqualTo("mcp:files");
    assertThatThrownBy(() -> registry.route(AgentRequestType.EXTERNAL_TOOL, "mcp__down__read"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("mcp__down__read");
  }

  @Test
  void anUnavailableAgentIsNotRoutedToAndTheRefusalSaysWhy() {
    assertThatThrownBy(() -> registry.route(AgentRequestType.IMPROVE, ""))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("self-improvement (down)");
  }

  @Test
  void agentsAreListedInTheOrderRegisteredAndNamesAreUnique() {
    assertThat(registry.agents())
        .extracting(RegisteredAgent::name)
        .containsExactly("assistant", "self-improvement", "mcp:down", "mcp:files");
    assertThat(registry.agents(AgentRequestType.EXTERNAL_TOOL)).hasSize(2);
    assertThatThrownBy(
            () ->
                AgentRegistry.builder()
                    .register(agent("a", AgentRequestType.CHAT, true))
                    .register(agent("a", AgentRequestType.IMPROVE, true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'");
  }

  @Test
  void requestTypesParseFromTheirKeys() {
    assertThat(AgentRequestType.parse("external-tool")).isEqualTo(AgentRequestType.EXTERNAL_TOOL);
    assertThat(AgentRequestType.parse("chat")).isEqualTo(AgentRequestType.CHAT);
    assertThatThrownBy(() -> AgentRequestType.parse("sing"))
        .isInstanceOf(InvalidInputException.class);
  }
}
