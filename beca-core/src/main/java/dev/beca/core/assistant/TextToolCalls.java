package dev.beca.core.assistant;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tool calls that a model wrote as JSON in its reply's text instead of in the API's tool-call
 * field, as local models often do when their chat template handles tools badly.
 *
 * <p>Accepted: the whole reply being a call or an array of calls (optionally in one fenced block);
 * {@code <tool_call>...</tool_call>} blocks (Hermes and Qwen templates); one fenced {@code json}
 * block holding a call, with prose around it. A call is an object with {@code name} (or {@code
 * tool}) and {@code arguments} (or {@code parameters}, {@code args}; an object or a JSON string),
 * or OpenAI's {@code {"function": {"name", "arguments"}}}. Only names of offered tools count: any
 * other JSON is text, so a reply that shows JSON to the user stays a reply.
 */
final class TextToolCalls {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TAGGED =
      Pattern.compile("<tool_call>\\s*(.*?)\\s*</tool_call>", Pattern.DOTALL);
  private static final Pattern FENCED =
      Pattern.compile("```(?:json|JSON|tool_call)?[ \\t]*\\R(.*?)\\R?[ \\t]*```", Pattern.DOTALL);

  /** The calls found and the reply's text without them. */
  record Found(String prose, List<ToolExecutionRequest> calls) {}

  private TextToolCalls() {}

  /**
   * Finds the tool calls in a reply's text.
   *
   * @param text the reply's text
   * @param offered the names of the tools offered in the request
   * @param idPrefix prefix for the ids given to the calls found (unique within the turn)
   * @return the calls and the remaining prose, or empty when the text holds no call of an offered
   *     tool
   */
  static Optional<Found> find(String text, Set<String> offered, String idPrefix) {
    if (text == null || text.isBlank() || offered.isEmpty()) {
      return Optional.empty();
    }
    String stripped = text.strip();
    Optional<List<ToolExecutionRequest>> whole = calls(stripped, offered, idPrefix);
    if (whole.isPresent()) {
      return Optional.of(new Found("", whole.get()));
    }
    Matcher tagged = TAGGED.matcher(stripped);
    List<ToolExecutionRequest> found = new ArrayList<>();
    StringBuilder prose = new StringBuilder();
    int last = 0;
    while (tagged.find()) {
      Optional<List<ToolExecutionRequest>> calls =
          calls(tagged.group(1), offered, idPrefix + found.size() + "-");
      if (calls.isEmpty()) {
        return Optional.empty();
      }
      found.addAll(calls.get());
      prose.append(stripped, last, tagged.start());
      last = tagged.end();
    }
    if (!found.isEmpty()) {
      prose.append(stripped.substring(last));
      return Optional.of(new Found(prose.toString().strip(), found));
    }
    Matcher fenced = FENCED.matcher(stripped);
    if (fenced.find()) {
      int start = fenced.start();
      int end = fenced.end();
      String block = fenced.group(1);
      if (fenced.find()) {
        return Optional.empty(); // several code blocks: an explanation, not a call
      }
      return calls(block.strip(), offered, idPrefix)
          .map(
              calls ->
                  new Found(
                      (stripped.substring(0, start) + stripped.substring(end)).strip(), calls));
    }
    return Optional.empty();
  }

  /** The calls a JSON text holds, when it is a call or an array of calls of offered tools. */
  private static Optional<List<ToolExecutionRequest>> calls(
      String json, Set<String> offered, String idPrefix) {
    if (!(json.startsWith("{") && json.endsWith("}"))
        && !(json.startsWith("[") && json.endsWith("]"))) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else {
      items.add(node);
    }
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<ToolExecutionRequest> calls = new ArrayList<>();
    for (JsonNode item : items) {
      Optional<ToolExecutionRequest> call = call(item, offered, idPrefix + calls.size());
      if (call.isEmpty()) {
        return Optional.empty();
      }
      calls.add(call.get());
    }
    return Optional.of(calls);
  }

  private static Optional<ToolExecutionRequest> call(
      JsonNode item, Set<String> offered, String id) {
    if (!item.isObject()) {
      return Optional.empty();
    }
    JsonNode function = item.get("function");
    JsonNode body = function != null && function.isObject() ? function : item;
    JsonNode name = first(body, "name", "tool", "tool_name");
    if (name == null || !name.isTextual() || !offered.contains(name.asText().strip())) {
      return Optional.empty();
    }
    JsonNode arguments = first(body, "arguments", "parameters", "args", "input");
    String argumentsJson;
    if (arguments == null || arguments.isNull()) {
      argumentsJson = "{}";
    } else if (arguments.isTextual()) {
      argumentsJson = arguments.asText(); // the runner validates it and says what is wrong
    } else {
      argumentsJson = arguments.toString();
    }
    return Optional.of(
        ToolExecutionRequest.builder()
            .id(id)
            .name(name.asText().strip())
            .arguments(argumentsJson)
            .build());
  }

  private static JsonNode first(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = node.get(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
