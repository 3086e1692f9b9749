package dev.beca.core.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the {@link OllamaLoopbackServer} answers to one {@code /api/chat} request: a message (text,
 * thinking and/or tool calls) streamed in chunks, an HTTP error, or a raw HTTP response, plus the
 * faults to inject while answering. Immutable; the {@code with...} methods return changed copies.
 *
 * <p>"After {@code n} chunks" counts the streamed records before the final {@code done} record: the
 * thinking chunks, then the text chunks, then one record per tool call, in that order. A count at
 * or past the end applies just before the final record.
 *
 * <p>Examples: {@code OllamaReply.text("Hel", "lo")}, {@code OllamaReply.toolCall("get_weather",
 * "{\"city\":\"Paris\"}")}, {@code OllamaReply.httpError(503, "server busy")}, {@code
 * OllamaReply.text("a", "b", "c").withDroppedConnectionAfter(2)}.
 */
public final class OllamaReply {

  /** What kind of answer this is. */
  enum Kind {
    MESSAGE,
    HTTP_ERROR,
    RAW_HTTP
  }

  private final Fields fields;

  private OllamaReply(Fields fields) {
    this.fields = fields;
  }

  /**
   * Returns a text reply streamed in exactly the given chunks (joined when not streaming).
   *
   * @param chunks the content pieces, in order; none gives an empty reply
   * @return the reply
   */
  public static OllamaReply text(String... chunks) {
    Fields f = new Fields(Kind.MESSAGE);
    f.chunks = List.of(chunks);
    return new OllamaReply(f);
  }

  /**
   * Returns a text reply streamed one word at a time, each chunk keeping its trailing space, the
   * way a model streams tokens.
   *
   * @param text the whole reply
   * @return the reply
   */
  public static OllamaReply words(String text) {
    return text(splitWords(text).toArray(String[]::new));
  }

  /**
   * Returns a reply that calls one tool.
   *
   * @param name the function name
   * @param argumentsJson the arguments as a JSON object
   * @return the reply
   */
  public static OllamaReply toolCall(String name, String argumentsJson) {
    return toolCalls(OllamaToolCall.of(name, argumentsJson));
  }

  /**
   * Returns a reply that calls tools, each one streamed as its own record the way recent Ollama
   * versions do. Add text with {@link #withText(String...)}.
   *
   * @param calls the calls, in order
   * @return the reply
   */
  public static OllamaReply toolCalls(OllamaToolCall... calls) {
    if (calls.length == 0) {
      throw new IllegalArgumentException("at least one tool call");
    }
    Fields f = new Fields(Kind.MESSAGE);
    f.toolCalls = List.of(calls);
    return new OllamaReply(f);
  }

