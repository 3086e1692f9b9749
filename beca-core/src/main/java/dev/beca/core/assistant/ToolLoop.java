package dev.beca.core.assistant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beca.core.agent.ToolResult;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.WholeReply;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One turn's conversation with the model when it has tools: ask, run the tool calls it asks for
 * through the {@link ToolRunner}, give it the results, until it answers without a call or the step
 * limit is reached. Not thread-safe: one instance per turn.
 *
 * <p>Why the details: local models often write a call as JSON in their text, so such text is taken
 * for a call when it names an offered tool ({@link TextToolCalls}); a model can loop on one call,
 * so the same call (tool and arguments) runs at most {@link #MAX_SAME_CALLS} times per turn; and
 * the step limit ends with one last request without tools, so the turn still ends in an answer.
 */
final class ToolLoop {

  /** How often one call (same tool, same arguments) may run in a turn. */
  static final int MAX_SAME_CALLS = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelGateway models;
  private final ModelRef model;
  private final ToolRunner runner;
  private final int maxSteps;
  private final String sessionId;
  private final TurnListener listener;
  private final List<ToolSpecification> specifications;
  private final Set<String> offered = new LinkedHashSet<>();
  private final Map<String, Integer> sameCalls = new HashMap<>();
  private final List<ToolCallRecord> calls = new ArrayList<>();
  // Written on the model client's thread while a reply streams, read on the turn's after it ended.
  private final StringBuffer shown = new StringBuffer();

  ToolLoop(
      ModelGateway models,
      ModelRef model,
      ToolRunner runner,
      int maxSteps,
      String sessionId,
      TurnListener listener) {
    this.models = models;
    this.model = model;
    this.runner = runner;
    this.maxSteps = maxSteps;
    this.sessionId = sessionId;
    this.listener = listener;
    this.specifications = runner.specifications();
    specifications.forEach(spec -> offered.add(spec.name()));
  }

  /**
   * Runs the turn.
   *
   * @param prompt the assembled prompt, ending with the user's message
   * @return the text the user saw, all steps together
   * @throws dev.beca.core.BecaException when a model call fails; {@link #shown()} and {@link
   *     #calls()} then hold what happened before
   */
  String run(List<ChatMessage> prompt) {
    List<ChatMessage> conversation = new ArrayList<>(prompt);
    for (int step = 0; ; step++) {
      boolean offer = step < maxSteps;
      if (!offer) {
        conversation.add(
            UserMessage.from(
                "[BECA: the limit of "
                    + maxSteps
                    + " tool steps for this turn is reached. Answer now with what you have, "
                    + "without calling tools; say what is left to do.]"));
      }
      ChatRequest.Builder request = ChatRequest.builder().messages(List.copyOf(conversation));
      if (offer) {
        request.toolSpecifications(specifications);
      }
      HeldBackText text = new HeldBackText();
      AiMessage reply =
          WholeReply.message(models, model, request.build(), text::accept, listener::outputTokens);
      List<ToolExecutionRequest> requests = List.of();
      String prose = reply.text() == null ? "" : reply.text();
      if (offer && reply.hasToolExecutionRequests()) {
        requests = reply.toolExecutionRequests();
      } else if (offer) {
        Optional<TextToolCalls.Found> found =
            TextToolCalls.find(prose, offered, "text-" + step + "-");
        if (found.isPresent()) {
          requests = found.get().calls();
          prose = found.get().prose();
        }
      }
      text.end(requests.isEmpty() ? reply.text() : prose);
      if (!offer && (reply.hasToolExecutionRequests() || prose.isBlank())) {
        text.end(""); // nothing held is shown: a call the limit does not allow
        text.pass(
            "[BECA stopped this turn after "
                + maxSteps
                + " rounds of tool calls without an answer from the model; ask again to go on.]");
        return shown.toString();
      }
      if (requests.isEmpty()) {
        return shown.toString();
      }
      conversation.add(
          AiMessage.builder()
              .text(prose.isBlank() ? null : prose)
              .toolExecutionRequests(requests)
              .build());
      for (ToolExecutionRequest call : requests) {
        conversation.add(ToolExecutionResultMessage.from(call, runOne(call)));
      }
    }
  }

  /** The text the user saw so far. */
  String shown() {
    return shown.toString();
  }

  /** The tool calls made so far. */
  List<ToolCallRecord> calls() {
    return List.copyOf(calls);
  }

  /** Tool calls as stored with an answer: a JSON array. */
  static String json(List<ToolCallRecord> calls) {
    ArrayNode array = JSON.createArrayNode();
    for (ToolCallRecord call : calls) {
      ObjectNode node = array.addObject();
      node.put("tool", call.tool());
      node.put("arguments", call.arguments());
      node.put("success", call.success());
      node.put("display", call.display());
      String result = call.result();
      node.put(
          "result",
          result.length() <= ToolCallRecord.MAX_STORED_RESULT_CHARS
              ? result
              : result.substring(0, ToolCallRecord.MAX_STORED_RESULT_CHARS)
                  + "... ["
                  + result.length()
                  + " characters]");
    }
    return array.toString();
  }

  private String runOne(ToolExecutionRequest call) {
    String name = call.name() == null ? "" : call.name();
    String arguments =
        call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments();
    String shownArguments = runner.shownArguments(arguments);
    listener.toolCalling(name, shownArguments);
    String key = name + '\0' + arguments.strip();
    int seen = sameCalls.merge(key, 1, Integer::sum);
    ToolResult result =
        seen > MAX_SAME_CALLS
            ? ToolResult.error(
                "this exact call ("
                    + name
                    + " with the same arguments) already ran "
                    + MAX_SAME_CALLS
                    + " times in this turn and its result will not change. Use the results you "
                    + "have, try something else, or answer.")
            : runner.run(sessionId, name, arguments);
    ToolCallRecord record =
        new ToolCallRecord(name, shownArguments, result.success(), result.display(), result.text());
    calls.add(record);
    listener.toolCalled(record);
    return result.text();
  }

  /**
   * Streams a reply's text to the listener, holding back what may be a call written as text ({@code
   * <tool_call>}, a fenced {@code json} block, or JSON from the reply's first character) until the
   * reply is complete, so the user is not shown raw JSON that is then run.
   */
  private final class HeldBackText {
    /** Openings of a call inside a reply's text. */
    private static final List<String> OPENINGS =
        List.of("<tool_call>", "```json", "```JSON", "```tool_call", "```\n");

    private final StringBuilder stepShown = new StringBuilder();
    private final StringBuilder held = new StringBuilder();
    private boolean holdAll;

    void accept(String piece) {
      held.append(piece);
      if (holdAll) {
        return;
      }
      String text = held.toString();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        boolean atStart = stepShown.toString().isBlank() && text.substring(0, i).isBlank();
        if (atStart && (c == '{' || c == '[')) {
          hold(text, i, true);
          return;
        }
        if (c != '<' && c != '`') {
          continue;
        }
        String tail = text.substring(i);
        if (OPENINGS.stream().anyMatch(tail::startsWith)) {
          hold(text, i, true);
          return;
        }
        if (OPENINGS.stream().anyMatch(o -> o.startsWith(tail))) {
          hold(text, i, false); // may still become an opening: wait for more text
          return;
        }
      }
      pass(text);
      held.setLength(0);
    }

    private void hold(String text, int from, boolean all) {
      pass(text.substring(0, from));
      held.setLength(0);
      held.append(text.substring(from));
      holdAll = all;
    }

    /** The reply is complete: shows the rest of {@code visible} that was held back. */
    void end(String visible) {
      if (held.length() == 0 || visible == null) {
        return;
      }
      String already = stepShown.toString();
      String rest;
      if (visible.startsWith(already)) {
        rest = visible.substring(already.length());
      } else {
        String v = visible.strip();
        String a = already.strip();
        rest = v.startsWith(a) ? v.substring(a.length()) : v;
      }
      pass(rest);
    }

    private void pass(String piece) {
      if (piece.isEmpty()) {
        return;
      }
      if (stepShown.length() == 0
          && shown.length() > 0
          && shown.charAt(shown.length() - 1) != '\n') {
        piece = "\n" + piece; // a new step's text starts on its own line
      }
      stepShown.append(piece);
      shown.append(piece);
      listener.token(piece);
    }
  }
}
