package dev.beca.core.learning;

import dev.beca.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a {@link Pattern} is about. */
public enum PatternKind {
  /**
   * A solution that worked for a kind of task (what was asked, what was done, with which tools).
   */
  SOLUTION,
  /** How a project is laid out: modules, layers, ports and adapters, a monorepo. */
  ARCHITECTURE,
  /** A framework or library a project is built on (Spring Boot, JUnit 5, Django, React...). */
  FRAMEWORK,
  /** How a project is built and checked: build tool, test and quality results. */
  BUILD;

  /** The lower-case name users type and JSON shows ({@code solution}, {@code framework}...). */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a kind's name, ignoring case.
   *
   * @param text {@code solution}, {@code architecture}, {@code framework} or {@code build}
   * @return the kind
   * @throws InvalidInputException for any other text
   */
  public static PatternKind parse(String text) {
    for (PatternKind kind : values()) {
      if (kind.word().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return kind;
      }
    }
    throw new InvalidInputException(
        "'" + text + "' is not a pattern kind.",
        "Use one of "
            + Arrays.stream(values()).map(PatternKind::word).collect(Collectors.joining(", "))
            + ".");
  }
}
