package dev.beca.core.learning;

import dev.beca.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A pattern to save; see {@link Pattern} for the fields. Made with {@link #builder(PatternKind,
 * PatternSource)}. Texts are stripped; list entries are stripped, blank ones dropped, duplicates
 * kept once; line breaks in list entries become spaces.
 *
 * <p>Two patterns are <em>the same</em> when their {@link #identity() identity} is equal: kind,
 * task type, request, solution summary, architecture type and frameworks, compared without case and
 * with runs of white space as one space (tools, performance notes, source and evidence do not
 * count). Saving the same pattern again counts one more occurrence instead of adding a row.
 */
public record NewPattern(
    PatternKind kind,
    String taskType,
    String request,
    String solutionSummary,
    List<String> toolsUsed,
    String architectureType,
    List<String> frameworks,
    String performanceNotes,
    PatternSource source,
    List<String> evidence) {

  /** The most characters of one text field (request, summary, notes). */
  public static final int MAX_TEXT_CHARS = 20_000;

  /** The most evidence links a pattern keeps (the newest). */
  public static final int MAX_EVIDENCE = 50;

  /** Checks the components and normalises texts and lists. */
  public NewPattern {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    taskType = text("taskType", taskType);
    request = text("request", request);
    solutionSummary = text("solutionSummary", solutionSummary);
    architectureType = text("architectureType", architectureType);
    performanceNotes = text("performanceNotes", performanceNotes);
    toolsUsed = entries(toolsUsed);
    frameworks = entries(frameworks);
    evidence = entries(evidence);
    if (evidence.size() > MAX_EVIDENCE) {
      evidence = evidence.subList(evidence.size() - MAX_EVIDENCE, evidence.size());
    }
    if (request.isEmpty()
        && solutionSummary.isEmpty()
        && frameworks.isEmpty()
        && architectureType.isEmpty()) {
      throw new InvalidInputException(
          "A pattern needs at least a request, a solution summary, an architecture type or a framework.",
          "Say what the pattern is.");
    }
  }

  private static String text(String field, String value) {
    String stripped = value == null ? "" : value.strip();
    if (stripped.length() > MAX_TEXT_CHARS) {
      throw new InvalidInputException(
          "The pattern's "
              + field
              + " has "
              + stripped.length()
              + " characters, more than "
              + MAX_TEXT_CHARS
              + ".",
          "Summarise it.");
    }
    return stripped;
  }

  private static List<String> entries(List<String> values) {
    LinkedHashSet<String> kept = new LinkedHashSet<>();
    for (String value : values == null ? List.<String>of() : values) {
      if (value != null && !value.isBlank()) {
        kept.add(value.strip().replaceAll("[\\r\\n]+", " "));
      }
    }
    return List.copyOf(kept);
  }

  /**
   * What two patterns are compared by: kind, task type, request, solution summary, architecture
   * type and the frameworks (sorted), lower case, white space runs as one space.
   */
  public String identity() {
    List<String> sortedFrameworks =
        new ArrayList<>(frameworks.stream().map(NewPattern::fold).toList());
    sortedFrameworks.sort(null);
    return String.join(
        "\u0000",
        kind.name(),
        fold(taskType),
        fold(request),
        fold(solutionSummary),
        fold(architectureType),
        String.join("\u0001", sortedFrameworks));
  }

  private static String fold(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** This pattern with every text passed through {@code redact} (for a store's write path). */
  public NewPattern mapTexts(java.util.function.UnaryOperator<String> redact) {
    return new NewPattern(
        kind,
        redact.apply(taskType),
        redact.apply(request),
        redact.apply(solutionSummary),
        toolsUsed.stream().map(redact).toList(),
        redact.apply(architectureType),
        frameworks.stream().map(redact).toList(),
        redact.apply(performanceNotes),
        source,
        evidence.stream().map(redact).toList());
  }

  /**
   * A builder.
   *
   * @param kind what the pattern is about
   * @param source where it was learned
   * @return the builder
   */
  public static Builder builder(PatternKind kind, PatternSource source) {
    return new Builder(kind, source);
  }

  /** Builds a {@link NewPattern}; every field but kind and source is optional. */
  public static final class Builder {
    private final PatternKind kind;
    private final PatternSource source;
    private String taskType = "";
    private String request = "";
    private String solutionSummary = "";
    private List<String> toolsUsed = List.of();
    private String architectureType = "";
    private List<String> frameworks = List.of();
    private String performanceNotes = "";
    private List<String> evidence = List.of();

    private Builder(PatternKind kind, PatternSource source) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.source = Objects.requireNonNull(source, "source");
    }

    /** The kind of task, e.g. {@code refactoring}. */
    public Builder taskType(String taskType) {
      this.taskType = Objects.requireNonNull(taskType, "taskType");
      return this;
    }

    /** What was asked. */
    public Builder request(String request) {
      this.request = Objects.requireNonNull(request, "request");
      return this;
    }

    /** What was done, or what the pattern is. */
    public Builder solutionSummary(String solutionSummary) {
      this.solutionSummary = Objects.requireNonNull(solutionSummary, "solutionSummary");
      return this;
    }

    /** The tools used. */
    public Builder toolsUsed(List<String> toolsUsed) {
      this.toolsUsed = List.copyOf(Objects.requireNonNull(toolsUsed, "toolsUsed"));
      return this;
    }

    /** The architecture it belongs to. */
    public Builder architectureType(String architectureType) {
      this.architectureType = Objects.requireNonNull(architectureType, "architectureType");
      return this;
    }

    /** The frameworks used. */
    public Builder frameworks(List<String> frameworks) {
      this.frameworks = List.copyOf(Objects.requireNonNull(frameworks, "frameworks"));
      return this;
    }

    /** What was measured. */
    public Builder performanceNotes(String performanceNotes) {
      this.performanceNotes = Objects.requireNonNull(performanceNotes, "performanceNotes");
      return this;
    }

    /** Links to what shows it. */
    public Builder evidence(List<String> evidence) {
      this.evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
      return this;
    }

    /**
     * Builds the pattern.
     *
     * @throws InvalidInputException when it says nothing or a text is too long
     */
    public NewPattern build() {
      return new NewPattern(
          kind,
          taskType,
          request,
          solutionSummary,
          toolsUsed,
          architectureType,
          frameworks,
          performanceNotes,
          source,
          evidence);
    }
  }
}
