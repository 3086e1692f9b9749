package dev.beca.core.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that speaks the OpenAI-compatible API the way LM Studio, vLLM and
 * llama.cpp's server do, for LangChain4j's real OpenAI client: {@code GET /v1/models} and {@code
 * POST /v1/chat/completions}, streaming as server-sent events ending with {@code data: [DONE]},
 * tool calls in OpenAI's format (arguments as a JSON <em>string</em>, streamed in pieces), errors
 * with OpenAI's {@code {"error":{...}}} body, and faults: slow first token, slow chunks, dropped
 * connections. HTTP/1.1 only, like LM Studio. JDK {@code HttpServer} and Jackson only.
 *
 * <p>Replies come from a queue of {@link OpenAiReply scripts}; when it is empty the reply is {@code
 * "echo: "} followed by the last user message, one word per chunk. A model that is not {@linkplain
 * #addModel installed} gets 404 {@code model_not_found}. Thread-safe.
 */
public final class OpenAiLoopbackServer implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AtomicInteger SERVER_COUNT = new AtomicInteger();

  private final ExecutorService executor;
  private final HttpServer server;
  private final Set<String> models = new CopyOnWriteArraySet<>();
  private final Deque<OpenAiReply> replies = new ConcurrentLinkedDeque<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();

  /** One request as received. */
  public record Recorded(String method, String path, String body) {
    /** The body as JSON, or {@code null} when it is not JSON. */
    public JsonNode json() {
      try {
        return body.isEmpty() ? null : MAPPER.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }
  }

  private OpenAiLoopbackServer(List<String> initialModels) {
    models.addAll(initialModels);
    int number = SERVER_COUNT.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread =
                  new Thread(task, "openai-loopback-" + number + "-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Starts a server on 127.0.0.1 and an ephemeral port with the given models installed.
   *
   * @param modelIds e.g. {@code qwen2.5-coder-7b-instruct}
   * @return the running server
   */
  public static OpenAiLoopbackServer start(String... modelIds) {
    return new OpenAiLoopbackServer(List.of(modelIds));
  }

  /** The base URL clients use, ending in {@code /v1}, e.g. {@code http://127.0.0.1:41234/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Installs a model. */
  public void addModel(String id) {
    models.add(id);
  }

  /** Removes a model. */
  public void removeModel(String id) {
    models.remove(id);
  }

  /** Queues replies for the next chat requests. */
  public void enqueue(OpenAiReply... next) {
    replies.addAll(List.of(next));
  }

  /** Every request received, in arrival order. */
  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** How many requests reached a path, e.g. {@code /v1/chat/completions}. */
  public int requestCount(String path) {
    return (int) requests.stream().filter(r -> r.path().equals(path)).count();
  }

  /** The latest chat request's body. */
  public JsonNode lastChatRequest() {
    for (int i = requests.size() - 1; i >= 0; i--) {
      if (requests.get(i).path().equals("/v1/chat/completions")) {
        return requests.get(i).json();
      }
    }
    throw new IllegalStateException("no chat request received");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
      String path = exchange.getRequestURI().getPath();
      Recorded request = new Recorded(exchange.getRequestMethod(), path, body);
      requests.add(request);
      if (path.equals("/v1/models") && request.method().equals("GET")) {
        ArrayNode data = MAPPER.createArrayNode();
        for (String id : models) {
          data.addObject()
              .put("id", id)
              .put("object", "model")
              .put("owned_by", "organization_owner");
        }
        ObjectNode list = MAPPER.createObjectNode().put("object", "list");
        list.set("data", data);
        send(exchange, 200, list.toString());
      } else if (path.equals("/v1/chat/completions") && request.method().equals("POST")) {
        chat(exchange, request);
      } else {
        send(
            exchange,
            404,
            error(
                "Unexpected endpoint or method. (" + request.method() + " " + path + ")",
                "not_found"));
      }
      exchange.close();
    } catch (DroppedConnection e) {
      // Propagating an IOException makes HttpServer close the socket without finishing the
      // response: no terminating chunk, no [DONE], like a crashed server.
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DroppedConnection();
    } catch (IOException e) {
      exchange.close();
    }
  }

  private static final class DroppedConnection extends IOException {
    private static final long serialVersionUID = 1L;

    DroppedConnection() {
      super("connection dropped by the loopback server's script");
    }
  }

  private void chat(HttpExchange exchange, Recorded request)
      throws IOException, InterruptedException {
    JsonNode json = request.json();
    if (json == null || !json.path("messages").isArray()) {
      send(exchange, 400, error("'messages' field is required", "invalid_request_error"));
      return;
    }
    String model = json.path("model").asText("");
    OpenAiReply reply = replies.pollFirst();
    if (reply == null) {
      reply = OpenAiReply.text(echoChunks(json));
    }
    Thread.sleep(reply.firstTokenDelay().toMillis());
    if (reply.status() != 200) {
      send(exchange, reply.status(), error(reply.errorMessage(), reply.errorCode()));
      return;
    }
    if (!models.contains(model)) {
      send(exchange, 404, error("The model `" + model + "` does not exist.", "model_not_found"));
      return;
    }
    boolean stream = json.path("stream").asBoolean(false);
    if (!stream) {
      ObjectNode message = MAPPER.createObjectNode().put("role", "assistant");
      if (reply.toolName() != null) {
        message.putNull("content");
        message.set(
            "tool_calls",
            MAPPER.createArrayNode().add(toolCall(reply, reply.toolArguments(), true)));
      } else {
        message.put("content", String.join("", reply.chunks()));
      }
      ObjectNode choice = MAPPER.createObjectNode().put("index", 0);
      choice.set("message", message);
      choice.put("finish_reason", reply.toolName() != null ? "tool_calls" : "stop");
      ObjectNode answer = envelope(model, "chat.completion");
      answer.set("choices", MAPPER.createArrayNode().add(choice));
      answer.set("usage", usage(reply));
      send(exchange, 200, answer.toString());
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    List<ObjectNode> deltas = new ArrayList<>();
    if (reply.toolName() != null) {
      String args = reply.toolArguments();
      int half = args.length() / 2;
      deltas.add(delta(null, toolCall(reply, args.substring(0, half), true)));
      deltas.add(delta(null, toolCall(reply, args.substring(half), false)));
    } else {
      for (String chunk : reply.chunks()) {
        deltas.add(delta(chunk, null));
      }
    }
    for (int i = 0; i < deltas.size(); i++) {
      if (i == reply.dropAfter()) {
        // Cut the connection without [DONE]; the pause lets the client take the flushed chunks
        // first.
        out.flush();
        Thread.sleep(50);
        throw new DroppedConnection();
      }
      if (i > 0) {
        Thread.sleep(reply.chunkDelay().toMillis());
      }
      ObjectNode chunk = envelope(model, "chat.completion.chunk");
      ObjectNode choice = MAPPER.createObjectNode().put("index", 0);
      choice.set("delta", deltas.get(i));
      choice.putNull("finish_reason");
      chunk.set("choices", MAPPER.createArrayNode().add(choice));
      event(out, chunk.toString());
    }
    if (reply.dropAfter() >= deltas.size()) {
      out.flush();
      Thread.sleep(50);
      throw new DroppedConnection();
    }
    ObjectNode last = envelope(model, "chat.completion.chunk");
    ObjectNode choice = MAPPER.createObjectNode().put("index", 0);
    choice.set("delta", MAPPER.createObjectNode());
    choice.put("finish_reason", reply.toolName() != null ? "tool_calls" : "stop");
    last.set("choices", MAPPER.createArrayNode().add(choice));
    last.set("usage", usage(reply));
    event(out, last.toString());
    event(out, "[DONE]");
  }

  private static String[] echoChunks(JsonNode json) {
    String last = "";
    for (JsonNode m : json.path("messages")) {
      if (m.path("role").asText().equals("user")) {
        last =
            m.path("content").isTextual()
                ? m.path("content").asText()
                : m.path("content").toString();
      }
    }
    String[] words = ("echo: " + last).split("(?<= )");
    return words;
  }

  private static ObjectNode delta(String content, ObjectNode toolCall) {
    ObjectNode delta = MAPPER.createObjectNode().put("role", "assistant");
    if (content != null) {
      delta.put("content", content);
    }
    if (toolCall != null) {
      delta.set("tool_calls", MAPPER.createArrayNode().add(toolCall));
    }
    return delta;
  }

  private static ObjectNode toolCall(OpenAiReply reply, String arguments, boolean first) {
    ObjectNode call = MAPPER.createObjectNode().put("index", 0);
    ObjectNode function = MAPPER.createObjectNode();
    if (first) {
      call.put("id", "call_1").put("type", "function");
      function.put("name", reply.toolName());
    }
    function.put("arguments", arguments);
    call.set("function", function);
    return call;
  }

  private static ObjectNode envelope(String model, String object) {
    return MAPPER
        .createObjectNode()
        .put("id", "chatcmpl-loopback")
        .put("object", object)
        .put("created", System.currentTimeMillis() / 1000)
        .put("model", model)
        .put("system_fingerprint", model);
  }

  private static ObjectNode usage(OpenAiReply reply) {
    int completion = Math.max(1, reply.chunks().size());
    return MAPPER
        .createObjectNode()
        .put("prompt_tokens", 10)
        .put("completion_tokens", completion)
        .put("total_tokens", 10 + completion);
  }

  private static String error(String message, String code) {
    ObjectNode error =
        MAPPER
            .createObjectNode()
            .put("message", message)
            .put("type", "invalid_request_error")
            .putNull("param")
            .put("code", code);
    return MAPPER.createObjectNode().set("error", error).toString();
  }

  private static void event(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(UTF_8));
    out.flush();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
