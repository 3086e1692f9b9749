package dev.beca.selfimprove.analysis;

import dev.beca.core.quality.Finding;
import dev.beca.core.quality.Severity;
import java.util.Objects;

/**
 * One issue found by {@link JavaCodeAnalyzer}.
 *
 * @param kind what the issue is about
 * @param severity how serious it is; for metric kinds {@link Severity#MEDIUM} above the threshold
 *     and {@link Severity#HIGH} at twice the threshold or more
 * @param file the file, relative to the analysed root, with {@code /} separators
 * @param line first line of the offending code, 1-based
 * @param column first column, 1-based
 * @param endLine last line
 * @param endColumn last column (inclusive)
 * @param symbol the class or {@code Class.method} the issue belongs to (empty at file level)
 * @param message what was found, in one sentence
 * @param value the measured value for metric kinds (0 for shape kinds)
 * @param threshold the highest accepted value for metric kinds (0 for shape kinds)
 */
public record CodeIssue(
    IssueKind kind,
    Severity severity,
    String file,
    int line,
    int column,
    int endLine,
    int endColumn,
    String symbol,
    String message,
    int value,
    int threshold) {

  /** Checks the components. */
  public CodeIssue {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(message, "message");
    if (line < 1 || endLine < line) {
      throw new IllegalArgumentException(
          "lines must be 1-based and ordered, were " + line + ".." + endLine);
    }
  }

  /**
   * How far a metric is above its threshold, relative to it: 0.5 for 15 against 10.
   *
   * @return the relative excess; 0 for shape kinds
   */
  public double excess() {
    return threshold <= 0 ? 0 : Math.max(0, (value - threshold) / (double) threshold);
  }

  /**
   * Whether the file is test code or test data (as {@link Finding#isTestPath(String)} decides).
   *
   * @return whether the issue is in tests
   */
  public boolean inTests() {
    return Finding.isTestPath(file);
  }
}
