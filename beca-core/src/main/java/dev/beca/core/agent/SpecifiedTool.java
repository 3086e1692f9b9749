package dev.beca.core.agent;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

/** A tool whose specification is built once from its name, description and parameters. */
abstract class SpecifiedTool implements AgentTool {

  private final ToolSpecification spec;

  SpecifiedTool(String name, String description, JsonObjectSchema parameters) {
    this.spec =
        ToolSpecification.builder()
            .name(name)
            .description(description)
            .parameters(parameters)
            .build();
  }

  @Override
  public ToolSpecification specification() {
    return spec;
  }
}
