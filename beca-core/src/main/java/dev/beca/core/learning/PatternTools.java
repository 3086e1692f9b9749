package dev.beca.core.learning;

import dev.beca.core.InvalidInputException;
import dev.beca.core.agent.ActionKind;
import dev.beca.core.agent.AgentTool;
import dev.beca.core.agent.ToolAction;
import dev.beca.core.agent.ToolArguments;
import dev.beca.core.agent.ToolResult;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The assistant's pattern tools, with their stable names and JSON arguments: {@value
 * #SAVE_PATTERN}{@code {kind, task_type, request, solution_summary, tools_used, architecture_type,
 * frameworks, performance_notes}} and {@value #SEARCH_PATTERNS}{@code {query, limit}}.
 *
 * <p>{@code save_pattern} declares {@link ActionKind#OWN_STATE}: it writes BECA's memory, not the
 * project, and the {@link dev.beca.core.agent.RiskClassifier} rates that medium (asked about in
 * {@code ask} mode, allowed in {@code auto-edit}, refused in {@code read-only}); its text goes
 * through the secret filter like a file write, and the store redacts it again. {@code
 * search_patterns} is a read (low risk). A saved pattern's source is {@link
 * PatternSource#CONVERSATION}.
 */
public final class PatternTools {

  /** Saves a pattern that worked. */
  public static final String SAVE_PATTERN = "save_pattern";

  /** Searches the saved patterns. */
  public static final String SEARCH_PATTERNS = "search_patterns";

  /** The most patterns {@code search_patterns} returns. */
  public static final int MAX_RESULTS = 20;

  private PatternTools() {}

  /**
   * Both tools on a store.
   *
   * @param store where patterns are saved and searched
   * @return {@code save_pattern} and {@code search_patterns}
   */
  public static List<AgentTool> create(PatternStore store) {
    Objects.requireNonNull(store, "store");
    return List.of(new SavePattern(store), new SearchPatterns(store));
  }

  private abstract static class Tool implements AgentTool {
    final PatternStore store;
    private final ToolSpecification spec;

    Tool(PatternStore store, String name, String description, JsonObjectSchema parameters) {
      this.store = store;
      this.spec =
          ToolSpecification.builder()
              .name(name)
              .description(description)
              .parameters(parameters)
              .build();
    }

    @Override
    public ToolSpecification specification() {
      return spec;
    }
  }

  private static final class SavePattern extends Tool {
    SavePattern(PatternStore store) {
      super(
          store,
          SAVE_PATTERN,
          "Remember a solution that worked (or an architecture, framework or build setup) so that "
              + "later conversations can reuse it. Saving the same pattern again counts it once more.",
          JsonObjectSchema.builder()
              .addStringProperty(
                  "kind", "one of: solution, architecture, framework, build (default solution)")
              .addStringProperty("task_type", "the kind of task, e.g. refactoring, bug fix")
              .addStringProperty("request", "what was asked")
              .addStringProperty("solution_summary", "what was done and why it worked")
              .addStringProperty(
                  "tools_used", "comma-separated tools used, e.g. read_file, edit_file")
              .addStringProperty("architecture_type", "e.g. layered, hexagonal, multi-module")
              .addStringProperty(
                  "frameworks", "comma-separated frameworks, e.g. Spring Boot, JUnit 5")
              .addStringProperty("performance_notes", "what was measured, e.g. tests 12 s -> 9 s")
              .required("solution_summary")
              .build());
    }

    private static String text(ToolArguments arguments, String name) {
      return arguments.optionalString(name).orElse("");
    }

    private static List<String> list(ToolArguments arguments, String name) {
      return Arrays.stream(text(arguments, name).split(",")).map(String::strip).toList();
    }

    private NewPattern pattern(ToolArguments arguments) {
      PatternKind kind = PatternKind.parse(arguments.optionalString("kind").orElse("solution"));
      return NewPattern.builder(kind, PatternSource.CONVERSATION)
          .taskType(text(arguments, "task_type"))
          .request(text(arguments, "request"))
          .solutionSummary(text(arguments, "solution_summary"))
          .toolsUsed(list(arguments, "tools_used"))
          .architectureType(text(arguments, "architecture_type"))
          .frameworks(list(arguments, "frameworks"))
          .performanceNotes(text(arguments, "performance_notes"))
          .build(); // no evidence link: each save is one more occurrence
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      String content =
          arguments.asMap().values().stream()
              .map(String::valueOf)
              .collect(Collectors.joining("\n"));
      return new ToolAction(
          ActionKind.OWN_STATE, List.of(), Optional.empty(), Optional.of(content));
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      NewPattern pattern;
      try {
        pattern = pattern(arguments);
      } catch (InvalidInputException e) {
        return ToolResult.error(e.getMessage());
      }
      Pattern saved = store.save(pattern);
      String what =
          saved.occurrences() == 1
              ? "Saved pattern " + saved.id()
              : "Pattern " + saved.id() + " was known; now seen " + saved.occurrences() + " times";
      return ToolResult.ok(what + ": " + saved.title(), "saved pattern " + saved.id());
    }
  }

  private static final class SearchPatterns extends Tool {
    SearchPatterns(PatternStore store) {
      super(
          store,
          SEARCH_PATTERNS,
          "Search the saved patterns (solutions, architectures, frameworks, build setups) by "
              + "keywords; the ones matching more words come first.",
          JsonObjectSchema.builder()
              .addStringProperty("query", "keywords, e.g. spring boot cache")
              .addIntegerProperty("limit", "how many at most, 1-" + MAX_RESULTS + " (default 5)")
              .required("query")
              .build());
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      return ToolAction.read();
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      long limit = arguments.optionalInteger("limit").orElse(5L);
      if (limit < 1 || limit > MAX_RESULTS) {
        return ToolResult.error(
            "limit must be between 1 and " + MAX_RESULTS + ", was " + limit + ".");
      }
      List<Pattern> found;
      try {
        found = store.search(arguments.string("query"), (int) limit);
      } catch (InvalidInputException e) {
        return ToolResult.error(e.getMessage());
      }
      if (found.isEmpty()) {
        return ToolResult.ok("No saved pattern matches.", "no pattern found");
      }
      StringBuilder text = new StringBuilder();
      for (Pattern p : found) {
        text.append("#")
            .append(p.id())
            .append(" [")
            .append(p.kind().word())
            .append(", seen ")
            .append(p.occurrences())
            .append("x]");
        field(text, "task", p.taskType());
        field(text, "request", p.request());
        field(text, "solution", p.solutionSummary());
        field(text, "tools", String.join(", ", p.toolsUsed()));
        field(text, "architecture", p.architectureType());
        field(text, "frameworks", String.join(", ", p.frameworks()));
        field(text, "performance", p.performanceNotes());
        text.append('\n');
      }
      return ToolResult.ok(text.toString().strip(), "found " + found.size() + " patterns");
    }

    private static void field(StringBuilder text, String label, String value) {
      if (!value.isEmpty()) {
        text.append("\n  ").append(label).append(": ").append(value);
      }
    }
  }
}
