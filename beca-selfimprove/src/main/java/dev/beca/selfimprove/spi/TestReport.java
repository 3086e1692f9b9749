package dev.beca.selfimprove.spi;

import java.util.Set;
import java.util.TreeSet;

/**
 * The tests a step ran, by name ({@code class.method} or pytest's {@code module.test}).
 *
 * @param passed the tests that passed
 * @param failed the tests that failed or ended in an error
 */
public record TestReport(Set<String> passed, Set<String> failed) {

  /** Copies the sets, sorted. */
  public TestReport {
    passed = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(passed));
    failed = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(failed));
  }

  /** No test ran. */
  public static TestReport none() {
    return new TestReport(Set.of(), Set.of());
  }

  /** Whether no test ran. */
  public boolean isEmpty() {
    return passed.isEmpty() && failed.isEmpty();
  }
}
