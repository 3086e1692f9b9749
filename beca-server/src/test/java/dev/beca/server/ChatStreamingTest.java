package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MessageRole;
import dev.beca.core.limits.RateLimits;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /chat over real HTTP: the events, what is stored, disconnects, slow clients, limits. */
class ChatStreamingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private ServerFixture fixture;

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void theReplyStreamsAsServerSentEventsAndBothMessagesAreStored() throws Exception {
    fixture = new ServerFixture(dataDir);

    HttpResponse<String> response =
        fixture.post("/chat", fixture.operator, "{\"message\":\"Say hello\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/event-stream");
    List<String[]> events = events(response.body());
    assertThat(events)
        .extracting(e -> e[0])
        .containsExactly("session", "token", "token", "token", "token", "done");
    String session = JSON.readTree(events.get(0)[1]).get("session").asText();
    StringBuilder text = new StringBuilder();
    for (String[] e : events.subList(1, 5)) {
      text.append(JSON.readTree(e[1]).get("text").asText());
    }
    assertThat(text).hasToString("Hello, world!");
    JsonNode done = JSON.readTree(events.get(5)[1]);
    assertThat(done.get("model").asText()).isEqualTo("scripted");
    assertThat(done.get("success").asBoolean()).isTrue();
    List<ConversationMessage> stored = fixture.kb.messages().recent(session, 10);
    assertThat(stored)
        .extracting(ConversationMessage::role)
        .containsExactly(MessageRole.USER, MessageRole.ASSISTANT);
    assertThat(stored)
        .extracting(ConversationMessage::content)
        .containsExactly("Say hello", "Hello, world!");
    assertThat(stored.get(1).id()).isEqualTo(done.get("answer").asLong());
  }

  @Test
  void aChatInAnExistingSessionAndThreadIsStoredThere() throws Exception {
    fixture = new ServerFixture(dataDir);
    String session = fixture.kb.sessions().create("mine").id();
    long thread = fixture.kb.threads().create("topic").id();

    HttpResponse<String> response =
        fixture.post(
            "/chat",
            fixture.operator,
            "{\"session\":\"" + session + "\",\"thread\":" + thread + ",\"message\":\"Hi\"}");

    assertThat(events(response.body())).last().satisfies(e -> assertThat(e[0]).isEqualTo("done"));
    assertThat(fixture.kb.threads().latest(thread, 10)).hasSize(2);
    assertThat(fixture.kb.messages().count(session)).isEqualTo(2);
  }

  @Test
  void anEmptyMessageOrAnUnknownSessionIsRefusedBeforeAnythingIsStored() throws Exception {
    fixture = new ServerFixture(dataDir);

    AccessControlTest.assertError(
        fixture.post("/chat", fixture.operator, "{\"message\":\"  \"}"), 400, "invalid_input");
    AccessControlTest.assertError(
        fixture.post("/chat", fixture.operator, "{\"session\":\"nope\",\"message\":\"x\"}"),
        404,
        "not_found");
    AccessControlTest.assertError(
        fixture.post("/chat", fixture.operator, "{\"thread\":77,\"message\":\"x\"}"),
        404,
        "not_found");
    assertThat(fixture.kb.sessions().recent(10)).isEmpty();
  }

  @Test
  void aClientThatDisconnectsMidStreamLosesNothingAlreadyStoredAndTheReplyIsStoredToo()
      throws Exception {
    fixture = new ServerFixture(dataDir);
    fixture.model.holdAfterFirstChunk();
    HttpResponse<InputStream> response =
        fixture.http.send(
            fixture
                .request("/chat", fixture.operator)
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Remember me\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    String session = null;
    for (String line; (line = reader.readLine()) != null; ) {
      if (line.startsWith("data: ") && session == null) {
        session = JSON.readTree(line.substring(6)).get("session").asText();
      }
      if (line.equals("event: token")) {
        break;
      }
    }
    assertThat(session).isNotNull();

    response.body().close(); // the client goes away in the middle of the reply
    List<ConversationMessage> before = fixture.kb.messages().recent(session, 10);
    fixture.model.release();

    assertThat(before).extracting(ConversationMessage::content).containsExactly("Remember me");
    List<ConversationMessage> after = awaitMessages(session, 2);
    assertThat(after)
        .extracting(ConversationMessage::content)
        .containsExactly("Remember me", "Hello, world!");
  }

  @Test
  void aClientThatDoesNotReadItsStreamDoesNotBlockOtherRequests() throws Exception {
    fixture = new ServerFixture(dataDir);
    fixture.model.reply(
        Collections.nCopies(4000, "x".repeat(1000))); // 4 MB: more than any socket buffer
    String body = "{\"message\":\"Write a lot\"}";
    try (Socket slow = new Socket("127.0.0.1", fixture.address.getPort())) {
      slow.setReceiveBufferSize(4096);
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST /chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                  + fixture.operator
                  + "\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // The slow client reads nothing; its stream fills the buffers and stalls its writer.
      String session = awaitAnySession();
      assertThat(fixture.kb.messages().recent(session, 10)).isNotEmpty();

      HttpResponse<String> other = fixture.get("/sessions", fixture.viewer);
      HttpResponse<String> chat =
          fixture.post("/chat", fixture.operator, "{\"message\":\"short\"}");

      assertThat(other.statusCode()).isEqualTo(200);
      assertThat(chat.statusCode()).isEqualTo(200);
      assertThat(events(chat.body())).last().satisfies(e -> assertThat(e[0]).isEqualTo("done"));
    }
  }

  @Test
  void overTheLimitOfItsTokenAChatIs429WithRetryAfterAndOtherTokensGoOn() throws Exception {
    fixture =
        new ServerFixture(
            dataDir, () -> RateLimits.parse("model_call=1/h"), BecaServer.DEFAULT_MAX_BODY_BYTES);
    assertThat(fixture.post("/chat", fixture.operator, "{\"message\":\"one\"}").statusCode())
        .isEqualTo(200);

    HttpResponse<String> refused = fixture.post("/chat", fixture.operator, "{\"message\":\"two\"}");

    AccessControlTest.assertError(refused, 429, "rate_limited");
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 3600L);
    assertThat(fixture.kb.decisionAudit().recent(1).get(0).rule())
        .startsWith("429: rate limit: at most 1 model calls an hour");
    assertThat(fixture.post("/chat", fixture.admin, "{\"message\":\"three\"}").statusCode())
        .isEqualTo(200);
    assertThat(fixture.get("/sessions", fixture.operator).statusCode()).isEqualTo(200);
  }

  private String awaitAnySession() throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      var sessions = fixture.kb.sessions().recent(1);
      if (!sessions.isEmpty() && fixture.kb.messages().count(sessions.get(0).id()) > 0) {
        return sessions.get(0).id();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no session was created within 30 s");
  }

  private List<ConversationMessage> awaitMessages(String session, int count)
      throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      List<ConversationMessage> messages = fixture.kb.messages().recent(session, 10);
      if (messages.size() >= count) {
        return messages;
      }
      Thread.sleep(50);
    }
    return fixture.kb.messages().recent(session, 10);
  }

  /** The events of a stream as {name, data} pairs. */
  static List<String[]> events(String stream) {
    List<String[]> events = new ArrayList<>();
    String name = null;
    for (String line : stream.split("\n", -1)) {
      if (line.startsWith("event: ")) {
        name = line.substring(7);
      } else if (line.startsWith("data: ")) {
        events.add(new String[] {name, line.substring(6)});
      }
    }
    return events;
  }
}
