package dev.beca.core.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code /api/chat} request body as the {@link OllamaLoopbackServer} read it, so tests can assert
 * on the prompt a client sent.
 *
 * @param model the {@code model} field as sent (not normalised)
 * @param messages the {@code messages}, in order
 * @param stream whether the answer streams; {@code true} when the field is absent, as in Ollama
 * @param tools the {@code tools} array, or {@code null}
 * @param options the {@code options} object, or {@code null}
 * @param format the {@code format} field ({@code "json"} or a JSON schema), or {@code null}
 * @param keepAlive the {@code keep_alive} field, or {@code null}
 * @param think the {@code think} field, or {@code null}
 * @param json the whole body
 */
public record RecordedChatRequest(
    String model,
    List<Message> messages,
    boolean stream,
    JsonNode tools,
    JsonNode options,
    JsonNode format,
    JsonNode keepAlive,
    JsonNode think,
    JsonNode json) {

  /**
   * Keeps an immutable list of messages.
   *
   * @param model see the record component
   * @param messages see the record component
   * @param stream see the record component
   * @param tools see the record component
   * @param options see the record component
   * @param format see the record component
   * @param keepAlive see the record component
   * @param think see the record component
   * @param json see the record component
   */
  public RecordedChatRequest {
    messages = List.copyOf(messages);
  }

  /**
   * Reads a chat request body.
   *
   * @param json the parsed body of a {@code /api/chat} request
   * @return the request
   */
  static RecordedChatRequest from(JsonNode json) {
    List<Message> messages = new ArrayList<>();
    for (JsonNode m : json.path("messages")) {
      messages.add(
          new Message(
              m.path("role").asText(""),
              m.path("content").asText(""),
              present(m.get("tool_calls")),
              m.hasNonNull("tool_name") ? m.get("tool_name").asText() : null,
              m.path("images").size()));
    }
    JsonNode stream = json.get("stream");
    return new RecordedChatRequest(
        json.path("model").asText(""),
        messages,
        stream == null || stream.isNull() || stream.asBoolean(),
        present(json.get("tools")),
        present(json.get("options")),
        present(json.get("format")),
        present(json.get("keep_alive")),
        present(json.get("think")),
        json.deepCopy());
  }

  /**
   * Returns the messages of one role, in order.
   *
   * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
   * @return the messages
   */
  public List<Message> messages(String role) {
    return messages.stream().filter(m -> m.role().equals(role)).toList();
  }

  /**
   * Returns the last message of one role.
   *
   * @param role e.g. {@code user}
   * @return the message, if any
   */
  public Optional<Message> lastMessage(String role) {
    List<Message> ofRole = messages(role);
    return ofRole.isEmpty() ? Optional.empty() : Optional.of(ofRole.get(ofRole.size() - 1));
  }

  /**
   * Returns the text of the last user message, or an empty string.
   *
   * @return the latest prompt
   */
  public String lastUserText() {
    return lastMessage("user").map(Message::content).orElse("");
  }

  /**
   * Returns the names of the offered tools, in order.
   *
   * @return the function names; empty when no tools were sent
   */
  public List<String> toolNames() {
    List<String> names = new ArrayList<>();
    if (tools != null) {
      for (JsonNode tool : tools) {
        names.add(tool.path("function").path("name").asText());
      }
    }
    return names;
  }

  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() ? null : node.deepCopy();
  }

  /**
   * One message of a chat request.
   *
   * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
   * @param content the text
   * @param toolCalls the {@code tool_calls} of an assistant message, or {@code null}
   * @param toolName the {@code tool_name} of a tool result, or {@code null}
   * @param imageCount how many images were attached
   */
  public record Message(
      String role, String content, JsonNode toolCalls, String toolName, int imageCount) {}
}
