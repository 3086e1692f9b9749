package dev.beca.core.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request the {@link OllamaLoopbackServer} received, recorded before it was answered.
 *
 * @param method e.g. {@code POST}
 * @param path e.g. {@code /api/chat}
 * @param query the raw query string, or {@code null}
 * @param headers the request headers, names in lower case
 * @param body the body as UTF-8 text, empty when there was none
 * @param json the body parsed as JSON, or {@code null} when it is empty or not JSON
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body,
    JsonNode json,
    Instant receivedAt) {

  /**
   * Keeps immutable copies.
   *
   * @param method see the record component
   * @param path see the record component
   * @param query see the record component
   * @param headers see the record component
   * @param body see the record component
   * @param json see the record component
   * @param receivedAt see the record component
   */
  public RecordedRequest {
    headers = Map.copyOf(headers);
    json = json == null ? null : json.deepCopy();
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, in any case
   * @return the value, if the header was sent
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns a copy of the parsed body, so tests cannot alter the record.
   *
   * @return the JSON body, or {@code null}
   */
  @Override
  public JsonNode json() {
    return json == null ? null : json.deepCopy();
  }
}
