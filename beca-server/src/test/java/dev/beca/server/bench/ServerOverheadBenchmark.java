package dev.beca.server.bench;

import dev.beca.core.access.AccessRole;
import dev.beca.core.access.InMemoryApiTokens;
import dev.beca.core.agent.InMemoryDecisionAuditLog;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.model.ModelRole;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.models.ModelManager;
import dev.beca.models.OllamaModelServer;
import dev.beca.models.OllamaSettings;
import dev.beca.server.BecaServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Benchmark harness: what BECA's HTTP API adds over calling the same library in-process, same data,
 * same run.
 *
 * <ul>
 *   <li>Read endpoint: {@code GET /threads} (token check, routing, JSON, loopback HTTP/1.1 with
 *       keep-alive, the JDK client reading the body) against {@code ThreadStore.list()} on the same
 *       SQLite knowledge base, and {@code GET /sessions} against {@code SessionStore.recent(20)}.
 *       The figure is the difference of the medians (goal: at most 1 ms).
 *   <li>Streaming chat against the CLI path: {@code POST /chat} into an existing session, read to
 *       its {@code done} event, against one turn as {@code beca chat} takes it in-process (the
 *       session's current thread, {@code Assistant.respond} with the reply printed to a writer as
 *       it streams), each into a session of its own made once per round (the CLI makes its session
 *       on the first message and continues it). Same assistant, same stores, same loopback Ollama
 *       server through BECA's gateway. The figure is the ratio of the medians (goal: at most 1.05).
 *       Also {@code POST /chat} without a session (the server makes one per turn) against session
 *       creation plus {@code Assistant.respond}, the comparison of the earlier figures.
 *   <li>The same HTTP paths on a second server over the same stores but with the tokens and the
 *       audit in memory: splits the HTTP layer's share from the token lookup and the durable audit
 *       row (a chat is an operator action, audited before it runs).
 *   <li>Then the chat comparison again (into a session over HTTP, durable and in memory, against
 *       the CLI turn) with the loopback Ollama server streaming at a local model's pace: {@code
 *       PACE_MS} between chunks, one word a chunk (20 ms = 50 tokens/s by default, about what a
 *       small quantised model generates on a consumer GPU; the loopback model without a pace
 *       answers 44 words in about 5 ms, which no real model does, so its ratio is a worst case for
 *       a fixed cost). Both figures are printed; the goal is judged on neither alone.
 * </ul>
 *
 * <p>Calls alternate between the paths one by one in random order, so that drift in the machine's
 * speed reaches both alike; each round's figure is its median call per path, the result the median
 * round; the first round warms up and is not counted. Run it with:
 *
 * <pre>
 * java -cp ... dev.beca.server.bench.ServerOverheadBenchmark \
 *     [ROUNDS READS CHATS [PACED_ROUNDS PACED_CHATS [PACE_MS]]]   # default 11 300 30 5 8 20
 * </pre>
 */
public final class ServerOverheadBenchmark {

  private static final int CHAT_PATHS = 5;
  private static final String FILLER = " lorem ipsum dolor sit amet".repeat(8);

  private ServerOverheadBenchmark() {}

