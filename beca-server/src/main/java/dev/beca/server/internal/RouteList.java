package dev.beca.server.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.limits.LimitedOperation;
import dev.beca.core.model.ModelRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Collects the routes of one area of the API ({@link ModelRoutes}, ...) for {@link ApiRoutes}. */
final class RouteList {

  static final Optional<AccessRole> VIEWER = Optional.of(AccessRole.VIEWER);
  static final Optional<AccessRole> OPERATOR = Optional.of(AccessRole.OPERATOR);
  static final Optional<AccessRole> ADMIN = Optional.of(AccessRole.ADMIN);
  static final Route.QueryParam LIMIT =
      new Route.QueryParam("limit", "integer", "how many at most");

  private final List<Route> routes = new ArrayList<>();

  void add(
      String method,
      String path,
      Optional<AccessRole> role,
      Optional<LimitedOperation> limit,
      String summary,
      List<Route.QueryParam> query,
      Class<?> body,
      int status,
      String produces,
      Route.Action action) {
    routes.add(
        new Route(
            method,
            path,
            role,
            limit,
            summary,
            query,
            Optional.ofNullable(body),
            status,
            produces,
            action));
  }

  void get(
      String path,
      Optional<AccessRole> role,
      String summary,
      List<Route.QueryParam> query,
      Route.Action action) {
    add("GET", path, role, Optional.empty(), summary, query, null, 200, Route.JSON, action);
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  /** A text field that must be there. */
  static String required(String value, String field, String example) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(
          "invalid_input", "The body has no '" + field + "'.", "Send e.g. " + example + ".");
    }
    return value;
  }

  /** A model role from a request, {@code general} or {@code coding}. */
  static ModelRole role(String text) {
    String role = required(text, "role", "{\"role\": \"general\"}");
    try {
      return ModelRole.valueOf(role.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("'" + role + "' is not a role.", "Use general or coding.");
    }
  }
}
