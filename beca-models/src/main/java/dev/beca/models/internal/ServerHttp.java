package dev.beca.models.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.BecaException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.ModelUnavailableException;
import dev.beca.core.NotFoundException;
import dev.beca.core.model.UrlCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * JSON over HTTP/1.1 for a server's management endpoints (listing, details, pull, delete), with
 * every failure translated into a BECA exception that names the server and says what to do.
 */
public final class ServerHttp {

  /** Shared, thread-safe JSON mapper. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private final String serverName;
  private final String baseUrl;

  /** The base URL as messages show it: without credentials. */
  private final String shownUrl;

  private final HttpClient client;
  private final Duration timeout;
  private final Map<String, String> headers;
  private final String whenUnreachable;

  /**
   * Checks the name a user gives a model server: it appears in configuration keys, commands and
   * error messages, so only letters, digits, '.', '_' and '-'.
   *
   * @param name the name, e.g. {@code ollama}
   * @return the name
   * @throws IllegalArgumentException when it is blank or has other characters
   */
  public static String checkedName(String name) {
    if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "name must be letters, digits, '.', '_' or '-', was '" + name + "'");
    }
    return name;
  }

  /**
   * Creates the helper.
   *
   * @param serverName the configured server's name, for messages
   * @param baseUrl the base URL without trailing slash
   * @param connectTimeout how long opening a connection may take
   * @param timeout how long a management call may take to answer
   * @param headers headers for every request (e.g. authorization); never logged
   * @param whenUnreachable what to tell the user when nothing answers
   */
  public ServerHttp(
      String serverName,
      String baseUrl,
      Duration connectTimeout,
      Duration timeout,
      Map<String, String> headers,
      String whenUnreachable) {
    this.serverName = serverName;
    this.baseUrl = baseUrl;
    this.shownUrl = UrlCredentials.redact(baseUrl);
    this.timeout = timeout;
    this.headers = Map.copyOf(headers);
    this.whenUnreachable = whenUnreachable;
    // Local model servers (Ollama, LM Studio) speak HTTP/1.1 only; skip the h2c upgrade.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .build();
  }

  /** GET a path and parse the JSON answer. */
  public JsonNode get(String path) {
    return parse(send(request(path).GET()), path);
  }

  /** POST JSON to a path and parse the JSON answer. */
  public JsonNode post(String path, Object body) {
    return parse(send(request(path).POST(HttpRequest.BodyPublishers.ofString(write(body)))), path);
  }

  /** DELETE with a JSON body; answers nothing. */
  public void delete(String path, Object body) {
    send(request(path).method("DELETE", HttpRequest.BodyPublishers.ofString(write(body))));
  }

  /**
   * POST JSON and read the answer as NDJSON, one parsed object per line, until the server ends it.
   * The per-request timeout covers only the wait for the headers: a download may run for hours.
   */
  public void postLines(String path, Object body, Consumer<JsonNode> lines) {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(body)))
            .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(addHeaders(request), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw unreachable(e, path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelUnavailableException(
          "The call to " + serverName + " was interrupted.", "Try again.", e);
    }
    if (response.statusCode() >= 300) {
      String text;
      try (InputStream in = response.body()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "";
      }
      throw status(response.statusCode(), text, path);
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new ModelUnavailableException(
              "Server " + serverName + " sent a malformed progress line on " + path + ".",
              "Try again; if it repeats, look at the server's log.",
              e);
        }
        lines.accept(node);
      }
    } catch (IOException e) {
      throw new ModelUnavailableException(
          "The connection to server "
              + serverName
              + " ("
              + shownUrl
              + ") broke during "
              + path
              + ".",
          "Try again; the server may resume the download.",
          e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path))
        .timeout(timeout)
        .header("Content-Type", "application/json");
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private HttpRequest addHeaders(HttpRequest request) {
    if (headers.isEmpty()) {
      return request;
    }
    HttpRequest.Builder copy = HttpRequest.newBuilder(request, (k, v) -> true);
    headers.forEach(copy::header);
    return copy.build();
  }

  private String send(HttpRequest.Builder builder) {
    HttpRequest request = addHeaders(builder.build());
    String path = request.uri().getPath();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unreachable(e, path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelUnavailableException(
          "The call to " + serverName + " was interrupted.", "Try again.", e);
    }
    if (response.statusCode() >= 300) {
      throw status(response.statusCode(), response.body(), path);
    }
    return response.body();
  }

  private JsonNode parse(String body, String path) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new ModelUnavailableException(
          "Server " + serverName + " answered " + path + " with something that is not JSON.",
          "Check that " + shownUrl + " is the right kind of server.",
          e);
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write JSON body", e);
    }
  }

  private BecaException unreachable(IOException e, String path) {
    if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
      return new ModelUnavailableException(
          "Server "
              + serverName
              + " ("
              + shownUrl
              + ") did not answer "
              + path
              + " within "
              + timeout
              + ".",
          "Check that it is not overloaded.",
          e);
    }
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
      return new ModelUnavailableException(
          "No model server answers at " + shownUrl + " (server " + serverName + ").",
          whenUnreachable,
          e);
    }
    return new ModelUnavailableException(
        "The connection to server " + serverName + " (" + shownUrl + ") broke during " + path + ".",
        "Try again; check the server if it keeps happening.",
        e);
  }

  /**
   * The error text of an Ollama ({@code {"error":"..."}}) or OpenAI ({@code {"error":{"message"}}})
   * body.
   */
  static String errorText(String body) {
    try {
      JsonNode node = JSON.readTree(Objects.requireNonNullElse(body, ""));
      if (node != null && node.has("error")) {
        JsonNode error = node.get("error");
        return error.isObject() ? error.path("message").asText("") : error.asText("");
      }
    } catch (IOException e) {
      // Not JSON: use the body as it is.
    }
    String text = Objects.requireNonNullElse(body, "").strip();
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  private BecaException status(int status, String body, String path) {
    String text = errorText(body);
    if (status == 404) {
      return new NotFoundException(
          "Server " + serverName + " has no such model or endpoint (" + path + "): " + text + ".",
          "List the models with `beca models list`; pull the model first if it is missing.");
    }
    if (status >= 400 && status < 500 && status != 429) {
      return new ModelRequestException(
          "Server " + serverName + " refused " + path + " (HTTP " + status + "): " + text + ".",
          "Check the model name and the request.",
          null);
    }
    return new ModelUnavailableException(
        "Server " + serverName + " failed on " + path + " (HTTP " + status + "): " + text + ".",
        "Try again; if it persists, look at the server's log.",
        null);
  }
}
