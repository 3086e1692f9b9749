package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.app.BecaJar.Result;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaReply;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beca serve} from the built jar as a subprocess: a token made by {@code beca tokens create}
 * while it runs lets a client in, threads are listed, and a chat streams from the loopback Ollama.
 */
class ServeJarIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern URL =
      Pattern.compile("BECA serves on (http://127\\.0\\.0\\.1:\\d+)/");

  @TempDir Path home;
  @TempDir Path dataDir;
  private OllamaLoopbackServer ollama;
  private Process serve;

  @BeforeEach
  void startOllama() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
  }

  @AfterEach
  void stop() throws Exception {
    if (serve != null && serve.isAlive()) {
      serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    ollama.close();
  }

  private Path project() throws Exception {
    Path project = home.resolve("project");
    Files.createDirectories(project);
    Files.writeString(project.resolve("README.md"), "A project to scan.\n");
    return project;
  }

  @Test
  void aClientWithATokenListsThreadsAndStreamsAChatReply() throws Exception {
    BecaJar jar = new BecaJar(home);
    serve =
        jar.start(
            Map.of(),
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--ollama-url",
            ollama.baseUrl(),
            "--project",
            project().toString());
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    BecaJar.pump(serve.getErrorStream(), stderr, new AtomicLong());
    BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    String base = null;
    StringBuilder printed = new StringBuilder();
    for (String line; base == null && (line = out.readLine()) != null; ) {
      printed.append(line).append('\n');
      Matcher m = URL.matcher(line);
      if (m.find()) {
        base = m.group(1);
      }
    }
    assertThat(base).as(printed + " / " + stderr).isNotNull();
    assertThat(out.readLine()).contains("beca tokens create --role");

    Result created =
        jar.run(
            "",
            Map.of(),
            "tokens",
            "create",
            "--role",
            "operator",
            "--name",
            "it",
            "--data-dir",
            dataDir.toString());
    assertThat(created.exitCode()).as(created.toString()).isZero();
    String secret = created.stdout().strip();
    assertThat(secret).startsWith("beca_");
    assertThat(created.stderr()).contains("Token 'it' (operator)");

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    // The web GUI's login form and its scripts come from the jar.
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/login")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("<label for=\"token\">Token</label>");
    HttpResponse<String> script =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/assets/chat.js")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(script.statusCode()).isEqualTo(200);
    HttpResponse<String> noToken =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/threads")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).isEqualTo(401);
    HttpResponse<String> threads =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/threads"))
                .header("Authorization", "Bearer " + secret)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(threads.statusCode()).as(threads.body()).isEqualTo(200);
    assertThat(JSON.readTree(threads.body()).get("threads").isArray()).isTrue();

    // The model, scan and learning routes are wired; paths stay inside --project.
    for (String read :
        new String[] {"/models/history", "/models/updates", "/lessons", "/patterns"}) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(base + read))
                  .header("Authorization", "Bearer " + secret)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(read + " " + answer.body()).isEqualTo(200);
    }
    HttpResponse<String> outside =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/secrets/scan"))
                .header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"..\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(outside.statusCode()).as(outside.body()).isEqualTo(400);
    assertThat(JSON.readTree(outside.body()).get("code").asText()).isEqualTo("outside_project");
    HttpResponse<String> scan =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/secrets/scan"))
                .header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\".\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
    assertThat(JSON.readTree(scan.body()).get("filesScanned").asInt()).isEqualTo(1);

    ollama.enqueue(OllamaReply.text("Records ", "are ", "immutable."));
    HttpResponse<String> chat =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/chat"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"What are records?\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    StringBuilder text = new StringBuilder();
    JsonNode done = null;
    String event = null;
    for (String line : chat.body().split("\n")) {
      if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ") && "token".equals(event)) {
        text.append(JSON.readTree(line.substring(6)).get("text").asText());
      } else if (line.startsWith("data: ") && "done".equals(event)) {
        done = JSON.readTree(line.substring(6));
      }
    }
    assertThat(text).hasToString("Records are immutable.");
    assertThat(done).as(chat.body()).isNotNull();
    assertThat(done.get("model").asText()).startsWith("llama3.2");
    assertThat(ollama.lastChatRequest().lastUserText()).isEqualTo("What are records?");

    serve.destroy();
    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("beca serve stops on SIGTERM").isTrue();
    Result audit = jar.run("", Map.of(), "audit", "--json", "--data-dir", dataDir.toString());
    assertThat(audit.stdout()).contains("api:it").contains("POST /chat").contains("api:-");
  }
}
