package dev.beca.server.internal;

import dev.beca.core.NotFoundException;
import dev.beca.core.learning.Lesson;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.Pattern;
import dev.beca.core.learning.PatternKind;
import dev.beca.core.learning.PatternStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lessons and patterns over the core's {@link LessonStore} and {@link PatternStore}: list, search,
 * show, and forgetting a lesson (an admin's: it removes the lesson and the ones it superseded).
 */
public final class LearningRoutes {

  private LearningRoutes() {}

  /**
   * The routes whose stores the server has.
   *
   * @param ports what the server was handed
   * @return the routes
   */
  public static List<Route> routes(ServerPorts ports) {
    RouteList r = new RouteList();
    LessonStore lessons = ports.lessons();
    if (lessons != null) {
      r.get(
          "/lessons",
          RouteList.VIEWER,
          "The most useful lessons: by reuse, then confidence, then newest.",
          List.of(
              new Route.QueryParam("category", "string", "only this category"), RouteList.LIMIT),
          q ->
              Map.of(
                  "lessons", lessons.top(q.query("category"), q.queryInt("limit", 20, 1, 1000))));
      // Before /lessons/{id}, so that "search" is not taken for an id.
      r.get(
          "/lessons/search",
          RouteList.VIEWER,
          "Lessons relevant to a text, best first.",
          List.of(new Route.QueryParam("q", "string", "the text (required)"), RouteList.LIMIT),
          q -> Map.of("hits", lessons.search(text(q), q.queryInt("limit", 10, 1, 100))));
      r.get(
          "/lessons/{id}",
          RouteList.VIEWER,
          "A lesson with the texts merged into it and its history (the lessons it superseded and"
              + " that superseded it).",
          List.of(),
          q -> {
            long id = q.pathNumber("id");
            Lesson lesson =
                lessons
                    .find(id)
                    .orElseThrow(
                        () ->
                            new NotFoundException(
                                "There is no lesson " + id + ".", "List them with GET /lessons."));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("lesson", lesson);
            answer.put("merged", lessons.mergedInto(id));
            answer.put("history", lessons.history(id));
            return answer;
          });
      r.add(
          "POST",
          "/lessons/merged/{id}/split",
          RouteList.ADMIN,
          Optional.empty(),
          "Undoes a wrong merge: the merged text becomes a lesson of its own.",
          List.of(),
          null,
          200,
          Route.JSON,
          q -> lessons.split(q.pathNumber("id")));
      r.add(
          "DELETE",
          "/lessons/{id}",
          RouteList.ADMIN,
          Optional.empty(),
          "Forgets a lesson and the lessons it superseded.",
          List.of(),
          null,
          200,
          Route.JSON,
          q -> Map.of("forgotten", lessons.forget(q.pathNumber("id"))));
    }
    PatternStore patterns = ports.patterns();
    if (patterns != null) {
      r.get(
          "/patterns",
          RouteList.VIEWER,
          "Learned patterns, the most often seen first.",
          List.of(
              new Route.QueryParam(
                  "kind", "string", "only this kind (solution, architecture, framework, build)"),
              RouteList.LIMIT),
          q -> {
            Optional<PatternKind> kind = q.query("kind").map(PatternKind::parse);
            return Map.of("patterns", patterns.list(kind, q.queryInt("limit", 20, 1, 1000)));
          });
      r.get(
          "/patterns/search",
          RouteList.VIEWER,
          "Patterns matching words, best first.",
          List.of(new Route.QueryParam("q", "string", "the words (required)"), RouteList.LIMIT),
          q -> Map.of("patterns", patterns.search(text(q), q.queryInt("limit", 10, 1, 100))));
      r.get(
          "/patterns/{id}",
          RouteList.VIEWER,
          "One pattern.",
          List.of(),
          q -> {
            long id = q.pathNumber("id");
            Pattern pattern =
                patterns
                    .get(id)
                    .orElseThrow(
                        () ->
                            new NotFoundException(
                                "There is no pattern " + id + ".",
                                "List them with GET /patterns."));
            return Map.of("pattern", pattern);
          });
    }
    return r.routes();
  }

  private static String text(ApiRequest q) {
    return q.query("q")
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "invalid_query", "The parameter q is missing.", "Add ?q=WORDS."));
  }
}
