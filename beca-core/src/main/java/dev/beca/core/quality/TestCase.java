package dev.beca.core.quality;

import java.util.Objects;

/**
 * One test case from a test runner's report.
 *
 * @param className the test class or module, e.g. {@code com.acme.CalcTest} or {@code
 *     tests.test_calc}
 * @param name the test's name
 * @param outcome how it ended
 * @param seconds how long it took
 * @param message the failure or error message; empty when it passed
 */
public record TestCase(
    String className, String name, Outcome outcome, double seconds, String message) {

  /** How a test ended. */
  public enum Outcome {
    /** Passed. */
    PASSED,
    /** An assertion failed. */
    FAILED,
    /** An unexpected exception. */
    ERROR,
    /** Not run. */
    SKIPPED
  }

  /** Checks the components. */
  public TestCase {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
  }

  /** {@code className.name}, the name hints and comparisons use. */
  public String id() {
    return className.isEmpty() ? name : className + "." + name;
  }

  /** Whether the test failed or errored. */
  public boolean broken() {
    return outcome == Outcome.FAILED || outcome == Outcome.ERROR;
  }
}