  /**
   * Returns an HTTP error with Ollama's body {@code {"error":"message"}}, sent before any streaming
   * starts, as Ollama does for failures detected up front.
   *
   * @param status e.g. 500 or 503
   * @param message the text of the {@code error} field
   * @return the reply
   */
  public static OllamaReply httpError(int status, String message) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    Fields f = new Fields(Kind.HTTP_ERROR);
    f.status = status;
    f.error = Objects.requireNonNull(message, "message");
    return new OllamaReply(f);
  }

  /**
   * Returns an arbitrary HTTP response, e.g. an HTML 502 page from a proxy in front of Ollama.
   *
   * @param status any HTTP status
   * @param contentType the {@code Content-Type} header
   * @param body the body, sent as UTF-8
   * @return the reply
   */
  public static OllamaReply rawHttp(int status, String contentType, String body) {
    Fields f = new Fields(Kind.RAW_HTTP);
    f.status = status;
    f.contentType = Objects.requireNonNull(contentType, "contentType");
    f.rawBody = Objects.requireNonNull(body, "body");
    return new OllamaReply(f);
  }

  /**
   * Returns a copy with text chunks, e.g. to add a preamble to a tool-call reply.
   *
   * @param chunks the content pieces, replacing any current ones
   * @return the changed copy
   */
  public OllamaReply withText(String... chunks) {
    requireMessage("text");
    return with(f -> f.chunks = List.of(chunks));
  }

  /**
   * Returns a copy that streams reasoning first, in the {@code thinking} field of the messages.
   *
   * @param chunks the reasoning pieces
   * @return the changed copy
   */
  public OllamaReply withThinking(String... chunks) {
    requireMessage("thinking");
    return with(f -> f.thinking = List.of(chunks));
  }

  /**
   * Returns a copy that waits before sending the response headers and the first chunk, as Ollama
   * does while it loads the model and evaluates the prompt. Use it to trigger client timeouts.
   *
   * @param delay the wait
   * @return the changed copy
   */
  public OllamaReply withFirstTokenDelay(Duration delay) {
    return with(f -> f.firstTokenDelay = requireNonNegative(delay));
  }

  /**
   * Returns a copy that waits between streamed records (the headers are already sent, so this does
   * not trigger a client's response timeout). A non-streaming answer waits the sum.
   *
   * @param delay the wait before each record after the first
   * @return the changed copy
   */
  public OllamaReply withChunkDelay(Duration delay) {
    return with(f -> f.chunkDelay = requireNonNegative(delay));
  }

  /**
   * Returns a copy that, after {@code chunks} records, sends the line {@code {"error":"message"}}
   * and ends the stream cleanly without a {@code done} record, as Ollama does when generation fails
   * mid-way. A non-streaming request gets HTTP 500 with that error instead.
   *
   * @param chunks records sent before the error
   * @param message the text of the {@code error} field
   * @return the changed copy
   */
  public OllamaReply withStreamErrorAfter(int chunks, String message) {
    requireMessage("an in-stream error");
    Objects.requireNonNull(message, "message");
    return with(
        f -> {
          f.streamErrorAfter = requireNonNegative(chunks);
          f.streamError = message;
        });
  }

  /**
   * Returns a copy that, after {@code chunks} records, closes the TCP connection abruptly: no
   * terminating chunk, no {@code done} record. The server pauses 50 ms between flushing the last
   * record and closing, because the JDK HTTP client drops chunks it received but had not yet handed
   * over when the connection fails. Without streaming the body is cut in the middle (or, for {@code
   * 0}, the connection closes before any response).
   *
   * @param chunks records sent (and flushed) before the connection drops
   * @return the changed copy
   */
  public OllamaReply withDroppedConnectionAfter(int chunks) {
    requireMessage("a dropped connection");
    return with(f -> f.dropAfter = requireNonNegative(chunks));
  }

  /**
   * Returns a copy that, after {@code chunks} records, sends one line that is not valid JSON, then
   * carries on normally. Without streaming the whole body is cut to invalid JSON.
   *
   * @param chunks records sent before the broken line
   * @return the changed copy
   */
  public OllamaReply withMalformedLineAfter(int chunks) {
    requireMessage("a malformed line");
    return with(f -> f.malformedAfter = requireNonNegative(chunks));
  }

  /**
   * Returns a copy whose final record reports these token counts instead of the computed ones.
   *
   * @param promptEvalCount {@code prompt_eval_count}, the input tokens
   * @param evalCount {@code eval_count}, the output tokens
   * @return the changed copy
   */
  public OllamaReply withTokenUsage(int promptEvalCount, int evalCount) {
    requireMessage("token usage");
    return with(
        f -> {
          f.promptEvalCount = requireNonNegative(promptEvalCount);
          f.evalCount = requireNonNegative(evalCount);
        });
  }

  /**
   * Returns a copy whose final record has another {@code done_reason}, e.g. {@code length} when the
   * output hit {@code num_predict}.
   *
   * @param doneReason the reason
   * @return the changed copy
   */
  public OllamaReply withDoneReason(String doneReason) {
    requireMessage("a done reason");
    return with(f -> f.doneReason = Objects.requireNonNull(doneReason, "doneReason"));
  }

  /** Returns a readable summary of the reply for assertion messages. */
  @Override
  public String toString() {
    Fields f = fields;
    return switch (f.kind) {
      case HTTP_ERROR -> "OllamaReply[HTTP " + f.status + " " + f.error + "]";
      case RAW_HTTP -> "OllamaReply[raw HTTP " + f.status + " " + f.contentType + "]";
      case MESSAGE ->
          "OllamaReply[thinking="
              + f.thinking
              + ", text="
              + f.chunks
              + ", toolCalls="
              + f.toolCalls
              + ", firstTokenDelay="
              + f.firstTokenDelay
              + ", chunkDelay="
              + f.chunkDelay
              + (f.streamErrorAfter >= 0 ? ", streamErrorAfter=" + f.streamErrorAfter : "")
              + (f.dropAfter >= 0 ? ", dropAfter=" + f.dropAfter : "")
              + (f.malformedAfter >= 0 ? ", malformedAfter=" + f.malformedAfter : "")
              + "]";
    };
  }

  // ---- read by the server -------------------------------------------------------------------

  Kind kind() {
    return fields.kind;
  }

  List<String> chunks() {
    return fields.chunks;
  }

  List<String> thinking() {
    return fields.thinking;
  }

  List<OllamaToolCall> toolCalls() {
    return fields.toolCalls;
  }

  int status() {
    return fields.status;
  }

  String error() {
    return fields.error;
  }

  String contentType() {
    return fields.contentType;
  }

  String rawBody() {
    return fields.rawBody;
  }

  Duration firstTokenDelay() {
    return fields.firstTokenDelay;
  }

  Duration chunkDelay() {
    return fields.chunkDelay;
  }

  int streamErrorAfter() {
    return fields.streamErrorAfter;
  }

  String streamError() {
    return fields.streamError;
  }

  int dropAfter() {
    return fields.dropAfter;
  }

  int malformedAfter() {
    return fields.malformedAfter;
  }

  Integer promptEvalCount() {
    return fields.promptEvalCount;
  }

  Integer evalCount() {
    return fields.evalCount;
  }

  String doneReason() {
    return fields.doneReason;
  }

  /** Splits text into word chunks, each keeping the whitespace that follows it. */
  static List<String> splitWords(String text) {
    List<String> words = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      words.add(text.substring(start, i));
      start = i;
    }
    return words;
  }

  private OllamaReply with(Consumer<Fields> change) {
    Fields copy = fields.copy();
    change.accept(copy);
    return new OllamaReply(copy);
  }

  private void requireMessage(String what) {
    if (fields.kind != Kind.MESSAGE) {
      throw new IllegalStateException("only a message reply can have " + what + ", not " + this);
    }
  }

  private static Duration requireNonNegative(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("delay must be zero or positive: " + delay);
    }
    return delay;
  }

  private static int requireNonNegative(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    return count;
  }

  /** The mutable state behind one immutable reply; only ever changed on a fresh copy. */
  private static final class Fields {
    final Kind kind;
    List<String> chunks = List.of();
    List<String> thinking = List.of();
    List<OllamaToolCall> toolCalls = List.of();
    int status = 200;
    String error;
    String contentType;
    String rawBody;
    Duration firstTokenDelay = Duration.ZERO;
    Duration chunkDelay = Duration.ZERO;
    int streamErrorAfter = -1;
    String streamError;
    int dropAfter = -1;
    int malformedAfter = -1;
    Integer promptEvalCount;
    Integer evalCount;
    String doneReason = "stop";

    Fields(Kind kind) {
      this.kind = kind;
    }

    Fields copy() {
      Fields c = new Fields(kind);
      c.chunks = chunks;
      c.thinking = thinking;
      c.toolCalls = toolCalls;
      c.status = status;
      c.error = error;
      c.contentType = contentType;
      c.rawBody = rawBody;
      c.firstTokenDelay = firstTokenDelay;
      c.chunkDelay = chunkDelay;
      c.streamErrorAfter = streamErrorAfter;
      c.streamError = streamError;
      c.dropAfter = dropAfter;
      c.malformedAfter = malformedAfter;
      c.promptEvalCount = promptEvalCount;
      c.evalCount = evalCount;
      c.doneReason = doneReason;
      return c;
    }
  }
}
