package dev.beca.memory.internal;

import dev.beca.core.learning.Pattern;
import dev.beca.core.learning.PatternKind;
import dev.beca.core.learning.PatternSource;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One row of {@code patterns}; lists are stored one entry per line. */
record PatternRow(
    long id,
    String kind,
    String taskType,
    String request,
    String solutionSummary,
    String toolsUsed,
    String architectureType,
    String frameworks,
    String performanceNotes,
    String source,
    String evidence,
    long occurrences,
    long createdAt,
    long updatedAt) {

  static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }

  static String joined(List<String> entries) {
    return String.join("\n", entries);
  }

  Pattern toPattern() {
    return new Pattern(
        id,
        PatternKind.valueOf(kind),
        taskType,
        request,
        solutionSummary,
        lines(toolsUsed),
        architectureType,
        lines(frameworks),
        performanceNotes,
        PatternSource.valueOf(source),
        lines(evidence),
        occurrences,
        Instant.ofEpochMilli(createdAt),
        Instant.ofEpochMilli(updatedAt));
  }
}
