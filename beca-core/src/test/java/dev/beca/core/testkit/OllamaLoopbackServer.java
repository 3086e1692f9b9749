package dev.beca.core.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A loopback HTTP server that speaks the Ollama REST API faithfully enough for real clients
 * (LangChain4j's {@code OllamaChatModel}, {@code OllamaStreamingChatModel}, {@code OllamaModels})
 * to run end to end against it: real sockets, real JSON, NDJSON streaming, Ollama's status codes
 * and error bodies, and injectable faults. Built on the JDK's {@code HttpServer} and Jackson only.
 *
 * <p>Endpoints: {@code GET|HEAD /}, {@code GET /api/version}, {@code GET /api/tags}, {@code POST
 * /api/show}, {@code GET /api/ps}, {@code POST /api/chat}, {@code POST /api/pull}, {@code DELETE
 * /api/delete}. Anything else gets {@code 404 page not found}, as from Ollama's router.
 *
 * <p>Chat answers come from a queue of scripted {@link OllamaReply replies} (per model first, then
 * shared); when it is empty the {@linkplain #echoReply default reply} is {@code "echo: "} followed
 * by the last user message, streamed word by word. Every request is recorded before it is answered.
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
 *   ollama.enqueue(OllamaReply.text("Hel", "lo"));
 *   ChatModel model = OllamaChatModel.builder().baseUrl(ollama.baseUrl()).modelName("llama3.2").build();
 *   ...
 *   assertThat(ollama.lastChatRequest().lastUserText()).isEqualTo("hi");
 * }
 * }</pre>
 *
 * <p>Thread-safe: handlers run on a cached thread pool, so a slow scripted answer never delays
 * another request, and all state may be changed from the test thread at any time.
 */
public final class OllamaLoopbackServer implements AutoCloseable {

  /** The version {@code /api/version} reports unless told otherwise. */
  public static final String DEFAULT_VERSION = "0.12.6";

  /** What {@code GET /} answers, the text clients use as a health check. */
  public static final String RUNNING_TEXT = "Ollama is running";

  /** The start of every default reply; the last user message follows. */
  public static final String ECHO_PREFIX = "echo: ";

