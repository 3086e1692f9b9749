package dev.beca.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates tool argument schemas between LangChain4j's types (what BECA's tools declare and its
 * {@code ToolArguments} check) and the JSON Schema maps of MCP. The common shapes map one to one; a
 * shape LangChain4j has no type for comes in as a raw schema, whose values are passed on as they
 * are.
 */
public final class McpJsonSchemas {

  private static final ObjectMapper JSON = new ObjectMapper();

  private McpJsonSchemas() {}

  /**
   * A LangChain4j schema as a JSON Schema map.
   *
   * @param element the schema; null means an object without properties
   * @return the map
   */
  public static Map<String, Object> toMap(JsonSchemaElement element) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (element == null) {
      map.put("type", "object");
      map.put("properties", Map.of());
      return map;
    }
    if (element instanceof JsonObjectSchema object) {
      map.put("type", "object");
      Map<String, Object> properties = new LinkedHashMap<>();
      if (object.properties() != null) {
        object.properties().forEach((name, type) -> properties.put(name, toMap(type)));
      }
      map.put("properties", properties);
      if (object.required() != null && !object.required().isEmpty()) {
        map.put("required", List.copyOf(object.required()));
      }
    } else if (element instanceof JsonStringSchema) {
      map.put("type", "string");
    } else if (element instanceof JsonIntegerSchema) {
      map.put("type", "integer");
    } else if (element instanceof JsonNumberSchema) {
      map.put("type", "number");
    } else if (element instanceof JsonBooleanSchema) {
      map.put("type", "boolean");
    } else if (element instanceof JsonEnumSchema choices) {
      map.put("type", "string");
      map.put("enum", List.copyOf(choices.enumValues()));
    } else if (element instanceof JsonArraySchema array) {
      map.put("type", "array");
      if (array.items() != null) {
        map.put("items", toMap(array.items()));
      }
    } else if (element instanceof JsonRawSchema raw) {
      try {
        return JSON.readValue(raw.schema(), LinkedHashMap.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(
            "A raw schema is not JSON: " + e.getOriginalMessage(), e);
      }
    }
    if (element.description() != null && !element.description().isBlank()) {
      map.put("description", element.description());
    }
    return map;
  }

  /**
   * A JSON Schema map (an MCP tool's input schema) as a LangChain4j object schema.
   *
   * @param schema the map; null or without properties means no arguments
   * @return the schema
   */
  public static JsonObjectSchema toObjectSchema(Map<String, Object> schema) {
    JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
    if (schema == null) {
      return builder.build();
    }
    Object properties = schema.get("properties");
    if (properties instanceof Map<?, ?> map) {
      map.forEach((name, type) -> builder.addProperty(String.valueOf(name), toElement(type)));
    }
    if (schema.get("required") instanceof List<?> required) {
      List<String> names = new ArrayList<>();
      required.forEach(r -> names.add(String.valueOf(r)));
      builder.required(names);
    }
    if (schema.get("description") instanceof String description) {
      builder.description(description);
    }
    return builder.build();
  }

  private static JsonSchemaElement toElement(Object node) {
    if (!(node instanceof Map<?, ?> map)) {
      return raw(node);
    }
    String description = map.get("description") instanceof String d ? d : null;
    Object type = map.get("type");
    if (map.get("enum") instanceof List<?> values
        && values.stream().allMatch(String.class::isInstance)) {
      return JsonEnumSchema.builder()
          .enumValues(values.stream().map(String::valueOf).toList())
          .description(description)
          .build();
    }
    if (!(type instanceof String name)) {
      return raw(node);
    }
    return switch (name) {
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "array" -> {
        JsonArraySchema.Builder array = JsonArraySchema.builder().description(description);
        array.items(map.get("items") == null ? raw(Map.of()) : toElement(map.get("items")));
        yield array.build();
      }
      case "object" -> {
        @SuppressWarnings("unchecked")
        JsonObjectSchema object = toObjectSchema((Map<String, Object>) map);
        yield object;
      }
      default -> raw(node);
    };
  }

  private static JsonSchemaElement raw(Object node) {
    try {
      return JsonRawSchema.from(JSON.writeValueAsString(node == null ? Map.of() : node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("A schema is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
