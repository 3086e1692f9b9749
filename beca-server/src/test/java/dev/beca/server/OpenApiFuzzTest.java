package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.limits.RateLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fuzz run over the OpenAPI document: at least 10,000 requests generated from a fixed seed over
 * the documented paths and methods and around them (unknown paths and methods, ids with traversal
 * and encodings, malformed, oversized, mistyped and unknown-field JSON, wrong or missing tokens,
 * wrong content types, raw requests with broken headers). No answer may be a 5xx or carry a stack
 * trace, and the server answers normally afterwards.
 *
 * <p>The seed is printed; run another with {@code -Dbeca.fuzz.seed=N} (and {@code
 * -Dbeca.fuzz.requests=N} for a longer run).
 */
class OpenApiFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = Long.getLong("beca.fuzz.seed", 20261202L);
  private static final int REQUESTS = Integer.getInteger("beca.fuzz.requests", 10_000);
  private static final long MAX_BODY = 64 * 1024;
  private static final Pattern STACK_TRACE =
      Pattern.compile(
          "(?s).*(\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\([\\w$]+\\.java:\\d+\\)"
              + "|\\w+Exception\\b|\\bjava\\.lang\\.|<html|Caused by).*");
  private static final String[] METHODS = {
    "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"
  };
  private static final String[] IDS = {
    "1",
    "0",
    "-1",
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999999",
    "1.5",
    "abc",
    "..",
    "../..",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e",
    "%252e%252e%252f",
    "..%5c..%5cwindows",
    "%00",
    "%0d%0aX-Injected:%20yes",
    "%C3%A9t%C3%A9",
    "%F0%9F%92%A5",
    "%FF%FE",
    "null",
    "undefined",
    "'%20OR%201=1--",
    "%3Cscript%3E",
    "a".repeat(300),
    "%20",
  };

  @TempDir Path dataDir;
  private ServerFixture fixture;
  private final AtomicInteger staleConnections = new AtomicInteger();

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** One generated request. */
  private record Fuzz(
      String method,
      String path,
      String token,
      String contentType,
      byte[] body,
      String rawHeaders) {

    boolean raw() {
      return rawHeaders != null;
    }

    @Override
    public String toString() {
      String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return method
          + " "
          + path
          + (raw() ? " [raw " + rawHeaders.replace("\r\n", " | ") + "]" : "")
          + " ["
          + contentType
          + "] "
          + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown);
    }
  }

  @Test
  void tenThousandGeneratedRequestsGetNo5xxAndNoStackTraceAndTheServerLivesOn() throws Exception {
    fixture = new ServerFixture(dataDir, RateLimits::unlimited, MAX_BODY);
    String existingSession = fixture.kb.sessions().create("fuzz").id();
    long existingThread = fixture.kb.threads().create("fuzz").id();
    JsonNode doc = JSON.readTree(fixture.get("/openapi.json", null).body());
    List<Fuzz> requests =
        generate(new Random(SEED), doc, existingSession, String.valueOf(existingThread));
    System.out.printf(
        "OpenApiFuzzTest: seed %d (-Dbeca.fuzz.seed), %d requests over %d documented paths%n",
        SEED, requests.size(), doc.get("paths").size());

    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      int slices = 4;
      for (int s = 0; s < slices; s++) {
        int slice = s;
        done.add(
            pool.submit(
                () -> {
                  for (int i = slice; i < requests.size(); i += slices) {
                    Fuzz fuzz = requests.get(i);
                    try {
                      String[] answer = send(fuzz);
                      int status = Integer.parseInt(answer[0]);
                      statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                      if (status >= 500) {
                        failures.add(status + " for " + fuzz + ": " + answer[1]);
                      } else if (STACK_TRACE.matcher(answer[1]).matches()) {
                        failures.add("stack trace for " + fuzz + ": " + answer[1]);
                      }
                    } catch (IOException | InterruptedException | RuntimeException e) {
                      failures.add("no answer for " + fuzz + ": " + e);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "OpenApiFuzzTest: %d requests in %.1f s, statuses %s; %d resent after the client's pooled"
            + " connection was gone%n",
        requests.size(),
        (System.nanoTime() - start) / 1e9,
        new java.util.TreeMap<>(statuses),
        staleConnections.get());

    assertThat(requests).hasSizeGreaterThanOrEqualTo(REQUESTS);
    assertThat(failures).as("seed " + SEED).isEmpty();
    assertThat(statuses.keySet()).as("the run reached the routes").contains(200, 400, 401, 404);
    assertThat(fixture.get("/health", null).statusCode()).isEqualTo(200);
    assertThat(fixture.get("/sessions", fixture.viewer).statusCode()).isEqualTo(200);
    HttpResponse<String> chat = fixture.post("/chat", fixture.operator, "{\"message\":\"alive?\"}");
    assertThat(ChatStreamingTest.events(chat.body()))
        .last()
        .satisfies(e -> assertThat(e[0]).isEqualTo("done"));
  }

  private List<Fuzz> generate(Random random, JsonNode doc, String session, String thread) {
    List<String[]> operations = new ArrayList<>(); // method, path template
    List<String> paths = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      paths.add(path.getKey());
      path.getValue()
          .fieldNames()
          .forEachRemaining(m -> operations.add(new String[] {m, path.getKey()}));
    }
    List<String> schemaFields = new ArrayList<>();
    doc.get("components")
        .get("schemas")
        .forEach(s -> s.path("properties").fieldNames().forEachRemaining(schemaFields::add));
    String[] tokens = { // about a third of the requests without a valid token
      fixture.viewer,
      fixture.viewer,
      fixture.operator,
      fixture.operator,
      fixture.operator,
      fixture.admin,
      fixture.admin,
      fixture.admin,
      fixture.admin,
      fixture.admin,
      null,
      "",
      "beca_nope_nope",
      fixture.operator + "x",
      fixture.admin.substring(0, fixture.admin.length() - 1),
      "\u00e9\u00e9",
      "x".repeat(5000),
    };
    List<Fuzz> requests = new ArrayList<>(REQUESTS);
    while (requests.size() < REQUESTS) {
      String[] op = operations.get(random.nextInt(operations.size()));
      String method = op[0].toUpperCase(java.util.Locale.ROOT);
      String template = op[1];
      int shape = random.nextInt(100);
      if (shape < 10) {
        method = METHODS[random.nextInt(METHODS.length)];
      } else if (shape < 15) {
        template = paths.get(random.nextInt(paths.size())) + "/" + pick(random, IDS);
      } else if (shape < 18) {
        template = "/" + pick(random, IDS) + "/" + pick(random, IDS);
      }
      String path = fill(random, template, session, thread);
      path += query(random);
      String token = tokens[random.nextInt(tokens.length)];
      String contentType =
          switch (random.nextInt(8)) {
            case 0 -> "text/plain";
            case 1 -> "application/xml";
            case 2 -> "application/json; charset=latin1";
            case 3 -> null;
            default -> "application/json";
          };
      byte[] body =
          method.equals("GET") || method.equals("DELETE") || method.equals("HEAD")
              ? (random.nextInt(10) == 0 ? body(random, schemaFields, session, thread) : null)
              : body(random, schemaFields, session, thread);
      String raw = random.nextInt(25) == 0 ? rawHeaders(random) : null;
      if (raw != null && method.equals("HEAD")) {
        method = "GET";
      }
      requests.add(new Fuzz(method, path, token, contentType, body, raw));
    }
    return requests;
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String fill(Random random, String template, String session, String thread) {
    StringBuilder path = new StringBuilder();
    for (String part : template.split("/", -1)) {
      if (path.length() > 0 || !part.isEmpty()) {
        path.append('/');
      }
      if (part.startsWith("{")) {
        int r = random.nextInt(10);
        path.append(r < 3 ? (r == 0 ? session : thread) : pick(random, IDS));
      } else {
        path.append(part);
      }
    }
    return path.length() == 0 ? "/" : path.toString();
  }

  private static String query(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> "?limit=" + pick(random, new String[] {"-1", "0", "abc", "1e9", "", "99999999999"});
      case 1 -> "?q=" + pick(random, IDS) + "&limit=5&limit=6";
      case 2 -> "?" + URLEncoder.encode("\u0000\u00ff", StandardCharsets.UTF_8) + "=%";
      case 3 -> "?q=" + "x".repeat(random.nextInt(4000));
      default -> "";
    };
  }

  private static byte[] body(Random random, List<String> fields, String session, String thread) {
    String text =
        switch (random.nextInt(16)) {
          case 0 -> "";
          case 1 -> "{";
          case 2 -> "{\"message\":";
          case 3 -> "[1,2,3]";
          case 4 -> "null";
          case 5 -> "\"just a string\"";
          case 6 -> "{\"unknown\":1,\"" + fields.get(random.nextInt(fields.size())) + "\":\"x\"}";
          case 7 -> "{\"message\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
          case 8 -> "{\"message\":\"" + "y".repeat((int) MAX_BODY + 10) + "\"}";
          case 9 -> "\u0000\u0001\u00ff garbage";
          case 10 -> "{\"message\":\"\\ud800\"}";
          default -> validish(random, fields, session, thread);
        };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** An object of documented fields with values of the right type, or not. */
  private static String validish(
      Random random, List<String> fields, String session, String thread) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      String field = fields.get(random.nextInt(fields.size()));
      Object value =
          switch (random.nextInt(9)) {
            case 0 -> random.nextLong();
            case 1 -> session;
            case 2 -> Long.parseLong(thread);
            case 3 -> List.of(1, "two");
            case 4 -> Map.of("nested", true);
            case 5 -> null;
            case 6 -> "viewer";
            case 7 -> "";
            default -> "fuzz " + random.nextInt(1000);
          };
      body.put(field, value);
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rawHeaders(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> "Content-Length: -5\r\n";
      case 1 -> "Content-Length: 99999999999999999999\r\n";
      case 2 -> "Transfer-Encoding: chunked\r\n";
      case 3 -> "X-Bad Header: yes\r\n";
      case 4 -> "Authorization: Bearer \u00e9\u0000\r\n";
      case 5 -> "X-Long: " + "z".repeat(20_000) + "\r\n";
      case 6 -> "Content-Type: application/json\r\nContent-Type: text/plain\r\n";
      default -> "Expect: 100-continue\r\n";
    };
  }

  /** Sends a request; the answer's status and body. */
  private String[] send(Fuzz fuzz) throws IOException, InterruptedException {
    if (fuzz.raw()) {
      return sendRaw(fuzz);
    }
    URI uri;
    try {
      uri = fixture.uri(fuzz.path());
    } catch (IllegalArgumentException e) {
      return sendRaw(fuzz); // not a URI the JDK client accepts: send the bytes as they are
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    if (fuzz.token() != null) {
      try {
        request.header("Authorization", "Bearer " + fuzz.token());
      } catch (IllegalArgumentException e) {
        return sendRaw(fuzz);
      }
    }
    if (fuzz.contentType() != null) {
      request.header("Content-Type", fuzz.contentType());
    }
    HttpRequest.BodyPublisher body =
        fuzz.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(fuzz.body());
    request.method(fuzz.method(), body);
    HttpResponse<String> response;
    try {
      response = fixture.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The JDK client does not retry a POST on a pooled connection the server closed (idle
      // timeout, or closed after refusing the previous request): once more on a fresh one, as
      // any client would; the server must answer then.
      staleConnections.incrementAndGet();
      return sendRaw(fuzz);
    }
    return new String[] {String.valueOf(response.statusCode()), response.body()};
  }

  private String[] sendRaw(Fuzz fuzz) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", fixture.address.getPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      byte[] body = fuzz.body() == null ? new byte[0] : fuzz.body();
      StringBuilder head = new StringBuilder();
      head.append(fuzz.method()).append(' ').append(fuzz.path()).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
      if (fuzz.token() != null) {
        head.append("Authorization: Bearer ").append(fuzz.token()).append("\r\n");
      }
      String extra = fuzz.rawHeaders() == null ? "" : fuzz.rawHeaders();
      head.append(extra);
      if (!extra.startsWith("Content-Length") && !extra.startsWith("Transfer-Encoding")) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      try {
        out.write(body);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // the server answered (e.g. 400) and closed before reading the whole body
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      try {
        in.transferTo(answer);
      } catch (IOException e) {
        // a reset after the answer was sent
      }
      String text = answer.toString(StandardCharsets.UTF_8);
      while (text.startsWith("HTTP/1.1 100 ")) { // an interim answer to Expect: 100-continue
        text = text.substring(text.indexOf("\r\n\r\n") + 4);
      }
      if (!text.startsWith("HTTP/1.1 ")) {
        if (text.isEmpty()) {
          return new String[] {"499", ""}; // the server closed without an answer: no 5xx either
        }
        throw new IOException("not an HTTP answer: " + text);
      }
      int bodyAt = text.indexOf("\r\n\r\n");
      return new String[] {text.substring(9, 12), bodyAt < 0 ? "" : text.substring(bodyAt + 4)};
    }
  }
}