  /** How long a model stays loaded after a request without {@code keep_alive}, as in Ollama. */
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);

  /** Context length Ollama 0.12 loads a model with when {@code options.num_ctx} is absent. */
  public static final int DEFAULT_NUM_CTX = 4096;

  private static final String JSON = "application/json; charset=utf-8";
  private static final String NDJSON = "application/x-ndjson";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String NOT_FOUND = "404 page not found";
  private static final Duration DROP_GRACE = Duration.ofMillis(50);
  private static final AtomicInteger SERVER_COUNT = new AtomicInteger();
  private static final System.Logger LOG = System.getLogger(OllamaLoopbackServer.class.getName());

  private final Object lifecycle = new Object();
  private final ExecutorService executor;
  private final int port;
  private HttpServer server; // guarded by lifecycle; null while stopped
  private boolean closed; // guarded by lifecycle

  private volatile String version;
  private volatile Function<RecordedChatRequest, OllamaReply> defaultReply;
  // Keys are OllamaNames.key(name), so "llama3.2" and "LLAMA3.2:latest" find the same model.
  private final Map<String, OllamaModelSpec> models = new ConcurrentHashMap<>();
  private final Map<String, OllamaModelSpec> pullable = new ConcurrentHashMap<>();
  private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
  private final Deque<OllamaReply> replies = new ConcurrentLinkedDeque<>();
  private final Map<String, Deque<OllamaReply>> repliesByModel = new ConcurrentHashMap<>();
  private final Map<String, Deque<OllamaReply>> failuresByPath = new ConcurrentHashMap<>();
  private final Deque<OllamaPullReply> pullReplies = new ConcurrentLinkedDeque<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong toolCallCount = new AtomicLong();

  private OllamaLoopbackServer(Builder builder) {
    this.version = builder.version;
    this.defaultReply = builder.defaultReply;
    builder.models.forEach(this::addModel);
    int serverNumber = SERVER_COUNT.incrementAndGet();
    AtomicInteger threadCount = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread =
                  new Thread(
                      task,
                      "ollama-loopback-" + serverNumber + "-" + threadCount.incrementAndGet());
              // Daemon threads: a test that forgets close() must not keep the JVM alive.
              thread.setDaemon(true);
              return thread;
            });
    HttpServer bound = bind(0);
    this.port = bound.getAddress().getPort();
    this.server = bound;
    bound.start();
  }

  /**
   * Starts a server with no models on 127.0.0.1 and an ephemeral port.
   *
   * @return the running server
   */
  public static OllamaLoopbackServer start() {
    return builder().start();
  }

  /**
   * Returns a builder to preset the version, the models and the default reply.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a loopback URL where nothing listens, to test "server down" without starting a server.
   * The port was free a moment ago; another process could take it, which on a test machine is
   * unlikely enough.
   *
   * @return e.g. {@code http://127.0.0.1:41234}
   */
  public static String unusedLoopbackUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free loopback port", e);
    }
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  /**
   * Returns the URL clients use, without a trailing slash. It stays the same across {@link #stop()}
   * and {@link #restart()}.
   *
   * @return e.g. {@code http://127.0.0.1:41234}
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Returns the port the server listens on (or listened on, while stopped).
   *
   * @return the TCP port
   */
  public int port() {
    return port;
  }

  /**
   * Tells whether the server accepts connections.
   *
   * @return {@code false} after {@link #stop()} or {@link #close()}
   */
  public boolean isRunning() {
    synchronized (lifecycle) {
      return server != null;
    }
  }

  /**
   * Stops listening and drops open connections, keeping the port number, the models, the scripts
   * and the recorded requests, so a test can simulate "Ollama went down" and later {@link
   * #restart()}. Connecting to {@link #baseUrl()} then fails with "connection refused".
   */
  public void stop() {
    synchronized (lifecycle) {
      if (server != null) {
        server.stop(0);
        server = null;
      }
    }
  }

  /**
   * Listens again on the same port after {@link #stop()}, as when Ollama comes back up. Does
   * nothing when already running.
   *
   * @throws IllegalStateException after {@link #close()}
   * @throws UncheckedIOException when the port was taken in the meantime
   */
  public void restart() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the server is closed");
      }
      if (server == null) {
        HttpServer bound = bind(port);
        bound.start();
        server = bound;
      }
    }
  }

  /** Stops the server for good and ends its handler threads. Safe to call more than once. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      closed = true;
      stop();
    }
    // Interrupts handlers still sleeping in a scripted delay.
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- configuration ----------------------------------------------------------------------------

  /**
   * Returns the version {@code /api/version} reports.
   *
   * @return e.g. {@code 0.12.6}
   */
  public String version() {
    return version;
  }

  /**
   * Changes the version {@code /api/version} reports, e.g. to test a minimum-version check.
   *
   * @param newVersion e.g. {@code 0.5.0}
   */
  public void setVersion(String newVersion) {
    this.version = Objects.requireNonNull(newVersion, "newVersion");
  }

  /**
   * Replaces the answer given when no scripted reply is queued.
   *
   * @param reply computes the reply from the recorded request; {@link #echoReply} by default
   */
  public void setDefaultReply(Function<RecordedChatRequest, OllamaReply> reply) {
    this.defaultReply = Objects.requireNonNull(reply, "reply");
  }

  /**
   * The default reply: {@code "echo: <last user message>"} streamed word by word, or, when the
   * request asks for a {@code format}, the JSON object {@code {"echo":"<last user message>"}}.
   *
   * @param request the chat request being answered
   * @return the reply
   */
  public static OllamaReply echoReply(RecordedChatRequest request) {
    if (request.format() != null) {
      ObjectNode json = OllamaJson.object().put("echo", request.lastUserText());
      return OllamaReply.text(OllamaJson.line(json));
    }
    return OllamaReply.words(ECHO_PREFIX + request.lastUserText());
  }

  // ---- models -----------------------------------------------------------------------------------

  /**
   * Installs a model, replacing any model of the same name.
   *
   * @param model the model
   * @return the model as stored
   */
  public OllamaModelSpec addModel(OllamaModelSpec model) {
    models.put(OllamaNames.key(model.name()), model);
    return model;
  }

  /**
   * Installs {@link OllamaModelSpec#of(String) a plausible model} of the given name.
   *
   * @param name e.g. {@code llama3.2} (stored as {@code llama3.2:latest})
   * @return the model as stored
   */
  public OllamaModelSpec addModel(String name) {
    return addModel(OllamaModelSpec.of(name));
  }

  /**
   * Removes a model, as {@code ollama rm} does; it also stops running.
   *
   * @param name the model name, in any form Ollama accepts
   * @return {@code true} when the model existed
   */
  public boolean removeModel(String name) {
    String key = OllamaNames.key(name);
    loaded.remove(key);
    return models.remove(key) != null;
  }

  /**
   * Changes an installed model atomically, e.g. {@code updateModel("llama3.2", m ->
   * m.withDigestOf("v2"))}.
   *
   * @param name the model name
   * @param change computes the new model from the current one
   * @return the new model
   * @throws IllegalArgumentException when no such model is installed
   */
  public OllamaModelSpec updateModel(String name, UnaryOperator<OllamaModelSpec> change) {
    String key = OllamaNames.key(name);
    OllamaModelSpec updated =
        models.computeIfPresent(
            key, (k, current) -> Objects.requireNonNull(change.apply(current), "changed model"));
    if (updated == null) {
      throw new IllegalArgumentException("no model " + name + "; installed: " + modelNames());
    }
    String newKey = OllamaNames.key(updated.name());
    if (!newKey.equals(key)) {
      // The change renamed the model: move it under its new name.
      models.remove(key, updated);
      models.put(newKey, updated);
    }
    return updated;
  }

  /**
   * Gives an installed model a new digest, as when {@code ollama pull} fetched a new version.
   *
   * @param name the model name
   * @param digest 64 hex digits, optionally prefixed by {@code sha256:}
   * @return the changed model
   */
  public OllamaModelSpec setDigest(String name, String digest) {
    return updateModel(name, m -> m.withDigest(digest).withModifiedAt(Instant.now()));
  }

  /**
   * Looks an installed model up the way Ollama resolves names.
   *
   * @param name e.g. {@code llama3.2} or {@code llama3.2:latest}
   * @return the model, if installed
   */
  public Optional<OllamaModelSpec> model(String name) {
    if (!OllamaNames.isValid(name)) {
      return Optional.empty();
    }
    return Optional.ofNullable(models.get(OllamaNames.key(name)));
  }

  /**
   * Returns the installed models in the order {@code /api/tags} lists them (newest first).
   *
   * @return a snapshot
   */
  public List<OllamaModelSpec> models() {
    List<OllamaModelSpec> list = new ArrayList<>(models.values());
    list.sort(
        Comparator.comparing(OllamaModelSpec::modifiedAt)
            .reversed()
            .thenComparing(OllamaModelSpec::name));
    return list;
  }

  /**
   * Makes a model available to {@code /api/pull}; a successful pull installs it with the current
   * time as {@code modified_at}.
   *
   * @param model the model the "registry" serves
   */
  public void addPullable(OllamaModelSpec model) {
    pullable.put(OllamaNames.key(model.name()), model);
  }

  /**
   * Marks an installed model as loaded, so {@code /api/ps} lists it for the default keep-alive.
   *
   * @param name the model name
   * @throws IllegalArgumentException when no such model is installed
   */
  public void markRunning(String name) {
    OllamaModelSpec model =
        model(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no model " + name + "; installed: " + modelNames()));
    load(model, DEFAULT_KEEP_ALIVE, DEFAULT_NUM_CTX);
  }

  /**
   * Unloads a model, so {@code /api/ps} no longer lists it.
   *
   * @param name the model name
   */
  public void markStopped(String name) {
    if (OllamaNames.isValid(name)) {
      loaded.remove(OllamaNames.key(name));
    }
  }

  /**
   * Returns the names of the models {@code /api/ps} would list now.
   *
   * @return normalised names, sorted
   */
  public List<String> runningModels() {
    return runningSnapshot().stream().map(r -> r.model().name()).toList();
  }

  // ---- scripting --------------------------------------------------------------------------------

  /**
   * Queues replies for the next chat requests, whatever model they name.
   *
   * @param next the replies, in order
   */
  public void enqueue(OllamaReply... next) {
    for (OllamaReply reply : next) {
      replies.addLast(Objects.requireNonNull(reply, "reply"));
    }
  }

  /**
   * Queues replies for the next chat requests to one model; they are used before the shared queue.
   *
   * @param model the model name
   * @param next the replies, in order
   */
  public void enqueueFor(String model, OllamaReply... next) {
    Deque<OllamaReply> queue =
        repliesByModel.computeIfAbsent(OllamaNames.key(model), k -> new ConcurrentLinkedDeque<>());
    for (OllamaReply reply : next) {
      queue.addLast(Objects.requireNonNull(reply, "reply"));
    }
  }

  /**
   * Returns how many scripted chat replies are still queued, shared and per model.
   *
   * @return the count
   */
  public int pendingReplies() {
    return replies.size() + repliesByModel.values().stream().mapToInt(Deque::size).sum();
  }

  /**
   * Makes the next request to a path fail with Ollama's error body, before any other processing;
   * call it several times to fail several requests (e.g. to count retries).
   *
   * @param path e.g. {@code /api/tags} or {@code /api/chat}
   * @param status e.g. 503
   * @param message the text of the {@code error} field
   */
  public void failNext(String path, int status, String message) {
    failNext(path, OllamaReply.httpError(status, message));
  }

  /**
   * Makes the next request to a path get an HTTP error or raw response; its first-token delay is
   * honoured, so this also simulates a path that hangs.
   *
   * @param path e.g. {@code /api/version}
   * @param reply an {@link OllamaReply#httpError} or {@link OllamaReply#rawHttp} reply
   */
  public void failNext(String path, OllamaReply reply) {
    if (reply.kind() == OllamaReply.Kind.MESSAGE) {
      throw new IllegalArgumentException("failNext takes an HTTP error or raw reply, not " + reply);
    }
    failuresByPath.computeIfAbsent(path, k -> new ConcurrentLinkedDeque<>()).addLast(reply);
  }

  /**
   * Queues how the next {@code /api/pull} requests progress.
   *
   * @param next the scripts, in order; {@link OllamaPullReply#success()} when none is queued
   */
  public void enqueuePull(OllamaPullReply... next) {
    for (OllamaPullReply reply : next) {
      pullReplies.addLast(Objects.requireNonNull(reply, "reply"));
    }
  }

  /**
   * Forgets the recorded requests, the queued scripts and the loaded models; keeps the installed
   * and pullable models, the version and the default reply.
   */
  public void reset() {
    replies.clear();
    repliesByModel.clear();
    failuresByPath.clear();
    pullReplies.clear();
    loaded.clear();
    requests.clear();
  }

  // ---- recorded requests ------------------------------------------------------------------------

  /**
   * Returns every request received, in arrival order.
   *
   * @return a snapshot
   */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * Returns the requests to one path, in arrival order.
   *
   * @param path e.g. {@code /api/chat}
   * @return a snapshot
   */
  public List<RecordedRequest> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /**
   * Counts the requests to one path, answered or failed, e.g. to check how often a client retried.
   *
   * @param path e.g. {@code /api/chat}
   * @return the count
   */
  public int requestCount(String path) {
    return (int) requests.stream().filter(r -> r.path().equals(path)).count();
  }

  /**
   * Returns the well-formed chat requests received, in arrival order.
   *
   * @return a snapshot
   */
  public List<RecordedChatRequest> chatRequests() {
    return requests.stream()
        .filter(r -> r.path().equals("/api/chat") && r.json() != null && r.json().isObject())
        .map(r -> RecordedChatRequest.from(r.json()))
        .toList();
  }

  /**
   * Returns the latest well-formed chat request.
   *
   * @return the request
   * @throws IllegalStateException when no chat request has arrived
   */
  public RecordedChatRequest lastChatRequest() {
    List<RecordedChatRequest> chats = chatRequests();
    if (chats.isEmpty()) {
      throw new IllegalStateException(
          "no /api/chat request received; received: " + describeRequests());
    }
    return chats.get(chats.size() - 1);
  }

  /** Forgets the recorded requests only. */
  public void clearRequests() {
    requests.clear();
  }

  // ---- HTTP plumbing ----------------------------------------------------------------------------

  private HttpServer bind(int wantedPort) {
    try {
      HttpServer created =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByName("127.0.0.1"), wantedPort), 0);
      created.createContext("/", this::handle);
      created.setExecutor(executor);
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + wantedPort, e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      RecordedRequest request = record(exchange);
      dispatch(exchange, request);
      exchange.close();
    } catch (DroppedConnection e) {
      // Propagating an IOException makes HttpServer close the socket without finishing the
      // response: no terminating chunk, exactly like a crashed or killed server.
      throw e;
    } catch (InterruptedException e) {
      // The server is closing while a scripted delay runs: drop the connection.
      Thread.currentThread().interrupt();
      throw new DroppedConnection();
    } catch (IOException e) {
      // The client went away (e.g. it timed out); nothing left to answer.
      exchange.close();
    } catch (RuntimeException e) {
      // A fixture bug must be visible to the test, not hang it: log it, answer 500 if possible.
      LOG.log(
          System.Logger.Level.WARNING,
          "loopback Ollama server failed on " + exchange.getRequestURI(),
          e);
      if (exchange.getResponseCode() == -1) {
        sendJson(exchange, 500, OllamaJson.error("loopback server bug: " + e));
        exchange.close();
      } else {
        throw new DroppedConnection();
      }
    }
  }

  private RecordedRequest record(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    String body = new String(bytes, UTF_8);
    JsonNode json = null;
    if (!body.isBlank()) {
      try {
        json = OllamaJson.MAPPER.readTree(body);
      } catch (JsonProcessingException e) {
        // Kept as text only; the endpoint answers 400 as Ollama does.
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    RecordedRequest request =
        new RecordedRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            headers,
            body,
            json,
            Instant.now());
    requests.add(request);
    return request;
  }

  private void dispatch(HttpExchange exchange, RecordedRequest request)
      throws IOException, InterruptedException {
    String method = request.method();
    String path = request.path();
    Deque<OllamaReply> failures = failuresByPath.get(path);
    OllamaReply failure = failures == null ? null : failures.pollFirst();
    if (failure != null) {
      answerHttp(exchange, failure);
      return;
    }
    boolean get = method.equals("GET") || method.equals("HEAD");
    switch (path) {
      case "/" -> {
        if (get) {
          send(exchange, 200, TEXT, RUNNING_TEXT);
          return;
        }
      }
      case "/api/version" -> {
        if (get) {
          sendJson(exchange, 200, OllamaJson.line(OllamaJson.object().put("version", version)));
          return;
        }
      }
      case "/api/tags" -> {
        if (get) {
          tags(exchange);
          return;
        }
      }
      case "/api/ps" -> {
        if (method.equals("GET")) {
          ps(exchange);
          return;
        }
      }
      case "/api/show" -> {
        if (method.equals("POST")) {
          show(exchange, request);
          return;
        }
      }
      case "/api/chat" -> {
        if (method.equals("POST")) {
          chat(exchange, request);
          return;
        }
      }
      case "/api/pull" -> {
        if (method.equals("POST")) {
          pull(exchange, request);
          return;
        }
      }
      case "/api/delete" -> {
        if (method.equals("DELETE")) {
          delete(exchange, request);
          return;
        }
      }
      default -> {
        // Falls through to 404 below.
      }
    }
    // Ollama's router (gin) answers unknown routes and wrong methods alike.
    send(exchange, 404, TEXT, NOT_FOUND);
  }

  // ---- model endpoints --------------------------------------------------------------------------

  private void tags(HttpExchange exchange) throws IOException {
    ArrayNode list = OllamaJson.MAPPER.createArrayNode();
    for (OllamaModelSpec model : models()) {
      list.addObject()
          .put("name", model.name())
          .put("model", model.name())
          .put("modified_at", OllamaJson.rfc3339(model.modifiedAt()))
          .put("size", model.size())
          .put("digest", model.digest())
          .set("details", details(model.details()));
    }
    ObjectNode body = OllamaJson.object();
    body.set("models", list);
    sendJson(exchange, 200, OllamaJson.line(body));
  }

  private void ps(HttpExchange exchange) throws IOException {
    ArrayNode list = OllamaJson.MAPPER.createArrayNode();
    for (Running running : runningSnapshot()) {
      OllamaModelSpec model = running.model();
      list.addObject()
          .put("name", model.name())
          .put("model", model.name())
          .put("size", model.size())
          .put("digest", model.digest())
          .<ObjectNode>set("details", details(model.details()))
          .put("expires_at", OllamaJson.rfc3339(running.loaded().expiresAt()))
          .put("size_vram", model.size())
          .put("context_length", running.loaded().contextLength());
    }
    ObjectNode body = OllamaJson.object();
    body.set("models", list);
    sendJson(exchange, 200, OllamaJson.line(body));
  }

  private void show(HttpExchange exchange, RecordedRequest request) throws IOException {
    JsonNode body = requireObject(exchange, request);
    if (body == null) {
      return;
    }
    String requested = modelField(body);
    if (requested.isBlank()) {
      sendJson(exchange, 400, OllamaJson.error("model is required"));
      return;
    }
    Optional<OllamaModelSpec> found = model(requested);
    if (found.isEmpty()) {
      sendJson(exchange, 404, OllamaJson.error("model '" + requested + "' not found"));
      return;
    }
    OllamaModelSpec model = found.get();
    ObjectNode answer = OllamaJson.object();
    answer.put("modelfile", modelfile(model));
    if (!model.parameters().isEmpty()) {
      answer.put("parameters", model.parameters());
    }
    if (!model.template().isEmpty()) {
      answer.put("template", model.template());
    }
    answer.set("details", details(model.details()));
    answer.set("model_info", modelInfo(model));
    answer.set("capabilities", OllamaJson.MAPPER.valueToTree(model.capabilities()));
    answer.put("modified_at", OllamaJson.rfc3339(model.modifiedAt()));
    sendJson(exchange, 200, OllamaJson.line(answer));
  }

  private void delete(HttpExchange exchange, RecordedRequest request) throws IOException {
    JsonNode body = requireObject(exchange, request);
    if (body == null) {
      return;
    }
    String requested = modelField(body);
    if (requested.isBlank()) {
      sendJson(exchange, 400, OllamaJson.error("model is required"));
      return;
    }
    if (!OllamaNames.isValid(requested) || !removeModel(requested)) {
      sendJson(exchange, 404, OllamaJson.error("model '" + requested + "' not found"));
      return;
    }
    send(exchange, 200, JSON, "");
  }

  private void pull(HttpExchange exchange, RecordedRequest request)
      throws IOException, InterruptedException {
    JsonNode body = requireObject(exchange, request);
    if (body == null) {
      return;
    }
    String requested = modelField(body);
    if (!OllamaNames.isValid(requested)) {
      sendJson(exchange, 400, OllamaJson.error("invalid model name"));
      return;
    }
    boolean stream = streamFlag(body);
    OllamaPullReply script =
        Objects.requireNonNullElseGet(pullReplies.pollFirst(), OllamaPullReply::success);
    OllamaModelSpec target = pullable.get(OllamaNames.key(requested));

    List<ObjectNode> records = new ArrayList<>();
    records.add(OllamaJson.object().put("status", "pulling manifest"));
    String failure = null;
    int failAt = -1;
    if (target == null) {
      failure = "pull model manifest: file does not exist";
      failAt = 1;
    } else {
      for (Layer layer : layers(target)) {
        String status = "pulling " + layer.digest().substring(0, 12);
        records.add(
            OllamaJson.object()
                .put("status", status)
                .put("digest", "sha256:" + layer.digest())
                .put("total", layer.size()));
        for (int step = 1; step <= script.progressSteps(); step++) {
          records.add(
              OllamaJson.object()
                  .put("status", status)
                  .put("digest", "sha256:" + layer.digest())
                  .put("total", layer.size())
                  .put("completed", layer.size() * step / script.progressSteps()));
        }
      }
      records.add(OllamaJson.object().put("status", "verifying sha256 digest"));
      records.add(OllamaJson.object().put("status", "writing manifest"));
      records.add(OllamaJson.object().put("status", "success"));
      if (script.errorAfter() >= 0) {
        failure = script.error();
        failAt = Math.min(script.errorAfter(), records.size() - 1);
      }
    }

    if (!stream) {
      // Without streaming Ollama waits for the end and answers only the outcome.
      sleep(script.stepDelay().multipliedBy(failAt >= 0 ? failAt : records.size() - 1));
      if (failure != null) {
        sendJson(exchange, 500, OllamaJson.error(failure));
      } else {
        install(target);
        sendJson(exchange, 200, OllamaJson.line(OllamaJson.object().put("status", "success")));
      }
      return;
    }

    exchange.getResponseHeaders().set("Content-Type", NDJSON);
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    int sent = failAt >= 0 ? failAt : records.size();
    for (int i = 0; i < sent; i++) {
      if (i > 0) {
        sleep(script.stepDelay());
      }
      if (failure == null && i == records.size() - 1) {
        // Installed before "success" is sent, so a client that lists models next sees it.
        install(target);
      }
      writeLine(out, OllamaJson.line(records.get(i)));
    }
    if (failure != null) {
      if (sent > 0) {
        sleep(script.stepDelay());
      }
      // Like Ollama: the error is one more NDJSON line, and the stream ends cleanly.
      writeLine(out, OllamaJson.error(failure));
    }
  }

  private void install(OllamaModelSpec pulled) {
    addModel(pulled.withModifiedAt(Instant.now()));
  }

  // ---- chat -------------------------------------------------------------------------------------

  private void chat(HttpExchange exchange, RecordedRequest request)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    JsonNode body = requireObject(exchange, request);
    if (body == null) {
      return;
    }
    String requested = body.path("model").asText("");
    if (requested.isBlank()) {
      sendJson(exchange, 400, OllamaJson.error("model is required"));
      return;
    }
    Optional<OllamaModelSpec> found = model(requested);
    if (found.isEmpty()) {
      sendJson(
          exchange,
          404,
          OllamaJson.error("model \"" + requested + "\" not found, try pulling it first"));
      return;
    }
    OllamaModelSpec model = found.get();
    RecordedChatRequest chat = RecordedChatRequest.from(body);

    // The capability checks Ollama's scheduler makes before loading the model.
    if (!model.hasCapability(OllamaModelSpec.COMPLETION)) {
      sendJson(exchange, 400, OllamaJson.error("\"" + requested + "\" does not support chat"));
      return;
    }
    if (chat.tools() != null
        && chat.tools().size() > 0
        && !model.hasCapability(OllamaModelSpec.TOOLS)) {
      sendJson(
          exchange,
          400,
          OllamaJson.error(OllamaNames.qualified(model.name()) + " does not support tools"));
      return;
    }
    if (thinkRequested(chat.think()) && !model.hasCapability(OllamaModelSpec.THINKING)) {
      sendJson(exchange, 400, OllamaJson.error("\"" + requested + "\" does not support thinking"));
      return;
    }

    Duration keepAlive =
        Objects.requireNonNullElse(OllamaJson.keepAlive(chat.keepAlive()), DEFAULT_KEEP_ALIVE);
    int numCtx =
        chat.options() != null && chat.options().path("num_ctx").asInt(0) > 0
            ? chat.options().path("num_ctx").asInt()
            : DEFAULT_NUM_CTX;
    load(model, keepAlive, numCtx);
    try {
      if (chat.messages().isEmpty()) {
        // An empty chat only loads the model; Ollama answers with done_reason "load".
        ObjectNode done = record(model, assistant(""));
        done.put("done_reason", "load");
        done.put("done", true);
        sendJson(exchange, 200, OllamaJson.line(done));
        return;
      }
      OllamaReply reply = nextReply(model, chat);
      if (reply.kind() != OllamaReply.Kind.MESSAGE) {
        answerHttp(exchange, reply);
      } else if (chat.stream()) {
        streamChat(exchange, model, chat, reply, started);
      } else {
        answerChat(exchange, model, chat, reply, started);
      }
    } finally {
      if (keepAlive.isZero()) {
        // keep_alive 0 unloads the model as soon as the answer is complete.
        loaded.remove(OllamaNames.key(model.name()));
      }
    }
  }

  private OllamaReply nextReply(OllamaModelSpec model, RecordedChatRequest chat) {
    Deque<OllamaReply> own = repliesByModel.get(OllamaNames.key(model.name()));
    OllamaReply reply = own == null ? null : own.pollFirst();
    if (reply == null) {
      reply = replies.pollFirst();
    }
    if (reply == null) {
      reply = Objects.requireNonNull(defaultReply.apply(chat), "default reply");
    }
    return reply;
  }

  private void streamChat(
      HttpExchange exchange,
      OllamaModelSpec model,
      RecordedChatRequest chat,
      OllamaReply reply,
      long started)
      throws IOException, InterruptedException {
    List<ObjectNode> messages = messageRecords(reply);
    int n = messages.size();
    sleep(reply.firstTokenDelay());
    exchange.getResponseHeaders().set("Content-Type", NDJSON);
    // Length 0 means chunked transfer encoding, which is how Ollama streams.
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (int i = 0; i <= n; i++) {
      if (i > 0) {
        sleep(reply.chunkDelay());
      }
      if (at(reply.streamErrorAfter(), i, n)) {
        // Ollama reports a failure mid-generation as one error line, then ends the stream.
        writeLine(out, OllamaJson.error(reply.streamError()));
        return;
      }
      if (at(reply.dropAfter(), i, n)) {
        out.flush();
        // The JDK client discards received-but-unread chunks once it sees the connection fail;
        // a short pause lets it hand the flushed chunks to the caller first, so "after n chunks"
        // means the client really saw n chunks.
        sleep(DROP_GRACE);
        throw new DroppedConnection();
      }
      if (at(reply.malformedAfter(), i, n)) {
        writeLine(
            out,
            "{\"model\":\""
                + model.name()
                + "\",\"created_at\":\""
                + now()
                + "\",\"message\":{\"role\":");
      }
      if (i < n) {
        ObjectNode record = record(model, messages.get(i));
        record.put("done", false);
        writeLine(out, OllamaJson.line(record));
      } else {
        writeLine(out, OllamaJson.line(doneRecord(model, chat, reply, assistant(""), started)));
      }
    }
  }

  private void answerChat(
      HttpExchange exchange,
      OllamaModelSpec model,
      RecordedChatRequest chat,
      OllamaReply reply,
      long started)
      throws IOException, InterruptedException {
    List<ObjectNode> messages = messageRecords(reply);
    // Without streaming the client waits for the whole generation.
    sleep(reply.firstTokenDelay().plus(reply.chunkDelay().multipliedBy(messages.size())));
    if (reply.streamErrorAfter() >= 0) {
      sendJson(exchange, 500, OllamaJson.error(reply.streamError()));
      return;
    }
    ObjectNode message = assistant(String.join("", reply.chunks()));
    if (!reply.thinking().isEmpty()) {
      message.put("thinking", String.join("", reply.thinking()));
    }
    if (!reply.toolCalls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (int i = 0; i < reply.toolCalls().size(); i++) {
        calls.add(toolCall(reply.toolCalls().get(i), i));
      }
    }
    byte[] body = OllamaJson.line(doneRecord(model, chat, reply, message, started)).getBytes(UTF_8);
    if (reply.dropAfter() >= 0) {
      if (reply.dropAfter() == 0) {
        throw new DroppedConnection();
      }
      // Promise the whole body, deliver half, then vanish.
      exchange.getResponseHeaders().set("Content-Type", JSON);
      exchange.sendResponseHeaders(200, body.length);
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, body.length / 2);
      out.flush();
      throw new DroppedConnection();
    }
    if (reply.malformedAfter() >= 0) {
      body = Arrays.copyOf(body, body.length / 2);
    }
    exchange.getResponseHeaders().set("Content-Type", JSON);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  /** Builds the streamed message objects: thinking chunks, text chunks, then one per tool call. */
  private List<ObjectNode> messageRecords(OllamaReply reply) {
    List<ObjectNode> messages = new ArrayList<>();
    for (String thinking : reply.thinking()) {
      messages.add(assistant("").put("thinking", thinking));
    }
    for (String chunk : reply.chunks()) {
      messages.add(assistant(chunk));
    }
    for (int i = 0; i < reply.toolCalls().size(); i++) {
      ObjectNode message = assistant("");
      message.putArray("tool_calls").add(toolCall(reply.toolCalls().get(i), i));
      messages.add(message);
    }
    return messages;
  }

  private ObjectNode toolCall(OllamaToolCall call, int index) {
    ObjectNode node = OllamaJson.object();
    // Recent Ollama versions give each call an id and its index in the reply.
    node.put("id", String.format("call_%08x", toolCallCount.incrementAndGet()));
    ObjectNode function = node.putObject("function");
    function.put("index", index);
    function.put("name", call.name());
    function.set("arguments", call.arguments());
    return node;
  }

  private ObjectNode doneRecord(
      OllamaModelSpec model,
      RecordedChatRequest chat,
      OllamaReply reply,
      ObjectNode message,
      long started) {
    int promptTokens =
        reply.promptEvalCount() != null ? reply.promptEvalCount() : promptTokens(chat);
    int outputTokens =
        reply.evalCount() != null ? reply.evalCount() : Math.max(1, messageRecords(reply).size());
    long total = Math.max(1, System.nanoTime() - started);
    ObjectNode done = record(model, message);
    done.put("done_reason", reply.doneReason());
    done.put("done", true);
    // Plausible split of the elapsed time; each is at least 1 ns because Ollama omits zeros.
    done.put("total_duration", total);
    done.put("load_duration", Math.max(1, total / 10));
    if (promptTokens > 0) {
      done.put("prompt_eval_count", promptTokens);
    }
    done.put("prompt_eval_duration", Math.max(1, total / 5));
    if (outputTokens > 0) {
      done.put("eval_count", outputTokens);
    }
    done.put("eval_duration", Math.max(1, total / 2));
    return done;
  }

  private static int promptTokens(RecordedChatRequest chat) {
    int words = 0;
    for (RecordedChatRequest.Message message : chat.messages()) {
      // Every message costs a few template tokens, plus roughly one per word.
      words += 4 + OllamaReply.splitWords(message.content().strip()).size();
    }
    return Math.max(1, words);
  }

  private ObjectNode record(OllamaModelSpec model, ObjectNode message) {
    ObjectNode record = OllamaJson.object();
    record.put("model", model.name());
    record.put("created_at", now());
    record.set("message", message);
    return record;
  }

  private static ObjectNode assistant(String content) {
    return OllamaJson.object().put("role", "assistant").put("content", content);
  }

  private static boolean at(int scriptedIndex, int i, int n) {
    return scriptedIndex >= 0 && Math.min(scriptedIndex, n) == i;
  }

  private static boolean thinkRequested(JsonNode think) {
    if (think == null) {
      return false;
    }
    // "think" is a boolean, or a level such as "high" for models that support it.
    return think.isBoolean() ? think.asBoolean() : !think.asText("").isEmpty();
  }

  // ---- running models ---------------------------------------------------------------------------

  private void load(OllamaModelSpec model, Duration keepAlive, int contextLength) {
    Instant now = Instant.now();
    // A negative keep_alive keeps the model forever; Go caps that at the largest duration.
    Instant expiresAt =
        keepAlive.isNegative() ? now.plusNanos(Long.MAX_VALUE) : now.plus(keepAlive);
    loaded.put(OllamaNames.key(model.name()), new Loaded(expiresAt, contextLength));
  }

  private List<Running> runningSnapshot() {
    Instant now = Instant.now();
    List<Running> running = new ArrayList<>();
    loaded.forEach(
        (key, state) -> {
          OllamaModelSpec model = models.get(key);
          if (model != null && state.expiresAt().isAfter(now)) {
            running.add(new Running(model, state));
          }
        });
    running.sort(Comparator.comparing(r -> r.model().name()));
    return running;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** Reads the JSON object body, or answers 400 the way Ollama's JSON binding does. */
  private JsonNode requireObject(HttpExchange exchange, RecordedRequest request)
      throws IOException {
    if (request.body().isBlank()) {
      sendJson(exchange, 400, OllamaJson.error("missing request body"));
      return null;
    }
    JsonNode json = request.json();
    if (json == null || !json.isObject()) {
      sendJson(
          exchange, 400, OllamaJson.error("invalid character in request body: not a JSON object"));
      return null;
    }
    return json;
  }

  /**
   * Returns {@code model}, or the deprecated {@code name} that older clients (and LangChain4j)
   * send.
   */
  private static String modelField(JsonNode body) {
    String model = body.path("model").asText("");
    return model.isBlank() ? body.path("name").asText("") : model;
  }

  private static boolean streamFlag(JsonNode body) {
    JsonNode stream = body.get("stream");
    // Ollama streams unless told not to.
    return stream == null || stream.isNull() || stream.asBoolean();
  }

  private void answerHttp(HttpExchange exchange, OllamaReply reply)
      throws IOException, InterruptedException {
    sleep(reply.firstTokenDelay());
    if (reply.kind() == OllamaReply.Kind.HTTP_ERROR) {
      sendJson(exchange, reply.status(), OllamaJson.error(reply.error()));
    } else {
      send(exchange, reply.status(), reply.contentType(), reply.rawBody());
    }
  }

  private static ObjectNode details(OllamaModelSpec.Details details) {
    ObjectNode node = OllamaJson.object();
    node.put("parent_model", details.parentModel());
    node.put("format", details.format());
    node.put("family", details.family());
    node.set("families", OllamaJson.MAPPER.valueToTree(details.families()));
    node.put("parameter_size", details.parameterSize());
    node.put("quantization_level", details.quantizationLevel());
    return node;
  }

  private static ObjectNode modelInfo(OllamaModelSpec model) {
    String architecture = model.details().family().isEmpty() ? "llama" : model.details().family();
    ObjectNode info = OllamaJson.object();
    info.put("general.architecture", architecture);
    info.put("general.file_type", 15);
    info.put("general.parameter_count", parameterCount(model.details().parameterSize()));
    info.put("general.quantization_version", 2);
    info.put(architecture + ".context_length", model.contextLength());
    info.put(architecture + ".embedding_length", 3072);
    info.put("tokenizer.ggml.model", "gpt2");
    return info;
  }

  // "3.2B" -> 3200000000, "135M" -> 135000000; unknown text -> 0.
  private static long parameterCount(String parameterSize) {
    if (parameterSize == null || parameterSize.length() < 2) {
      return 0;
    }
    char unit = Character.toUpperCase(parameterSize.charAt(parameterSize.length() - 1));
    double scale = unit == 'B' ? 1e9 : unit == 'M' ? 1e6 : unit == 'K' ? 1e3 : 0;
    try {
      return Math.round(
          Double.parseDouble(parameterSize.substring(0, parameterSize.length() - 1)) * scale);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String modelfile(OllamaModelSpec model) {
    StringBuilder text = new StringBuilder();
    text.append("# Modelfile generated by \"ollama show\"\n");
    text.append("# To build a new Modelfile based on this, replace FROM with:\n");
    text.append("# FROM ").append(model.name()).append("\n\n");
    text.append("FROM /root/.ollama/models/blobs/sha256-")
        .append(layers(model).get(0).digest())
        .append('\n');
    text.append("TEMPLATE \"\"\"").append(model.template()).append("\"\"\"\n");
    for (String line : model.parameters().split("\n")) {
      if (!line.isBlank()) {
        text.append("PARAMETER ").append(line.strip().replaceAll("\\s+", " ")).append('\n');
      }
    }
    return text.toString();
  }

  /** The blobs of a model, with digests derived from its manifest digest so they change with it. */
  private static List<Layer> layers(OllamaModelSpec model) {
    long weights = Math.max(1, model.size() - 1_561L);
    return List.of(
        new Layer(OllamaJson.sha256Hex("weights:" + model.digest()), weights),
        new Layer(OllamaJson.sha256Hex("template:" + model.digest()), 1_465L),
        new Layer(OllamaJson.sha256Hex("params:" + model.digest()), 96L));
  }

  private static void writeLine(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(UTF_8));
    // Flush per record: the client must see each chunk as soon as it is "generated".
    out.flush();
  }

  private static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, JSON, body);
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (exchange.getRequestMethod().equals("HEAD") || bytes.length == 0) {
      // -1: no body; HttpServer then sends Content-Length 0 (or nothing, for HEAD).
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private static void sleep(Duration delay) throws InterruptedException {
    if (!delay.isZero()) {
      TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    }
  }

  private static String now() {
    return OllamaJson.rfc3339(Instant.now());
  }

  private List<String> modelNames() {
    return models().stream().map(OllamaModelSpec::name).toList();
  }

  private String describeRequests() {
    return requests.stream().map(r -> r.method() + " " + r.path()).toList().toString();
  }

  /** Thrown out of a handler so that HttpServer closes the socket mid-response. */
  private static final class DroppedConnection extends IOException {
    DroppedConnection() {
      super("connection dropped by the loopback server's script");
    }
  }

  private record Loaded(Instant expiresAt, int contextLength) {}

  private record Running(OllamaModelSpec model, Loaded loaded) {}

  private record Layer(String digest, long size) {}

  /** Presets a server before it starts. */
  public static final class Builder {

    private String version = DEFAULT_VERSION;
    private final List<OllamaModelSpec> models = new ArrayList<>();
    private Function<RecordedChatRequest, OllamaReply> defaultReply =
        OllamaLoopbackServer::echoReply;

    private Builder() {}

    /**
     * Sets the version {@code /api/version} reports.
     *
     * @param newVersion e.g. {@code 0.12.6}
     * @return this builder
     */
    public Builder version(String newVersion) {
      this.version = Objects.requireNonNull(newVersion, "newVersion");
      return this;
    }

    /**
     * Installs a model.
     *
     * @param model the model
     * @return this builder
     */
    public Builder model(OllamaModelSpec model) {
      models.add(Objects.requireNonNull(model, "model"));
      return this;
    }

    /**
     * Installs {@link OllamaModelSpec#of(String) a plausible model} of the given name.
     *
     * @param name e.g. {@code llama3.2}
     * @return this builder
     */
    public Builder model(String name) {
      return model(OllamaModelSpec.of(name));
    }

    /**
     * Sets the answer given when no scripted reply is queued.
     *
     * @param reply computes the reply from the request
     * @return this builder
     */
    public Builder defaultReply(Function<RecordedChatRequest, OllamaReply> reply) {
      this.defaultReply = Objects.requireNonNull(reply, "reply");
      return this;
    }

    /**
     * Starts the server on 127.0.0.1 and an ephemeral port.
     *
     * @return the running server
     * @throws UncheckedIOException when no port can be bound
     */
    public OllamaLoopbackServer start() {
      return new OllamaLoopbackServer(this);
    }
  }
}
