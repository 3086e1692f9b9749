package dev.beca.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one JSON configuration of the server: ISO-8601 times, {@code Optional}s as their value or
 * null, and strict reading (an unknown field, a wrong type or a missing body is a 400).
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** The configured mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Serialises a value; a failure here is a bug, not the client's fault. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write " + value.getClass().getName(), e);
    }
  }

  /** Serialises a value to text. */
  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write " + value.getClass().getName(), e);
    }
  }

  /**
   * Reads a request body strictly.
   *
   * @param body the bytes
   * @param type the record it must be
   * @return the value
   * @throws ApiException 400 {@code unknown_field}, {@code invalid_json} or {@code missing_body}
   */
  public static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw ApiException.badRequest(
          "missing_body",
          "The request has no body.",
          "Send a JSON object as the OpenAPI document (/openapi.json) describes.");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest(
            "invalid_json", "The body is JSON null.", "Send a JSON object.");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest(
          "unknown_field",
          "The body has a field '" + e.getPropertyName() + "' that this endpoint does not know.",
          "Send only the fields " + e.getKnownPropertyIds() + ".");
    } catch (MismatchedInputException e) {
      throw ApiException.badRequest(
          "invalid_json",
          "The body does not have the expected shape" + where(e) + ".",
          "Send a JSON object as the OpenAPI document (/openapi.json) describes.");
    } catch (IOException e) {
      throw ApiException.badRequest(
          "invalid_json",
          "The body is not valid JSON.",
          "Send a JSON object, e.g. {\"message\": \"Hello\"}.");
    }
  }

  /** Names the field whose value is wrong, never Java class names. */
  private static String where(MismatchedInputException e) {
    String path =
        e.getPath().stream()
            .map(
                ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .reduce((a, b) -> a + "." + b)
            .orElse("");
    return path.isEmpty()
        ? " (it must be a JSON object)"
        : ": the field '" + path + "' has a wrong or missing value";
  }
}
