package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.app.BecaJar.Result;
import dev.beca.core.testkit.OllamaLoopbackServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beca serve} from the built jar, killed with SIGKILL while clients write (sessions,
 * threads, chats), then started again on the same data directory: it starts clean and every write
 * the clients saw acknowledged (a 201, or a chat's {@code done} event) is there.
 */
class ServeCrashIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern URL =
      Pattern.compile("BECA serves on (http://127\\.0\\.0\\.1:\\d+)/");
  private static final int WRITERS = 4;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 60;

  @TempDir Path home;
  @TempDir Path dataDir;
  private OllamaLoopbackServer ollama;
  private final List<Process> started = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** A write the server acknowledged: what to ask for after the restart and what must be there. */
  private record Acknowledged(String kind, String id, String expected) {}

  @BeforeEach
  void startOllama() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    ollama.close();
  }

  @Test
  void afterSigkillDuringWritesItRestartsCleanAndEveryAcknowledgedWriteIsThere() throws Exception {
    BecaJar jar = new BecaJar(home);
    Process first = serve(jar);
    String base = baseUrl(first);
    String token = token(jar);

    ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicInteger failures = new AtomicInteger();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      Thread thread =
          new Thread(
              () -> {
                for (int n = 0; ; n++) {
                  try {
                    write(base, token, writer, n, acknowledged);
                  } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                    return; // the server is gone
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "writer-" + w);
      thread.setDaemon(true);
      thread.start();
      writers.add(thread);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful close
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    for (Thread thread : writers) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    }
    List<Acknowledged> writes = List.copyOf(acknowledged);
    assertThat(writes).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
    assertThat(failures.get()).as("every writer saw the server go").isEqualTo(WRITERS);

    Process second = serve(jar);
    String again = baseUrl(second);
    assertThat(get(again, "/health", null).statusCode()).isEqualTo(200);
    for (Acknowledged write : writes) {
      String path = (write.kind().equals("thread") ? "/threads/" : "/sessions/") + write.id();
      HttpResponse<String> found = get(again, path + "?limit=1000", token);
      assertThat(found.statusCode()).as(write + ": " + found.body()).isEqualTo(200);
      assertThat(found.body()).as(write.toString()).contains(write.expected());
    }
    // Writing goes on after the restart.
    assertThat(post(again, "/threads", token, "{\"name\":\"after\"}").statusCode()).isEqualTo(201);
    System.out.printf(
        "ServeCrashIT: %d writes acknowledged before SIGKILL, all present after the restart%n",
        writes.size());
  }

  /** One write of the writer's turn: a session, a thread or a chat, in rotation. */
  private void write(
      String base, String token, int writer, int n, ConcurrentLinkedQueue<Acknowledged> sink)
      throws IOException, InterruptedException {
    String tag = "w" + writer + "-" + n;
    switch (n % 3) {
      case 0 -> {
        HttpResponse<String> r = post(base, "/sessions", token, "{\"title\":\"s-" + tag + "\"}");
        if (r.statusCode() == 201) {
          String id = JSON.readTree(r.body()).get("id").asText();
          sink.add(new Acknowledged("session", id, "\"s-" + tag + "\""));
        } else {
          throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
      }
      case 1 -> {
        HttpResponse<String> r = post(base, "/threads", token, "{\"name\":\"t-" + tag + "\"}");
        if (r.statusCode() == 201) {
          String id = JSON.readTree(r.body()).get("id").asText();
          sink.add(new Acknowledged("thread", id, "\"t-" + tag + "\""));
        } else {
          throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
      }
      default -> {
        HttpResponse<String> r = post(base, "/chat", token, "{\"message\":\"m-" + tag + "\"}");
        String session = null;
        JsonNode done = null;
        String event = null;
        for (String line : r.body().split("\n")) {
          if (line.startsWith("event: ")) {
            event = line.substring(7);
          } else if (line.startsWith("data: ") && "session".equals(event)) {
            session = JSON.readTree(line.substring(6)).get("session").asText();
          } else if (line.startsWith("data: ") && "done".equals(event)) {
            done = JSON.readTree(line.substring(6));
          }
        }
        if (r.statusCode() != 200 || session == null || done == null) {
          throw new IllegalStateException("chat not acknowledged: " + r.body());
        }
        // The done event acknowledges both messages: the question and the stored answer.
        sink.add(new Acknowledged("chat", session, "\"m-" + tag + "\""));
        sink.add(new Acknowledged("chat", session, "\"id\":" + done.get("answer").asLong()));
        sink.add(new Acknowledged("chat", session, "echo: m-" + tag));
      }
    }
  }

  private Process serve(BecaJar jar) throws IOException {
    Process process =
        jar.start(
            Map.of(),
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--ollama-url",
            ollama.baseUrl(),
            "--rate-limits",
            "none");
    started.add(process);
    return process;
  }

  private static String baseUrl(Process serve) throws IOException {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    BecaJar.pump(serve.getErrorStream(), stderr, new AtomicLong());
    BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder printed = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      printed.append(line).append('\n');
      Matcher m = URL.matcher(line);
      if (m.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    out.transferTo(java.io.Writer.nullWriter());
                  } catch (IOException e) {
                    // the process ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new AssertionError("beca serve printed no address: " + printed + " / " + stderr);
  }

  private String token(BecaJar jar) throws Exception {
    Result created =
        jar.run(
            "",
            Map.of(),
            "tokens",
            "create",
            "--role",
            "operator",
            "--name",
            "crash",
            "--data-dir",
            dataDir.toString());
    assertThat(created.exitCode()).as(created.toString()).isZero();
    return created.stdout().strip();
  }

  private HttpResponse<String> get(String base, String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String base, String path, String token, String json)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
