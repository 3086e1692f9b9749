package dev.beca.models.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.core.testkit.OllamaModelSpec;
import dev.beca.core.testkit.OllamaNames;
import dev.beca.core.testkit.OllamaPullReply;
import dev.beca.core.testkit.OllamaReply;
import dev.beca.core.testkit.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loopback server's wire format, checked with the JDK's own HTTP client: the endpoints
 * LangChain4j does not call (pull, version, health) and the details LangChain4j would hide.
 */
class OllamaLoopbackProtocolTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  // Go's RFC3339Nano: fraction without trailing zeros, or none.
  private static final String RFC3339_NANO =
      "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d*[1-9])?Z";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private OllamaLoopbackServer ollama;

  @BeforeEach
  void startServer() {
    ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
  }

  @AfterEach
  void stopServer() {
    ollama.close();
  }

  private HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ollama.baseUrl() + path)).timeout(Duration.ofSeconds(2));
    request.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private static List<JsonNode> lines(String ndjson) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    for (String line : ndjson.split("\n")) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  @Test
  void rootAnswersOllamaIsRunningToGetAndHead() throws Exception {
    HttpResponse<String> get = send("GET", "/", null);
    HttpResponse<String> head = send("HEAD", "/", null);

    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("Ollama is running");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void versionIsReportedAndCanBeChanged() throws Exception {
    assertThat(send("GET", "/api/version", null).body()).isEqualTo("{\"version\":\"0.12.6\"}");

    ollama.setVersion("0.5.1");

    assertThat(send("GET", "/api/version", null).body()).isEqualTo("{\"version\":\"0.5.1\"}");
  }

  @Test
  void unknownPathsAndWrongMethodsGetGinsPlain404() throws Exception {
    HttpResponse<String> unknown = send("GET", "/api/nothing", null);
    HttpResponse<String> wrongMethod = send("GET", "/api/chat", null);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("404 page not found");
    assertThat(wrongMethod.statusCode()).isEqualTo(404);
  }

  @Test
  void chatStreamsNdjsonByDefaultAndEndsWithDoneRecordCarryingStatistics() throws Exception {
    ollama.enqueue(OllamaReply.text("Hel", "lo"));

    HttpResponse<String> response =
        send(
            "POST",
            "/api/chat",
            "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    List<JsonNode> records = lines(response.body());
    assertThat(records).hasSize(3);
    for (JsonNode chunk : records.subList(0, 2)) {
      assertThat(chunk.path("model").asText()).isEqualTo("llama3.2:latest");
      assertThat(chunk.path("created_at").asText()).matches(RFC3339_NANO);
      assertThat(chunk.path("message").path("role").asText()).isEqualTo("assistant");
      assertThat(chunk.path("done").asBoolean()).isFalse();
    }
    assertThat(records)
        .extracting(r -> r.path("message").path("content").asText())
        .containsExactly("Hel", "lo", "");
    JsonNode done = records.get(2);
    assertThat(done.path("done").asBoolean()).isTrue();
    assertThat(done.path("done_reason").asText()).isEqualTo("stop");
    for (String metric :
        List.of(
            "total_duration",
            "load_duration",
            "prompt_eval_count",
            "prompt_eval_duration",
            "eval_count",
            "eval_duration")) {
      assertThat(done.path(metric).asLong()).as(metric).isPositive();
    }
  }

  @Test
  void chatWithoutStreamingAnswersOneJsonObject() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/chat",
            "{\"model\":\"llama3.2:latest\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");

    JsonNode body = JSON.readTree(response.body());
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(body.path("message").path("content").asText()).isEqualTo("echo: hi there");
    assertThat(body.path("done").asBoolean()).isTrue();
    assertThat(body.path("eval_count").asInt()).isEqualTo(3);
  }

  @Test
  void chatToolCallCarriesArgumentsAsJsonObject() throws Exception {
    ollama.enqueue(OllamaReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));

    JsonNode body =
        JSON.readTree(
            send(
                    "POST",
                    "/api/chat",
                    "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"?\"}]}")
                .body());

    JsonNode function = body.path("message").path("tool_calls").get(0).path("function");
    assertThat(function.path("name").asText()).isEqualTo("get_weather");
    assertThat(function.path("arguments").isObject()).isTrue();
    assertThat(function.path("arguments").path("city").asText()).isEqualTo("Paris");
    assertThat(body.path("done_reason").asText()).isEqualTo("stop");
  }

  @Test
  void malformedRequestsGetOllamasBadRequestErrors() throws Exception {
    HttpResponse<String> noBody = send("POST", "/api/chat", null);
    HttpResponse<String> noModel = send("POST", "/api/chat", "{\"messages\":[]}");
    HttpResponse<String> notJson = send("POST", "/api/chat", "{oops");

    assertThat(noBody.statusCode()).isEqualTo(400);
    assertThat(noBody.body()).isEqualTo("{\"error\":\"missing request body\"}");
    assertThat(noModel.statusCode()).isEqualTo(400);
    assertThat(noModel.body()).isEqualTo("{\"error\":\"model is required\"}");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(ollama.requests("/api/chat")).extracting(RecordedRequest::body).contains("{oops");
  }

  @Test
  void chatWithoutMessagesOnlyLoadsTheModel() throws Exception {
    JsonNode body =
        JSON.readTree(send("POST", "/api/chat", "{\"model\":\"llama3.2\",\"messages\":[]}").body());

    assertThat(body.path("done_reason").asText()).isEqualTo("load");
    assertThat(ollama.runningModels()).containsExactly("llama3.2:latest");
  }

  @Test
  void showAcceptsModelFieldAndLegacyNameField() throws Exception {
    HttpResponse<String> byModel = send("POST", "/api/show", "{\"model\":\"llama3.2\"}");
    HttpResponse<String> byName = send("POST", "/api/show", "{\"name\":\"llama3.2:latest\"}");
    HttpResponse<String> unknown = send("POST", "/api/show", "{\"model\":\"x\"}");

    assertThat(byModel.statusCode()).isEqualTo(200);
    assertThat(byName.body()).isEqualTo(byModel.body());
    assertThat(JSON.readTree(byModel.body()).path("capabilities").toString())
        .isEqualTo("[\"completion\",\"tools\"]");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"model 'x' not found\"}");
  }

  @Test
  void pullStreamsProgressThenTheModelAppearsInTags() throws Exception {
    OllamaModelSpec phi = OllamaModelSpec.of("phi4").withSize(9_053_116_391L);
    ollama.addPullable(phi);

    HttpResponse<String> response = send("POST", "/api/pull", "{\"model\":\"phi4\"}");

    List<JsonNode> records = lines(response.body());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    assertThat(records.get(0).path("status").asText()).isEqualTo("pulling manifest");
    JsonNode firstLayer = records.get(1);
    assertThat(firstLayer.path("status").asText())
        .startsWith("pulling ")
        .hasSize("pulling ".length() + 12);
    assertThat(firstLayer.path("digest").asText()).matches("sha256:[0-9a-f]{64}");
    assertThat(firstLayer.path("total").asLong()).isPositive();
    assertThat(records)
        .filteredOn(r -> r.has("completed"))
        .extracting(r -> r.path("completed").asLong())
        .isNotEmpty()
        .allMatch(completed -> completed > 0);
    assertThat(records.subList(records.size() - 3, records.size()))
        .extracting(r -> r.path("status").asText())
        .containsExactly("verifying sha256 digest", "writing manifest", "success");
    assertThat(ollama.model("phi4"))
        .hasValueSatisfying(m -> assertThat(m.digest()).isEqualTo(phi.digest()));
    assertThat(send("GET", "/api/tags", null).body()).contains("\"name\":\"phi4:latest\"");
  }

  @Test
  void pullWithoutStreamingAnswersOnlyTheFinalStatus() throws Exception {
    ollama.addPullable(OllamaModelSpec.of("phi4"));

    HttpResponse<String> response =
        send("POST", "/api/pull", "{\"name\":\"phi4\",\"stream\":false}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"success\"}");
  }

  @Test
  void pullOfUnknownModelStreamsManifestError() throws Exception {
    List<JsonNode> records =
        lines(send("POST", "/api/pull", "{\"model\":\"no-such-model\"}").body());

    assertThat(records)
        .extracting(JsonNode::toString)
        .containsExactly(
            "{\"status\":\"pulling manifest\"}",
            "{\"error\":\"pull model manifest: file does not exist\"}");
  }

  @Test
  void scriptedPullErrorEndsTheStreamAndInstallsNothing() throws Exception {
    ollama.addPullable(OllamaModelSpec.of("phi4"));
    ollama.enqueuePull(OllamaPullReply.failingAfter(3, "max retries exceeded: unexpected EOF"));

    List<JsonNode> records = lines(send("POST", "/api/pull", "{\"model\":\"phi4\"}").body());

    assertThat(records).hasSize(4);
    assertThat(records.get(3).path("error").asText())
        .isEqualTo("max retries exceeded: unexpected EOF");
    assertThat(ollama.model("phi4")).isEmpty();
  }

  @Test
  void deleteAnswers200ThenNotFound() throws Exception {
    HttpResponse<String> first = send("DELETE", "/api/delete", "{\"model\":\"llama3.2\"}");
    HttpResponse<String> second = send("DELETE", "/api/delete", "{\"model\":\"llama3.2\"}");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(404);
    assertThat(second.body()).isEqualTo("{\"error\":\"model 'llama3.2' not found\"}");
  }

  @Test
  void everyRequestIsRecordedWithMethodPathHeadersAndParsedBody() throws Exception {
    send("GET", "/api/tags", null);
    send("POST", "/api/show", "{\"model\":\"llama3.2\"}");

    List<RecordedRequest> requests = ollama.requests();
    assertThat(requests)
        .extracting(RecordedRequest::method, RecordedRequest::path)
        .containsExactly(tuple("GET", "/api/tags"), tuple("POST", "/api/show"));
    assertThat(requests.get(1).json().path("model").asText()).isEqualTo("llama3.2");
    assertThat(requests.get(1).header("content-type")).hasValue("application/json");
    assertThat(ollama.requestCount("/api/show")).isEqualTo(1);
  }

  @Test
  void modelNamesResolveLikeOllama() {
    assertThat(OllamaNames.normalize("llama3.2")).isEqualTo("llama3.2:latest");
    assertThat(OllamaNames.normalize("registry.ollama.ai/library/llama3.2:3b"))
        .isEqualTo("llama3.2:3b");
    assertThat(OllamaNames.normalize("me/coder")).isEqualTo("me/coder:latest");
    assertThat(OllamaNames.normalize("hf.co/org/model:Q4_K_M")).isEqualTo("hf.co/org/model:Q4_K_M");
    assertThat(OllamaNames.qualified("llama3.2"))
        .isEqualTo("registry.ollama.ai/library/llama3.2:latest");
    assertThat(OllamaNames.key("LLAMA3.2")).isEqualTo(OllamaNames.key("llama3.2:latest"));
  }
}
