package dev.beca.core.quality;

import java.util.List;
import java.util.Objects;

/**
 * What a test runner reported, summed over all its report files.
 *
 * @param tests all test cases, including skipped ones
 * @param failures assertion failures
 * @param errors unexpected exceptions
 * @param skipped tests not run
 * @param cases every test case, in report order
 */
public record TestReport(int tests, int failures, int errors, int skipped, List<TestCase> cases) {

  /** Checks the counts and copies the list. */
  public TestReport {
    if (tests < 0
        || failures < 0
        || errors < 0
        || skipped < 0
        || failures + errors + skipped > tests) {
      throw new IllegalArgumentException(
          "inconsistent test counts: tests "
              + tests
              + ", failures "
              + failures
              + ", errors "
              + errors
              + ", skipped "
              + skipped);
    }
    cases = List.copyOf(Objects.requireNonNull(cases, "cases"));
  }

  /** Tests that ran and passed. */
  public int passed() {
    return tests - failures - errors - skipped;
  }

  /** Tests that ran (not skipped). */
  public int executed() {
    return tests - skipped;
  }

  /** The failed and errored test cases. */
  public List<TestCase> broken() {
    return cases.stream().filter(TestCase::broken).toList();
  }
}
