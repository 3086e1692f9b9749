package dev.beca.server.internal;

import dev.beca.core.access.AccessRole;
import dev.beca.core.limits.LimitedOperation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the route table: the single source of both the server's routing and its OpenAPI
 * document.
 *
 * @param method the HTTP method, upper case
 * @param path the path, with {@code {name}} parameters
 * @param role the least role it needs, empty for a public route
 * @param limit the rate-limited operation class it counts against, if any
 * @param summary one line for the OpenAPI document
 * @param query the query parameters it reads, for the document
 * @param body the JSON body it reads, if any, for the document
 * @param successStatus the status of a successful answer
 * @param produces the content type of a successful answer
 * @param action what it does
 */
public record Route(
    String method,
    String path,
    Optional<AccessRole> role,
    Optional<LimitedOperation> limit,
    String summary,
    List<QueryParam> query,
    Optional<Class<?>> body,
    int successStatus,
    String produces,
    Action action) {

  /** Media type of JSON answers. */
  public static final String JSON = "application/json";

  /** Media type of server-sent events. */
  public static final String EVENT_STREAM = "text/event-stream";

  /** Checks the components. */
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(summary, "summary");
    query = List.copyOf(query);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(produces, "produces");
    Objects.requireNonNull(action, "action");
  }

  /** The path parameters, in order. */
  public List<String> pathParameters() {
    return java.util.regex.Pattern.compile("\\{([a-zA-Z]+)}")
        .matcher(path)
        .results()
        .map(m -> m.group(1))
        .toList();
  }

  /**
   * A documented query parameter.
   *
   * @param name its name
   * @param type {@code string} or {@code integer}
   * @param description one line
   */
  public record QueryParam(String name, String type, String description) {}

  /** What a route does with a checked request. */
  @FunctionalInterface
  public interface Action {
    /**
     * Handles the request.
     *
     * @param request the authenticated, rate-limited request
     * @return the JSON body of the answer, or {@code null} when the action wrote the answer itself
     * @throws Exception anything; the gate turns it into a JSON error
     */
    Object handle(ApiRequest request) throws Exception;
  }
}
