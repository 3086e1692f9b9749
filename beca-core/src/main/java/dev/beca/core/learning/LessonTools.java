package dev.beca.core.learning;

import dev.beca.core.InvalidInputException;
import dev.beca.core.agent.ActionKind;
import dev.beca.core.agent.Acts;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The assistant's lesson tools, offered through {@link dev.beca.core.agent.AnnotatedTools}: {@value
 * #SEARCH_LESSONS}{@code {query, limit}} and {@value #TOP_LESSONS}{@code {category, limit}} read
 * (low risk, allowed in every mode); {@value #SAVE_LESSON}{@code {category, text}} declares {@link
 * ActionKind#OWN_STATE}: it changes BECA's memory, which reaches later prompts, so the risk
 * classifier rates it medium (asked about in {@code ask} mode, allowed in {@code auto-edit},
 * refused in {@code read-only}); its text passes the secret filter like a file write, and the store
 * redacts it again and merges it with a near-duplicate. Reading lessons through a tool does not
 * count as their use: only a lesson that entered a prompt is counted ({@link
 * LessonStore#recordUse}).
 */
public final class LessonTools {

  /** Searches the lessons learned. */
  public static final String SEARCH_LESSONS = "search_lessons";

  /** Lists the most useful lessons. */
  public static final String TOP_LESSONS = "top_lessons";

  /** Saves a lesson. */
  public static final String SAVE_LESSON = "save_lesson";

  /** The most lessons one call returns. */
  public static final int MAX_RESULTS = 20;

  private final LessonStore lessons;

  /**
   * The tools on a store.
   *
   * @param lessons where lessons are searched and saved
   */
  public LessonTools(LessonStore lessons) {
    this.lessons = Objects.requireNonNull(lessons, "lessons");
  }

  /** Searches the lessons. */
  @Tool(
      name = SEARCH_LESSONS,
      value =
          "Search the lessons learned in earlier work (debugging, testing, tooling, architecture,"
              + " performance advice) by keywords and meaning; the most relevant come first.")
  @Acts(ActionKind.READ)
  public String searchLessons(
      @P(name = "query", value = "what the lesson should be about, e.g. flaky maven tests")
          String query,
      @P(name = "limit", value = "how many at most, 1-20 (default 5)", required = false)
          Long limit) {
    int n = limit(limit);
    if (query == null || query.isBlank()) {
      throw new InvalidInputException("search_lessons needs a query.", "Say what to look for.");
    }
    List<LessonHit> hits = lessons.search(query, n);
    if (hits.isEmpty()) {
      return "No lesson matches.";
    }
    return list(hits.stream().map(LessonHit::lesson).toList());
  }

  /** The most useful lessons. */
  @Tool(
      name = TOP_LESSONS,
      value = "List the most used and most trusted lessons learned, optionally of one category.")
  @Acts(ActionKind.READ)
  public String topLessons(
      @P(
              name = "category",
              value = "only this category, e.g. testing; leave out for all",
              required = false)
          String category,
      @P(name = "limit", value = "how many at most, 1-20 (default 5)", required = false)
          Long limit) {
    int n = limit(limit);
    Optional<String> only =
        category == null || category.isBlank() ? Optional.empty() : Optional.of(category);
    List<Lesson> top = lessons.top(only, n);
    if (top.isEmpty()) {
      return "No lessons learned yet" + only.map(c -> " in category " + c).orElse("") + ".";
    }
    return list(top);
  }

  /** Saves a lesson. */
  @Tool(
      name = SAVE_LESSON,
      value =
          "Remember a short, general lesson that helped and will help again (one or two"
              + " sentences, e.g. 'Run Flyway migrations against a temporary SQLite file in"
              + " tests.'). A lesson that says the same as a known one is merged into it.")
  @Acts(ActionKind.OWN_STATE)
  public String saveLesson(
      @P(
              name = "category",
              value = "one word: debugging, architecture, testing, performance, tooling or general",
              required = false)
          String category,
      @P(name = "text", value = "the lesson, one or two sentences") String text) {
    String c =
        category == null || category.isBlank()
            ? LessonCategory.GENERAL
            : category.strip().toLowerCase(Locale.ROOT);
    LessonAddition added = lessons.add(NewLesson.of(c, text));
    Lesson lesson = added.lesson();
    return switch (added.outcome()) {
      case ADDED -> "Saved lesson " + lesson.id() + " [" + lesson.category() + "].";
      case MERGED ->
          "Lesson "
              + lesson.id()
              + " says the same already; merged into it: "
              + lesson.text().replaceAll("\\s+", " ")
              + keptAs(added);
      case SUPERSEDED ->
          "Saved lesson "
              + lesson.id()
              + "; it contradicts an older lesson, which is kept as history.";
    };
  }

  /** Where a merge kept the new wording, so that the user can undo it; empty for a repeat. */
  private static String keptAs(LessonAddition added) {
    if (added.mergedText().isEmpty()) {
      return "";
    }
    long m = added.mergedText().getAsLong();
    return " (your wording is kept as merged text "
        + m
        + "; if it says something else, the user can make it a lesson of its own: beca lessons"
        + " split "
        + m
        + ")";
  }

  private static int limit(Long limit) {
    long n = limit == null ? 5 : limit;
    if (n < 1 || n > MAX_RESULTS) {
      throw new InvalidInputException(
          "limit must be between 1 and " + MAX_RESULTS + ", was " + n + ".",
          "Ask for fewer lessons.");
    }
    return (int) n;
  }

  private static String list(List<Lesson> found) {
    StringBuilder text = new StringBuilder();
    for (Lesson l : found) {
      text.append('#')
          .append(l.id())
          .append(" [")
          .append(l.category())
          .append(
              String.format(
                  Locale.ROOT, ", confidence %.2f, used %dx] ", l.confidence(), l.reuseCount()))
          .append(l.text().replaceAll("\\s+", " ").strip())
          .append('\n');
    }
    return text.toString().strip();
  }
}
