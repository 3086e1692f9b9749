package dev.beca.server.internal;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.0 document, generated from the route table so that it cannot drift from the
 * routing: every route appears with its method, path and query parameters, the role it needs
 * ({@code x-beca-role}), the operation class it is rate-limited under ({@code x-beca-rate-limit}),
 * its request body (from the body record's components; unknown fields are refused) and the error
 * answers it can give.
 */
public final class OpenApiDocument {

  private OpenApiDocument() {}

  /** The document for these routes. */
  public static Map<String, Object> of(List<Route> routes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put(
        "info",
        Map.of(
            "title", "BECA API",
            "version", "1",
            "description",
                "BECA's remote control. Send 'Authorization: Bearer TOKEN' (beca tokens create)."
                    + " Every error is {code, problem, remedy}."));
    Map<String, Object> schemas = new LinkedHashMap<>();
    schemas.put(
        "Error",
        Map.of(
            "type", "object",
            "required", List.of("code", "problem", "remedy"),
            "properties",
                Map.of(
                    "code", Map.of("type", "string"),
                    "problem", Map.of("type", "string"),
                    "remedy", Map.of("type", "string"))));
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Route route : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
      item.put(route.method().toLowerCase(Locale.ROOT), operation(route, schemas));
    }
    doc.put("paths", paths);
    doc.put(
        "components",
        Map.of(
            "schemas",
            schemas,
            "securitySchemes",
            Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
    return doc;
  }

  private static Map<String, Object> operation(Route route, Map<String, Object> schemas) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("summary", route.summary());
    op.put("operationId", operationId(route));
    List<Object> parameters = new java.util.ArrayList<>();
    for (String name : route.pathParameters()) {
      parameters.add(
          Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
    }
    for (Route.QueryParam q : route.query()) {
      parameters.add(
          Map.of(
              "name", q.name(),
              "in", "query",
              "required", false,
              "description", q.description(),
              "schema", Map.of("type", q.type())));
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    route
        .body()
        .ifPresent(
            body -> {
              schemas.put(body.getSimpleName(), schema(body));
              op.put(
                  "requestBody",
                  Map.of(
                      "required",
                      true,
                      "content",
                      Map.of(
                          Route.JSON,
                          Map.of(
                              "schema",
                              Map.of("$ref", "#/components/schemas/" + body.getSimpleName())))));
            });
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put(
        String.valueOf(route.successStatus()),
        Map.of("description", "done", "content", Map.of(route.produces(), Map.of())));
    Map<String, Object> error =
        Map.of(
            "content",
            Map.of(Route.JSON, Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
    if (!route.pathParameters().isEmpty() || !route.query().isEmpty() || route.body().isPresent()) {
      responses.put("400", describe(error, "invalid request"));
    }
    route
        .role()
        .ifPresent(
            role -> {
              op.put("security", List.of(Map.of("bearer", List.of())));
              op.put("x-beca-role", role.key());
              responses.put("401", describe(error, "no token, or a wrong, expired or revoked one"));
              responses.put("403", describe(error, "the token's role is below " + role.key()));
            });
    if (!route.pathParameters().isEmpty()) {
      responses.put("404", describe(error, "no such item"));
    }
    if (route.body().isPresent()) {
      responses.put("413", describe(error, "body too large"));
    }
    route
        .limit()
        .ifPresent(
            limit -> {
              op.put("x-beca-rate-limit", limit.key());
              responses.put("429", describe(error, "rate limit reached; see Retry-After"));
            });
    op.put("responses", responses);
    return op;
  }

  private static Map<String, Object> describe(Map<String, Object> error, String description) {
    Map<String, Object> response = new LinkedHashMap<>(error);
    response.put("description", description);
    return response;
  }

  private static Map<String, Object> schema(Class<?> body) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (RecordComponent component : body.getRecordComponents()) {
      Class<?> type = component.getType();
      String json =
          type == String.class
              ? "string"
              : type == Long.class
                      || type == Integer.class
                      || type == long.class
                      || type == int.class
                  ? "integer"
                  : type == Boolean.class || type == boolean.class
                      ? "boolean"
                      : type == Double.class || type == double.class ? "number" : "object";
      properties.put(component.getName(), Map.of("type", json));
    }
    return Map.of("type", "object", "additionalProperties", false, "properties", properties);
  }

  private static String operationId(Route route) {
    StringBuilder id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
    for (String part : route.path().split("[/.{}]")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return id.toString();
  }
}
