package dev.beca.core.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * One tool call a scripted {@link OllamaReply} makes. Ollama sends the arguments as a JSON object,
 * not as a string as OpenAI does.
 *
 * @param name the function name, e.g. {@code get_weather}
 * @param arguments the arguments object, e.g. {@code {"city":"Paris"}}
 */
public record OllamaToolCall(String name, ObjectNode arguments) {

  /**
   * Checks the fields and keeps a private copy of the arguments.
   *
   * @param name see the record component
   * @param arguments see the record component
   */
  public OllamaToolCall {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("tool name is blank");
    }
    arguments = Objects.requireNonNull(arguments, "arguments").deepCopy();
  }

  /**
   * Returns a call whose arguments are given as JSON text.
   *
   * @param name the function name
   * @param argumentsJson a JSON object, e.g. {@code {"city":"Paris"}}
   * @return the call
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  public static OllamaToolCall of(String name, String argumentsJson) {
    JsonNode parsed;
    try {
      parsed = OllamaJson.MAPPER.readTree(argumentsJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("arguments are not JSON: " + argumentsJson, e);
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw new IllegalArgumentException("arguments must be a JSON object: " + argumentsJson);
    }
    return new OllamaToolCall(name, object);
  }

  /**
   * Returns a call whose arguments are given as a map.
   *
   * @param name the function name
   * @param arguments values Jackson can serialise
   * @return the call
   */
  public static OllamaToolCall of(String name, Map<String, ?> arguments) {
    return new OllamaToolCall(name, OllamaJson.MAPPER.valueToTree(arguments));
  }

  /**
   * Returns a copy of the arguments, so a test cannot change a scripted reply by accident.
   *
   * @return the arguments object
   */
  @Override
  public ObjectNode arguments() {
    return arguments.deepCopy();
  }

  /** Returns the call as readable text: {@code name{json arguments}}. */
  @Override
  public String toString() {
    return name + OllamaJson.line(arguments);
  }
}
