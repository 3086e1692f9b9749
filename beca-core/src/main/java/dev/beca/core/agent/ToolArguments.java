package dev.beca.core.agent;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.InvalidInputException;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of one tool call, parsed from the JSON the model wrote and checked against the
 * tool's schema: an object, every required field present, no unknown field, each field of its
 * declared type (string, integer, number, boolean, one of an enum, array or object; arrays and
 * objects come as lists and maps; a raw schema, which BECA cannot check, takes any value). Anything
 * else is an {@link InvalidInputException} whose message tells the model what to send instead.
 */
public final class ToolArguments {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tool;
  private final Map<String, Object> values;

  private ToolArguments(String tool, Map<String, Object> values) {
    this.tool = tool;
    this.values = values;
  }

  /**
   * Parses and validates arguments.
   *
   * @param specification the tool's specification
   * @param json the arguments as the model wrote them; blank means no arguments
   * @return the arguments
   * @throws InvalidInputException when they are not a JSON object matching the schema
   */
  public static ToolArguments parse(ToolSpecification specification, String json) {
    String tool = specification.name();
    JsonObjectSchema schema =
        specification.parameters() != null
            ? specification.parameters()
            : JsonObjectSchema.builder().build();
    String expected = expected(schema);
    JsonNode node;
    try {
      node = json == null || json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidInputException(
          "The arguments of " + tool + " are not valid JSON: " + e.getOriginalMessage() + ".",
          "Send one JSON object: " + expected + ".");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(
          "The arguments of " + tool + " must be a JSON object.",
          "Send one JSON object: " + expected + ".");
    }
    Map<String, JsonSchemaElement> properties =
        schema.properties() == null ? Map.of() : schema.properties();
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonSchemaElement type = properties.get(field.getKey());
      if (type == null) {
        problems.add("unknown field '" + field.getKey() + "'");
        continue;
      }
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue; // as if left out
      }
      if (type instanceof JsonStringSchema && value.isTextual()) {
        values.put(field.getKey(), value.textValue());
      } else if (type instanceof JsonIntegerSchema
          && value.isIntegralNumber()
          && value.canConvertToLong()) {
        values.put(field.getKey(), value.longValue());
      } else if (type instanceof JsonBooleanSchema && value.isBoolean()) {
        values.put(field.getKey(), value.booleanValue());
      } else if (type instanceof JsonNumberSchema && value.isNumber()) {
        values.put(field.getKey(), value.doubleValue());
      } else if (type instanceof JsonEnumSchema choices
          && value.isTextual()
          && choices.enumValues().contains(value.textValue())) {
        values.put(field.getKey(), value.textValue());
      } else if ((type instanceof JsonArraySchema && value.isArray())
          || (type instanceof JsonObjectSchema && value.isObject())
          || type instanceof JsonRawSchema) {
        // Passed on as plain lists and maps (tools of other programs, such as MCP servers).
        values.put(field.getKey(), JSON.convertValue(value, Object.class));
      } else {
        problems.add(
            "field '"
                + field.getKey()
                + "' must be "
                + typeName(type)
                + ", was "
                + nodeType(value));
      }
    }
    List<String> required = schema.required() == null ? List.of() : schema.required();
    for (String name : required) {
      if (!values.containsKey(name)
          && problems.stream().noneMatch(p -> p.contains("'" + name + "'"))) {
        problems.add("missing field '" + name + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          "The arguments of " + tool + " are wrong: " + String.join("; ", problems) + ".",
          "Send " + expected + ".");
    }
    return new ToolArguments(tool, values);
  }

  /**
   * A string argument the schema requires.
   *
   * @param name the field
   * @return its value
   */
  public String string(String name) {
    return optionalString(name)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "The argument '" + name + "' of " + tool + " is missing.",
                    "Send it as a JSON string."));
  }

  /**
   * A string argument that may be left out.
   *
   * @param name the field
   * @return its value, or empty
   */
  public Optional<String> optionalString(String name) {
    return Optional.ofNullable((String) values.get(name));
  }

  /**
   * An integer argument that may be left out.
   *
   * @param name the field
   * @return its value, or empty
   */
  public Optional<Long> optionalInteger(String name) {
    return Optional.ofNullable((Long) values.get(name));
  }

  /** The validated arguments by name (strings, longs, booleans). */
  public Map<String, Object> asMap() {
    return Map.copyOf(values);
  }

  private static String expected(JsonObjectSchema schema) {
    Map<String, JsonSchemaElement> properties =
        schema.properties() == null ? Map.of() : schema.properties();
    if (properties.isEmpty()) {
      return "{} (no arguments)";
    }
    List<String> required = schema.required() == null ? List.of() : schema.required();
    List<String> fields = new ArrayList<>();
    properties.forEach(
        (name, type) ->
            fields.add(
                "\""
                    + name
                    + "\": "
                    + typeName(type)
                    + (required.contains(name) ? "" : " (optional)")));
    return "{" + String.join(", ", fields) + "}";
  }

  private static String typeName(JsonSchemaElement type) {
    if (type instanceof JsonStringSchema) {
      return "a string";
    }
    if (type instanceof JsonIntegerSchema) {
      return "an integer";
    }
    if (type instanceof JsonBooleanSchema) {
      return "true or false";
    }
    if (type instanceof JsonNumberSchema) {
      return "a number";
    }
    if (type instanceof JsonEnumSchema choices) {
      return "one of " + choices.enumValues();
    }
    if (type instanceof JsonArraySchema) {
      return "an array";
    }
    if (type instanceof JsonObjectSchema) {
      return "an object";
    }
    return type.getClass().getSimpleName();
  }

  private static String nodeType(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
