package dev.beca.server;

import static dev.beca.server.AccessControlTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.limits.RateLimits;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input over real HTTP: every refusal is a JSON error, never a stack trace or a 500. */
class RequestValidationTest {

  @TempDir Path dataDir;
  private ServerFixture fixture;

  @BeforeEach
  void start() {
    fixture = new ServerFixture(dataDir, RateLimits::unlimited, 4096);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void malformedJsonIsA400() throws Exception {
    assertError(fixture.post("/threads", fixture.operator, "{\"name\": "), 400, "invalid_json");
    assertError(fixture.post("/threads", fixture.operator, "[1,2]"), 400, "invalid_json");
    assertError(fixture.post("/threads", fixture.operator, "{} {}"), 400, "invalid_json");
    assertError(fixture.post("/threads", fixture.operator, ""), 400, "missing_body");
    assertError(
        fixture.post("/threads/1/link", fixture.operator, "{\"message\":\"abc\"}"),
        400,
        "invalid_json");
  }

  @Test
  void anUnknownFieldIsA400NamingIt() throws Exception {
    HttpResponse<String> response =
        fixture.post("/threads", fixture.operator, "{\"name\":\"x\",\"colour\":\"red\"}");

    assertError(response, 400, "unknown_field");
    assertThat(response.body()).contains("colour");
    assertThat(fixture.kb.threads().list()).isEmpty();
  }

  @Test
  void anOversizedBodyIsA413AndNothingIsStored() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(10_000) + "\"}";

    assertError(fixture.post("/threads", fixture.operator, big), 413, "body_too_large");
    assertThat(fixture.kb.threads().list()).isEmpty();
  }

  @Test
  void anOversizedChunkedBodyWithoutLengthIsA413Too() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", fixture.address.getPort())) {
      OutputStream out = socket.getOutputStream();
      StringBuilder request =
          new StringBuilder(
              "POST /threads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\nAuthorization: Bearer "
                  + fixture.operator
                  + "\r\n\r\n");
      request.append("9\r\n{\"name\":\"\r\n");
      for (int i = 0; i < 10; i++) {
        request.append("3e8\r\n").append("x".repeat(1000)).append("\r\n");
      }
      request.append("2\r\n\"}\r\n0\r\n\r\n");
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer.lines().findFirst().orElse("")).startsWith("HTTP/1.1 413");
      assertThat(answer).contains("\"code\":\"body_too_large\"");
    }
    assertThat(fixture.kb.threads().list()).isEmpty();
  }

  @Test
  void idsInPathsAreValidatedAndTraversalIsRefused() throws Exception {
    assertError(fixture.get("/sessions/a..b", fixture.viewer), 400, "invalid_id");
    assertError(fixture.get("/sessions/..", fixture.viewer), 400, "invalid_id");
    assertError(fixture.get("/threads/abc", fixture.viewer), 400, "invalid_id");
    assertError(fixture.get("/threads/-1", fixture.viewer), 400, "invalid_id");
    assertError(fixture.get("/threads/99999999999999999999", fixture.viewer), 400, "invalid_id");
    assertError(fixture.get("/threads/42", fixture.viewer), 404, "not_found");
    assertError(fixture.get("/sessions/no-such-session", fixture.viewer), 404, "not_found");
    HttpResponse<String> encoded = fixture.get("/sessions/..%2F..%2Fetc%2Fpasswd", fixture.viewer);
    assertThat(encoded.statusCode()).isEqualTo(400);
    assertThat(encoded.body()).startsWith("{\"code\":").doesNotContain("Exception");
    HttpResponse<String> trend = fixture.get("/benchmarks/..%5C..%5Cx/trend", fixture.viewer);
    assertThat(trend.statusCode()).isEqualTo(400);
    assertThat(trend.body()).startsWith("{\"code\":");
  }

  @Test
  void aRawTraversalLineIsAnsweredInJsonToo() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", fixture.address.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /sessions/../../etc/passwd HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + fixture.viewer
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).doesNotContain("root:").doesNotContain("Exception");
      assertThat(answer.lines().findFirst().orElse("")).matches("HTTP/1.1 (400|404) .*");
      assertThat(answer).contains("{\"code\":");
    }
  }

  @Test
  void unknownRoutesAndMethodsAreJsonErrors() throws Exception {
    assertError(fixture.get("/nowhere", fixture.viewer), 404, "no_route");
    HttpResponse<String> put =
        fixture.http.send(
            fixture
                .request("/threads", fixture.admin)
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertError(put, 405, "method_not_allowed");
  }

  @Test
  void badQueryParametersAreA400() throws Exception {
    assertError(fixture.get("/sessions?limit=0", fixture.viewer), 400, "invalid_query");
    assertError(fixture.get("/sessions?limit=many", fixture.viewer), 400, "invalid_query");
    assertError(fixture.get("/search", fixture.viewer), 400, "invalid_query");
    assertError(fixture.get("/search?q=x&mode=guess", fixture.viewer), 400, "invalid_query");
  }
}
