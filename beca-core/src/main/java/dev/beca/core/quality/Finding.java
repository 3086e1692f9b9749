package dev.beca.core.quality;

import java.util.Objects;

/**
 * One lint or security finding as the tool reported it.
 *
 * @param rule the tool's rule id, e.g. {@code UnusedLocalVariable}, {@code B602}, {@code W0611}
 * @param priority the tool's priority from 1 (most important) to 5; tools with fewer levels map
 *     onto this range
 * @param severity the severity derived from the priority
 * @param file the file, relative to the project root, with {@code /} separators
 * @param line the line, 1-based; 0 when the tool gave none
 * @param message the tool's message
 */
public record Finding(String rule, int priority, Severity severity, String file, int line, String message) {

  /** Checks the components. */
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (priority < 1 || priority > 5) {
      throw new IllegalArgumentException("priority must be 1 to 5, was " + priority);
    }
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative, was " + line);
    }
  }
}
