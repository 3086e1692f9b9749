package dev.beca.benchmark;

import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.TestCase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every test's time over N runs of the test probes on the same tree ({@code --repeat N}): the raw
 * samples, their median and their spread (slowest minus fastest run), the noise against which a
 * slower test is judged (see {@link Comparison}).
 *
 * @param runs how many times the test probes ran
 * @param seconds each test's time in every run it ran in (skipped runs left out), by test id
 */
public record TestTimings(int runs, Map<String, List<Double>> seconds) {

  /** Checks the components and copies the map. */
  public TestTimings {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1, was " + runs);
    }
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    Objects.requireNonNull(seconds, "seconds").forEach((id, s) -> copy.put(id, List.copyOf(s)));
    seconds = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * The timings of the test probes' results, one collection of probe results per run.
   *
   * @param runs each run's probe results (only their test reports are read)
   * @return the samples per test
   */
  public static TestTimings of(List<? extends Collection<ProbeResult>> runs) {
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    for (Collection<ProbeResult> run : runs) {
      for (ProbeResult probe : run) {
        if (probe.tests() == null) {
          continue;
        }
        for (TestCase test : probe.tests().cases()) {
          if (test.outcome() != TestCase.Outcome.SKIPPED) {
            seconds.computeIfAbsent(test.id(), k -> new ArrayList<>()).add(test.seconds());
          }
        }
      }
    }
    return new TestTimings(Math.max(1, runs.size()), seconds);
  }

  /** One test's samples and their summary. */
  public record Sample(String test, List<Double> seconds) {

    /** Checks the components and copies the list. */
    public Sample {
      Objects.requireNonNull(test, "test");
      seconds = List.copyOf(seconds);
      if (seconds.isEmpty()) {
        throw new IllegalArgumentException("a sample needs at least one time");
      }
    }

    /** The median time (the mean of the two middle ones for an even count). */
    public double median() {
      List<Double> sorted = seconds.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The fastest run. */
    public double min() {
      return seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** The slowest run. */
    public double max() {
      return seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** The spread: slowest minus fastest run; 0 for a single run. */
    public double spread() {
      return max() - min();
    }
  }

  /** One test's samples, if it ran. */
  public Optional<Sample> sample(String test) {
    List<Double> s = seconds.get(test);
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(new Sample(test, s));
  }

  /** Every test's samples, in report order. */
  public List<Sample> samples() {
    return seconds.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(e -> new Sample(e.getKey(), e.getValue()))
        .toList();
  }
}
