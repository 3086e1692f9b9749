package dev.beca.core.quality;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

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
 * @param confidence how sure the tool is; {@code null} (results stored before it existed) reads as
 *     {@link Confidence#HIGH}
 */
public record Finding(
    String rule,
    int priority,
    Severity severity,
    String file,
    int line,
    String message,
    Confidence confidence) {

  /** Path segments (lower case) of test code and test data. */
  private static final Set<String> TEST_FOLDERS =
      Set.of(
          "test",
          "tests",
          "testing",
          "__tests__",
          "testdata",
          "test-data",
          "testfixtures",
          "fixtures",
          "it",
          "spec");

  /** Checks the components. */
  public Finding {
    confidence = confidence == null ? Confidence.HIGH : confidence;
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

  /** A finding of a tool that gives no confidence (taken as {@link Confidence#HIGH}). */
  public Finding(
      String rule, int priority, Severity severity, String file, int line, String message) {
    this(rule, priority, severity, file, line, message, Confidence.HIGH);
  }

  /**
   * Whether the file is test code or test data rather than shipped code or configuration: outside
   * any {@code src/main/} folder, with a path segment such as {@code src/test}, {@code tests},
   * {@code testdata} or {@code fixtures}, in a Gradle test source set ({@code src/intTest}, {@code
   * src/dockerTest}, {@code src/testFixtures}), or named like a test ({@code FooTest.java}, {@code
   * FooIT.java}, {@code test_foo.py}, {@code foo_test.py}, {@code conftest.py}).
   */
  public boolean inTests() {
    return isTestPath(file);
  }

  /**
   * Whether a project-relative path is test code or test data (see {@link #inTests()}).
   *
   * @param file the path, with {@code /} or {@code \\} separators
   * @return whether it is test code or data
   */
  public static boolean isTestPath(String file) {
    String path = file.replace('\\', '/').toLowerCase(Locale.ROOT);
    if (path.startsWith("src/main/") || path.contains("/src/main/")) {
      return false;
    }
    String[] segments = path.split("/");
    String[] original = file.replace('\\', '/').split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (TEST_FOLDERS.contains(segments[i])) {
        return true;
      }
      // Gradle's test source sets, named in camelCase: src/dockerTest, src/intTest,
      // src/testFixtures
      if (i > 0
          && segments[i - 1].equals("src")
          && original[i].matches("[a-z][A-Za-z0-9]*Tests?|testFixtures")) {
        return true;
      }
    }
    String name = file.substring(file.replace('\\', '/').lastIndexOf('/') + 1);
    return name.matches(".*(Test|Tests|IT|TestCase)\\.(java|kt|groovy|scala)")
        || name.matches("(test_.*|.*_test|conftest)\\.py");
  }
}