  /** Runs the benchmark and prints the figures. */
  public static void main(String[] args) throws Exception {
    // As in GatewayOverheadBenchmark: without TCP_NODELAY the JDK's HttpServer (the loopback
    // Ollama) meets delayed ACKs and stalls streamed chunks, measuring TCP instead of BECA.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
    int reads = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int chats = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int pacedRounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int pacedChats = args.length > 4 ? Integer.parseInt(args[4]) : 8;
    Duration pace = Duration.ofMillis(args.length > 5 ? Long.parseLong(args[5]) : 20);
    Path dir = Files.createTempDirectory("beca-server-bench");
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
        SqliteKnowledgeBase kb =
            SqliteKnowledgeBase.builder().dataDirectory(dir).withoutEmbeddings().open()) {
      ollama.setDefaultReply(r -> OllamaReply.words("answer to " + r.lastUserText() + FILLER));
      ModelManager models =
          ModelManager.builder()
              .server(
                  new OllamaModelServer(
                      "ollama",
                      OllamaSettings.builder()
                          .baseUrl(ollama.baseUrl())
                          .timeout(Duration.ofSeconds(60))
                          .build()))
              .defaultModel(ModelRole.GENERAL, "ollama", "llama3.2")
              .build();
      Assistant assistant =
          Assistant.builder()
              .messages(kb.messages())
              .sessions(kb.sessions())
              .models(models.gateway())
              .build();
      for (int i = 0; i < 20; i++) {
        kb.threads().create("thread " + i);
        kb.sessions().create("session " + i);
      }
      InMemoryApiTokens memoryTokens = new InMemoryApiTokens();
      try (BecaServer server =
              BecaServer.builder()
                  .tokens(kb.apiTokens())
                  .audit(kb.decisionAudit())
                  .sessions(kb.sessions())
                  .messages(kb.messages())
                  .threads(kb.threads())
                  .assistant(assistant)
                  .gateway(models.gateway())
                  .port(0)
                  .build();
          BecaServer light =
              BecaServer.builder()
                  .tokens(memoryTokens)
                  .audit(new InMemoryDecisionAuditLog())
                  .sessions(kb.sessions())
                  .messages(kb.messages())
                  .threads(kb.threads())
                  .assistant(assistant)
                  .gateway(models.gateway())
                  .port(0)
                  .build()) {
        InetSocketAddress address = server.start();
        String base = "http://127.0.0.1:" + address.getPort();
        String lightBase = "http://127.0.0.1:" + light.start().getPort();
        String token =
            kb.apiTokens().create("bench", AccessRole.OPERATOR, Optional.empty()).secret();
        String lightToken =
            memoryTokens.create("bench", AccessRole.OPERATOR, Optional.empty()).secret();
        String lightAdmin =
            memoryTokens.create("bench-admin", AccessRole.ADMIN, Optional.empty()).secret();
        long[] lightSum = new long[2]; // nanos of every POST /chat to the light server, and count
        long[] cliSum = new long[2];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest threads =
            HttpRequest.newBuilder(URI.create(base + "/threads"))
                .header("Authorization", "Bearer " + token)
                .build();
        HttpRequest sessions =
            HttpRequest.newBuilder(URI.create(base + "/sessions"))
                .header("Authorization", "Bearer " + token)
                .build();
        HttpRequest lightThreads =
            HttpRequest.newBuilder(URI.create(lightBase + "/threads"))
                .header("Authorization", "Bearer " + lightToken)
                .build();
        Random random = new Random(7);

        double[][] read = new double[5][rounds];
        double[][] chat = new double[CHAT_PATHS][rounds];
        for (int round = 0; round <= rounds; round++) {
          List<List<Long>> times = new ArrayList<>();
          for (int p = 0; p < 5; p++) {
            times.add(new ArrayList<>());
          }
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < reads; i++) {
            order.addAll(List.of(0, 1, 2, 3, 4));
          }
          Collections.shuffle(order, random);
          for (int path : order) {
            long t0 = System.nanoTime();
            switch (path) {
              case 0 -> expect(http.send(threads, HttpResponse.BodyHandlers.ofString()), 200);
              case 1 -> sink(kb.threads().list().size());
              case 2 -> expect(http.send(sessions, HttpResponse.BodyHandlers.ofString()), 200);
              case 3 -> sink(kb.sessions().recent(20).size());
              default -> expect(http.send(lightThreads, HttpResponse.BodyHandlers.ofString()), 200);
            }
            times.get(path).add(System.nanoTime() - t0);
          }
          List<List<Long>> chatTimes = new ArrayList<>();
          for (int p = 0; p < CHAT_PATHS; p++) {
            chatTimes.add(new ArrayList<>());
          }
          // A conversation of its own per path and round (made before the timing): the CLI makes
          // its session once, on the first message, and every later turn continues it.
          String httpSession = kb.sessions().create("bench http").id();
          String lightSession = kb.sessions().create("bench light").id();
          String cliSession = kb.sessions().create("beca chat").id();
          List<Integer> chatOrder = new ArrayList<>();
          for (int i = 0; i < chats; i++) {
            for (int p = 0; p < CHAT_PATHS; p++) {
              chatOrder.add(p);
            }
          }
          Collections.shuffle(chatOrder, random);
          int n = 0;
          for (int path : chatOrder) {
            String message = "question " + round + "-" + n++;
            long t0 = System.nanoTime();
            switch (path) {
              case 0 -> chatOverHttp(http, base, token, httpSession, message);
              case 1 -> cliTurn(kb, assistant, cliSession, message);
              case 2 -> chatOverHttp(http, lightBase, lightToken, lightSession, message);
              case 3 -> chatOverHttp(http, base, token, null, message);
              default -> {
                String session = kb.sessions().create("").id();
                StringBuilder text = new StringBuilder();
                assistant.respond(session, OptionalLong.empty(), message, text::append);
                sink(text.length());
              }
            }
            long took = System.nanoTime() - t0;
            chatTimes.get(path).add(took);
            if (path == 2) {
              lightSum[0] += took;
              lightSum[1]++;
            } else if (path == 1) {
              cliSum[0] += took;
              cliSum[1]++;
            }
          }
          if (round == 0) {
            continue; // warm-up
          }
          for (int p = 0; p < 5; p++) {
            read[p][round - 1] = median(times.get(p)) / 1e6;
          }
          for (int p = 0; p < CHAT_PATHS; p++) {
            chat[p][round - 1] = median(chatTimes.get(p)) / 1e6;
          }
          System.out.printf(
              "round %2d: GET /threads %.3f ms vs list() %.3f ms; GET /sessions %.3f ms vs"
                  + " recent(20) %.3f ms; GET /threads (memory tokens) %.3f ms; POST /chat %.2f ms"
                  + " vs CLI turn %.2f ms, memory tokens and audit %.2f ms; new session each:"
                  + " POST /chat %.2f ms vs respond %.2f ms%n",
              round,
              read[0][round - 1],
              read[1][round - 1],
              read[2][round - 1],
              read[3][round - 1],
              read[4][round - 1],
              chat[0][round - 1],
              chat[1][round - 1],
              chat[2][round - 1],
              chat[3][round - 1],
              chat[4][round - 1]);
        }
        // Where the light server's time goes (means over every round, warm-up included, as its
        // meters count them): the client's whole exchange, the server's handler (the gate to the
        // last event written), the turn on its own thread (from before the hand-off to the stored
        // reply).
        String scrape =
            http.send(
                    HttpRequest.newBuilder(URI.create(lightBase + "/metrics"))
                        .header("Authorization", "Bearer " + lightAdmin)
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        double handler =
            meter(scrape, "http_server_requests_seconds_sum", "uri=\"/chat\"")
                / meter(scrape, "http_server_requests_seconds_count", "uri=\"/chat\"");
        double turn =
            meter(scrape, "beca_chat_turn_seconds_sum", "outcome=\"done\"")
                / meter(scrape, "beca_chat_turn_seconds_count", "outcome=\"done\"");
        double client = lightSum[0] / 1e9 / lightSum[1];
        double cli = cliSum[0] / 1e9 / cliSum[1];
        System.out.printf(
            "Light server, means of all %d turns: client's POST /chat %.2f ms = HTTP client, Jetty"
                + " and Javalin %.2f ms + handler (gate, body, session check, stream) %.2f ms, of"
                + " which the turn on its thread %.2f ms; the CLI turn %.2f ms%n",
            lightSum[1],
            client * 1e3,
            (client - handler) * 1e3,
            handler * 1e3,
            turn * 1e3,
            cli * 1e3);
        // The same comparison against a model at a local model's pace: the loopback server waits
        // between chunks as a model generating PACE per token would (20 ms = 50 tokens/s, a small
        // quantised model on a consumer GPU; a CPU-only one is slower still, which would only
        // shrink the ratio further).
        ollama.setDefaultReply(
            r -> OllamaReply.words("answer to " + r.lastUserText() + FILLER).withChunkDelay(pace));
        double[][] paced = new double[3][pacedRounds];
        for (int round = 0; round <= pacedRounds; round++) {
          List<List<Long>> pacedTimes =
              List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
          String httpSession = kb.sessions().create("paced http").id();
          String lightSession = kb.sessions().create("paced light").id();
          String cliSession = kb.sessions().create("paced chat").id();
          List<Integer> pacedOrder = new ArrayList<>();
          for (int i = 0; i < pacedChats; i++) {
            pacedOrder.addAll(List.of(0, 1, 2));
          }
          Collections.shuffle(pacedOrder, random);
          int n = 0;
          for (int path : pacedOrder) {
            String message = "paced question " + round + "-" + n++;
            long t0 = System.nanoTime();
            switch (path) {
              case 0 -> chatOverHttp(http, base, token, httpSession, message);
              case 1 -> cliTurn(kb, assistant, cliSession, message);
              default -> chatOverHttp(http, lightBase, lightToken, lightSession, message);
            }
            pacedTimes.get(path).add(System.nanoTime() - t0);
          }
          if (round == 0) {
            continue; // warm-up
          }
          for (int p = 0; p < 3; p++) {
            paced[p][round - 1] = median(pacedTimes.get(p)) / 1e6;
          }
          System.out.printf(
              "paced round %d (%d ms a token): POST /chat %.2f ms vs CLI turn %.2f ms, memory"
                  + " tokens and audit %.2f ms%n",
              round,
              pace.toMillis(),
              paced[0][round - 1],
              paced[1][round - 1],
              paced[2][round - 1]);
        }
        double threadsHttp = median(read[0]);
        double threadsLib = median(read[1]);
        double sessionsHttp = median(read[2]);
        double sessionsLib = median(read[3]);
        double chatHttp = median(chat[0]);
        double chatCli = median(chat[1]);
        double chatLight = median(chat[2]);
        double chatNewHttp = median(chat[3]);
        double chatNewLib = median(chat[4]);
        double threadsLight = median(read[4]);
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
          ratios[i] = chat[0][i] / chat[1][i];
        }
        System.out.printf(
            "%nRead endpoint (median of %d rounds x %d calls per path):%n", rounds, reads);
        System.out.printf(
            "  GET /threads      %.3f ms   ThreadStore.list()      %.3f ms   overhead %.3f ms%n",
            threadsHttp, threadsLib, threadsHttp - threadsLib);
        System.out.printf(
            "  GET /sessions     %.3f ms   SessionStore.recent(20) %.3f ms   overhead %.3f ms%n",
            sessionsHttp, sessionsLib, sessionsHttp - sessionsLib);
        System.out.printf(
            "  GET /threads, tokens in memory %.3f ms                          overhead %.3f ms%n",
            threadsLight, threadsLight - threadsLib);
        System.out.printf(
            "Streaming chat (median of %d rounds x %d turns per path, %d-word replies):%n",
            rounds, chats, FILLER.split(" ").length + 3);
        System.out.printf(
            "  POST /chat (session)  %.2f ms   CLI turn (same session kind) %.2f ms   ratio %.3fx"
                + " (+%.2f ms); median of the rounds' ratios %.3fx%n",
            chatHttp, chatCli, chatHttp / chatCli, chatHttp - chatCli, median(ratios));
        System.out.printf(
            "  POST /chat, tokens and audit in memory %.2f ms                 ratio %.3fx (+%.2f"
                + " ms)%n",
            chatLight, chatLight / chatCli, chatLight - chatCli);
        System.out.printf(
            "  POST /chat, new session each %.2f ms   create + respond %.2f ms   ratio %.3fx (+%.2f"
                + " ms)%n",
            chatNewHttp, chatNewLib, chatNewHttp / chatNewLib, chatNewHttp - chatNewLib);
        double pacedHttp = median(paced[0]);
        double pacedCli = median(paced[1]);
        double pacedLight = median(paced[2]);
        double[] pacedRatios = new double[pacedRounds];
        for (int i = 0; i < pacedRounds; i++) {
          pacedRatios[i] = paced[0][i] / paced[1][i];
        }
        System.out.printf(
            "Streaming chat at %d ms a token (median of %d rounds x %d turns per path):%n",
            pace.toMillis(), pacedRounds, pacedChats);
        System.out.printf(
            "  POST /chat (session)  %.2f ms   CLI turn %.2f ms   ratio %.4fx (+%.2f ms); median of"
                + " the rounds' ratios %.4fx%n",
            pacedHttp, pacedCli, pacedHttp / pacedCli, pacedHttp - pacedCli, median(pacedRatios));
        System.out.printf(
            "  POST /chat, tokens and audit in memory %.2f ms   ratio %.4fx (+%.2f ms)%n",
            pacedLight, pacedLight / pacedCli, pacedLight - pacedCli);
      }
    }
  }

  /** One turn over HTTP, read to its {@code done} event; {@code session} null for a new one. */
  private static void chatOverHttp(
      HttpClient http, String base, String token, String session, String message) throws Exception {
    String body =
        session == null
            ? "{\"message\":\"" + message + "\"}"
            : "{\"session\":\"" + session + "\",\"message\":\"" + message + "\"}";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/chat"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(r, 200);
    if (!r.body().contains("event: done")) {
      throw new IllegalStateException("the chat did not end with done: " + r.body());
    }
  }

  /**
   * One turn as {@code beca chat} takes it (ChatCommand.turn without a project): the session's
   * current thread, then the assistant, the reply printed as it streams to a writer.
   */
  private static void cliTurn(
      SqliteKnowledgeBase kb, Assistant assistant, String session, String message) {
    StringWriter terminal = new StringWriter();
    PrintWriter out = new PrintWriter(terminal);
    OptionalLong thread = kb.threads().current(session);
    assistant.respond(
        session,
        thread,
        message,
        piece -> {
          out.print(piece);
          out.flush();
        });
    out.println();
    out.flush();
    sink(terminal.getBuffer().length());
  }

  /** The value of the first series of a meter with a tag, in a Prometheus scrape. */
  private static double meter(String scrape, String name, String tag) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(name + "{") && line.contains(tag))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + name + " with " + tag));
  }

  private static void expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(response.statusCode() + ": " + response.body());
    }
  }

  private static volatile long sunk;

  private static void sink(long value) {
    sunk += value;
  }

  private static double median(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
