package dev.beca.models.bench;

import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelServer;
import dev.beca.core.model.PullProgress;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.models.ModelManager;
import dev.beca.models.OllamaModelServer;
import dev.beca.models.OllamaSettings;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark harness: the cost of BECA's chat call path (the {@link ModelManager} gateway: active
 * model lookup, fallback chain, retry and circuit breaker, watchdog, stream audit, error
 * translation) against the plain LangChain4j Ollama call, same loopback server, same run.
 *
 * <p>BECA streams, so the like-for-like baseline is a plain {@code OllamaStreamingChatModel} with
 * the same HTTP client settings and parameters; a plain blocking {@code OllamaChatModel} call is
 * printed as a second reference, and BECA's server model called without the gateway splits the
 * gateway's share from the HTTP client set-up's. Calls alternate between the paths one by one, in
 * random order, so that drift in the machine's speed reaches all alike; each round's figure is its
 * median call per path, and the result is the median round. Run it with:
 *
 * <pre>
 * ./mvnw -q -pl beca-models -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.models.bench.GatewayOverheadBenchmark [-Dexec.args="ROUNDS CALLS_PER_ROUND"]
 * </pre>
 */
public final class GatewayOverheadBenchmark {

  private GatewayOverheadBenchmark() {}

  /** Runs the benchmark and prints the figures and one table row. */
  public static void main(String[] args) throws Exception {
    // Real Ollama (Go) sends with TCP_NODELAY; the JDK's HttpServer does not unless told, and then
    // Nagle's algorithm meets the client's delayed ACKs and stalls streamed chunks by up to 40 ms,
    // which would make both medians measure TCP timing instead of the call path.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    // The blocking reference is slow on loopback (it is not what BECA is compared with): fewer
    // calls.
    int blockingCalls = Math.max(5, calls / 10);
    try (OllamaLoopbackServer server = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      OllamaSettings settings =
          OllamaSettings.builder()
              .baseUrl(server.baseUrl())
              .timeout(Duration.ofSeconds(30))
              .build();
      ModelManager manager =
          ModelManager.builder()
              .server(new OllamaModelServer("ollama", settings))
              .defaultModel(ModelRole.GENERAL, "ollama", "llama3.2")
              .build();
      StreamingChatModel beca = manager.gateway().streamingChatModel(ModelRole.GENERAL);
      // The same parameters BECA applies to this model, so both requests are the same bytes.
      ModelParameters p = manager.gateway().target(ModelRole.GENERAL).parameters();
      StreamingChatModel plain =
          OllamaStreamingChatModel.builder()
              .baseUrl(server.baseUrl())
              .modelName("llama3.2")
              .temperature(p.temperature())
              .topP(p.topP())
              .numCtx(p.contextLength())
              .defaultRequestParameters(
                  OllamaChatRequestParameters.builder()
                      .keepAlive((int) p.keepAlive().toSeconds())
                      .build())
              .httpClientBuilder(
                  JdkHttpClient.builder()
                      .httpClientBuilder(
                          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
                      .connectTimeout(settings.connectTimeout())
                      .readTimeout(settings.timeout()))
              .build();
      ChatModel blocking =
          OllamaChatModel.builder()
              .baseUrl(server.baseUrl())
              .modelName("llama3.2")
              .maxRetries(0)
              .temperature(p.temperature())
              .topP(p.topP())
              .numCtx(p.contextLength())
              .httpClientBuilder(
                  JdkHttpClient.builder()
                      .httpClientBuilder(
                          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
                      .connectTimeout(settings.connectTimeout())
                      .readTimeout(settings.timeout()))
              .build();
      ChatRequest request = ChatRequest.builder().messages(UserMessage.from("ping")).build();
      // BECA's server model called directly: splits the gateway's share from the HTTP client
      // set-up's.
      StreamingChatModel serverModel =
          new OllamaModelServer("direct", settings).streamingChatModel("llama3.2", p);
      List<StreamingChatModel> paths = List.of(beca, plain, serverModel);
      Random random = new Random(42);

      if (Boolean.getBoolean("dump")) {
        for (StreamingChatModel m : paths) {
          server.clearRequests();
          timedCall(m, request);
          server
              .requests()
              .forEach(
                  r ->
                      System.out.println(
                          r.method() + " " + r.path() + " " + r.headers() + "\n" + r.body()));
        }
        return;
      }
      // Warm-up: JIT, connection pools, the server's threads.
      interleaved(paths, request, 3 * calls, random);
      for (int i = 0; i < 3; i++) {
        blockingRound(blocking, request, blockingCalls);
      }
      double[][] roundMedians = new double[paths.size()][rounds];
      double[] ratios = new double[rounds];
      double[] blockingRounds = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        double[][] samples = interleaved(paths, request, calls, random);
        for (int m = 0; m < paths.size(); m++) {
          roundMedians[m][r] = median(samples[m]);
        }
        ratios[r] = roundMedians[0][r] / roundMedians[1][r];
        blockingRounds[r] = blockingRound(blocking, request, blockingCalls);
      }
      double becaMedian = median(roundMedians[0]);
      double plainMedian = median(roundMedians[1]);
      double serverMedian = median(roundMedians[2]);
      double blockingMedian = median(blockingRounds);
      double[] sortedRatios = ratios.clone();
      Arrays.sort(sortedRatios);
      System.out.printf(
          Locale.ROOT,
          "BECA gateway (streaming):            median %.1f us per call%n",
          becaMedian);
      System.out.printf(
          Locale.ROOT,
          "plain OllamaStreamingChatModel:      median %.1f us per call%n",
          plainMedian);
      System.out.printf(
          Locale.ROOT,
          "BECA's server model, no gateway:     median %.1f us per call%n",
          serverMedian);
      System.out.printf(
          Locale.ROOT,
          "plain OllamaChatModel (blocking):    median %.1f us per call%n",
          blockingMedian);
      System.out.printf(
          Locale.ROOT,
          "ratio BECA / plain streaming: %.3fx (rounds ranged %.3fx to %.3fx); "
              + "BECA / plain blocking: %.3fx (%d rounds x %d calls per path)%n",
          becaMedian / plainMedian,
          sortedRatios[0],
          sortedRatios[rounds - 1],
          becaMedian / blockingMedian,
          rounds,
          calls);
      System.out.printf(
          Locale.ROOT,
          "| Gateway overhead per chat call | %.0f us | plain streaming %.0f us (blocking %.0f us) | %.2fx | |%n",
          becaMedian,
          plainMedian,
          blockingMedian,
          becaMedian / plainMedian);
    }
    inMemory(rounds, calls * 10);
  }

  /**
   * BECA's own cost without sockets: the same gateway over a model that answers at once on the
   * calling thread, against calling that model directly. Isolates the gateway's work (chain, retry,
   * breaker, watchdog, translation) from loopback TCP timing, which dominates above.
   */
  private static void inMemory(int rounds, int calls) throws Exception {
    StreamingChatModel instant =
        new StreamingChatModel() {
          @Override
          public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
            handler.onPartialResponse("echo: ");
            handler.onPartialResponse("ping");
            handler.onCompleteResponse(
                ChatResponse.builder()
                    .aiMessage(dev.langchain4j.data.message.AiMessage.from("echo: ping"))
                    .build());
          }
        };
    ModelServer server =
        new ModelServer() {
          @Override
          public String name() {
            return "memory";
          }

          @Override
          public String kind() {
            return "memory";
          }

          @Override
          public String baseUrl() {
            return "memory:";
          }

          @Override
          public String version() {
            return "1";
          }

          @Override
          public java.util.List<ModelInfo> models() {
            return java.util.List.of();
          }

          @Override
          public java.util.Optional<ModelInfo> model(String name) {
            return java.util.Optional.empty();
          }

          @Override
          public StreamingChatModel streamingChatModel(String name, ModelParameters parameters) {
            return instant;
          }

          @Override
          public boolean managesModels() {
            return false;
          }

          @Override
          public void pull(String name, java.util.function.Consumer<PullProgress> progress) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void delete(String name) {
            throw new UnsupportedOperationException();
          }
        };
    StreamingChatModel beca =
        ModelManager.builder()
            .server(server)
            .defaultModel(ModelRole.GENERAL, "memory", "m")
            .build()
            .gateway()
            .streamingChatModel(ModelRole.GENERAL);
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("ping")).build();
    for (int i = 0; i < 3; i++) {
      round(beca, request, calls);
      round(instant, request, calls);
    }
    double[] becaRounds = new double[rounds];
    double[] plainRounds = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      becaRounds[r] = round(beca, request, calls);
      plainRounds[r] = round(instant, request, calls);
    }
    System.out.printf(
        Locale.ROOT,
        "in memory, no sockets: BECA gateway median %.2f us, direct call median %.2f us: "
            + "BECA's own work %.2f us per call%n",
        median(becaRounds),
        median(plainRounds),
        median(becaRounds) - median(plainRounds));
  }

  /**
   * Calls each path in turn, {@code calls} times each, in a fresh random order every turn, so that
   * drift in the machine's speed (other processes, frequency, GC) and whatever one call leaves
   * behind for the next reach all paths alike. Returns each path's call times in microseconds.
   */
  private static double[][] interleaved(
      List<StreamingChatModel> paths, ChatRequest request, int calls, Random random)
      throws Exception {
    double[][] micros = new double[paths.size()][calls];
    List<Integer> order = new ArrayList<>();
    for (int m = 0; m < paths.size(); m++) {
      order.add(m);
    }
    for (int i = 0; i < calls; i++) {
      Collections.shuffle(order, random);
      for (int m : order) {
        micros[m][i] = timedCall(paths.get(m), request);
      }
    }
    return micros;
  }

  /** The median call of one round, in microseconds. */
  private static double round(StreamingChatModel model, ChatRequest request, int calls)
      throws Exception {
    double[] micros = new double[calls];
    for (int i = 0; i < calls; i++) {
      micros[i] = timedCall(model, request);
    }
    return median(micros);
  }

  /** One streamed call, start to complete reply, in microseconds. */
  private static double timedCall(StreamingChatModel model, ChatRequest request) throws Exception {
    long start = System.nanoTime();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(
        request,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {}

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    if (!done.get(30, TimeUnit.SECONDS)
        .aiMessage()
        .text()
        .startsWith(OllamaLoopbackServer.ECHO_PREFIX)) {
      throw new IllegalStateException("unexpected reply");
    }
    return (System.nanoTime() - start) / 1e3;
  }

  private static double blockingRound(ChatModel model, ChatRequest request, int calls) {
    double[] micros = new double[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      if (!model.chat(request).aiMessage().text().startsWith(OllamaLoopbackServer.ECHO_PREFIX)) {
        throw new IllegalStateException("unexpected reply");
      }
      micros[i] = (System.nanoTime() - start) / 1e3;
    }
    return median(micros);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
