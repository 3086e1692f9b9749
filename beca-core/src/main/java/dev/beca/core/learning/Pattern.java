package dev.beca.core.learning;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored pattern: something that worked (a solution) or that projects are built with (an
 * architecture, a framework, a build setup), with how often it was seen.
 *
 * @param id the store's id
 * @param kind what it is about
 * @param taskType the kind of task, e.g. {@code refactoring}, {@code web-service}, {@code
 *     framework}; may be empty
 * @param request what was asked or what the pattern answers; may be empty
 * @param solutionSummary what was done or what it is; may be empty
 * @param toolsUsed the tools that were used, in order of first use
 * @param architectureType the architecture it belongs to, e.g. {@code multi-module}; may be empty
 * @param frameworks the frameworks it uses
 * @param performanceNotes what was measured about it; may be empty
 * @param source where it was learned
 * @param evidence links to what shows it (e.g. {@code repository:/path}, {@code session:ID}, {@code
 *     benchmark-result:42}), oldest first, at most {@link NewPattern#MAX_EVIDENCE}
 * @param occurrences how often it was seen: 1 when first saved, one more for each save of the same
 *     pattern with new evidence
 * @param createdAt when it was first saved
 * @param updatedAt when it was last seen
 */
public record Pattern(
    long id,
    PatternKind kind,
    String taskType,
    String request,
    String solutionSummary,
    List<String> toolsUsed,
    String architectureType,
    List<String> frameworks,
    String performanceNotes,
    PatternSource source,
    List<String> evidence,
    long occurrences,
    Instant createdAt,
    Instant updatedAt) {

  /** Checks the components and copies the lists. */
  public Pattern {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(taskType, "taskType");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(solutionSummary, "solutionSummary");
    toolsUsed = List.copyOf(toolsUsed);
    Objects.requireNonNull(architectureType, "architectureType");
    frameworks = List.copyOf(frameworks);
    Objects.requireNonNull(performanceNotes, "performanceNotes");
    Objects.requireNonNull(source, "source");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A one-line title: the summary, else the request, else the kind. */
  public String title() {
    String text = !solutionSummary.isBlank() ? solutionSummary : request;
    if (text.isBlank()) {
      return kind.word();
    }
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() <= 100 ? line : line.substring(0, 99) + "\u2026";
  }
}
