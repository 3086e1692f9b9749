package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {

  private static final ToolSpecification SPEC =
      ToolSpecification.builder()
          .name("run_command")
          .parameters(
              JsonObjectSchema.builder()
                  .addStringProperty("command")
                  .addIntegerProperty("timeout_seconds")
                  .addBooleanProperty("quiet")
                  .required("command")
                  .build())
          .build();

  @Test
  void validArgumentsAreReadByTheirTypes() {
    ToolArguments args =
        ToolArguments.parse(
            SPEC, "{\"command\":\"mvn test\",\"timeout_seconds\":30,\"quiet\":true}");

    assertThat(args.string("command")).isEqualTo("mvn test");
    assertThat(args.optionalInteger("timeout_seconds")).contains(30L);
    assertThat(args.asMap()).containsEntry("quiet", true);
  }

  @Test
  void invalidJsonIsRefusedWithTheExpectedShape() {
    assertThatThrownBy(() -> ToolArguments.parse(SPEC, "{\"command\": mvn"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("\"command\": a string")
        .hasMessageContaining("\"timeout_seconds\": an integer (optional)");
  }

  @Test
  void jsonThatIsNotAnObjectIsRefused() {
    assertThatThrownBy(() -> ToolArguments.parse(SPEC, "[\"mvn test\"]"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> ToolArguments.parse(SPEC, "\"mvn test\""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must be a JSON object");
  }

  @Test
  void missingRequiredFieldIsNamed() {
    assertThatThrownBy(() -> ToolArguments.parse(SPEC, "{}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing field 'command'");
    assertThatThrownBy(() -> ToolArguments.parse(SPEC, "{\"command\": null}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing field 'command'");
  }

  @Test
  void mistypedFieldsAreNamedWithWhatTheyShouldBe() {
    assertThatThrownBy(
            () -> ToolArguments.parse(SPEC, "{\"command\": 5, \"timeout_seconds\": \"30\"}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("field 'command' must be a string, was a number")
        .hasMessageContaining("field 'timeout_seconds' must be an integer, was a string")
        .hasMessageNotContaining("missing field 'command'");
    assertThatThrownBy(
            () -> ToolArguments.parse(SPEC, "{\"command\": \"x\", \"timeout_seconds\": 1.5}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must be an integer, was a number");
  }

  @Test
  void unknownFieldIsRefusedSoATypoIsNotSilentlyIgnored() {
    assertThatThrownBy(() -> ToolArguments.parse(SPEC, "{\"command\": \"ls\", \"comand\": \"rm\"}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown field 'comand'");
  }

  @Test
  void blankArgumentsMeanAnEmptyObject() {
    ToolSpecification noArgs = ToolSpecification.builder().name("git_status").build();

    assertThat(ToolArguments.parse(noArgs, "").asMap()).isEmpty();
    assertThat(ToolArguments.parse(noArgs, null).asMap()).isEmpty();
    assertThatThrownBy(() -> ToolArguments.parse(noArgs, "{\"x\":1}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("{} (no arguments)");
  }

  private static final ToolSpecification RICH =
      ToolSpecification.builder()
          .name("mcp__files__search")
          .parameters(
              JsonObjectSchema.builder()
                  .addNumberProperty("threshold")
                  .addEnumProperty("mode", java.util.List.of("fast", "exact"))
                  .addProperty(
                      "paths",
                      dev.langchain4j.model.chat.request.json.JsonArraySchema.builder()
                          .items(new dev.langchain4j.model.chat.request.json.JsonStringSchema())
                          .build())
                  .addProperty("options", JsonObjectSchema.builder().build())
                  .build())
          .build();

  @Test
  void numbersEnumsArraysAndObjectsArePassedOnAsPlainValues() {
    ToolArguments args =
        ToolArguments.parse(
            RICH,
            "{\"threshold\":0.5,\"mode\":\"fast\",\"paths\":[\"a\",\"b\"],"
                + "\"options\":{\"depth\":2}}");

    assertThat(args.asMap())
        .containsEntry("threshold", 0.5)
        .containsEntry("mode", "fast")
        .containsEntry("paths", java.util.List.of("a", "b"))
        .containsEntry("options", java.util.Map.of("depth", 2));
  }

  @Test
  void aValueOutsideTheEnumOrOfAnotherShapeIsRefusedNamingTheChoices() {
    assertThatThrownBy(() -> ToolArguments.parse(RICH, "{\"mode\":\"slow\",\"paths\":\"a\"}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("field 'mode' must be one of [fast, exact]")
        .hasMessageContaining("field 'paths' must be an array, was a string");
  }
}
