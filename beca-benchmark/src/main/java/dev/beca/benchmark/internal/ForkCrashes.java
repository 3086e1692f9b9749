package dev.beca.benchmark.internal;

import dev.beca.core.quality.TestCase;
import dev.beca.core.quality.TestReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Surefire or Failsafe test JVM that died (out of memory, {@code System.exit}, a native crash)
 * writes no report for the class it was running, and Maven fails the build even with {@code
 * -Dmaven.test.failure.ignore}: the reports alone would say every test passed. Read from Maven's
 * output, such a crash becomes one errored test case named after the class that was running.
 */
final class ForkCrashes {

  private static final List<String> MARKERS =
      List.of(
          "There was an error in the forked process",
          "The forked VM terminated without properly saying goodbye",
          "SurefireBooterForkException",
          "Crashed tests:");
  private static final Pattern RUNNING = Pattern.compile("^\\[INFO\\] Running (\\S+)\\s*$");
  private static final Pattern FINISHED =
      Pattern.compile("^\\[(?:INFO|WARNING|ERROR)\\] Tests run: .* -+ in (\\S+)\\s*$");
  private static final Pattern ERROR = Pattern.compile("^\\[ERROR\\] (.+)$");

  private ForkCrashes() {}

  /**
   * The crash a failed Maven run's output reports, if any.
   *
   * @param mavenOutput Maven's standard output, line by line
   * @return an errored test case for the class that was running when its JVM died (the class is
   *     {@code surefire} when none was), or empty when no test JVM crashed
   */
  static Optional<TestCase> find(List<String> mavenOutput) {
    int marker = -1;
    for (int i = 0; i < mavenOutput.size() && marker < 0; i++) {
      String line = mavenOutput.get(i);
      if (MARKERS.stream().anyMatch(line::contains)) {
        marker = i;
      }
    }
    if (marker < 0) {
      return Optional.empty();
    }
    Set<String> running = new LinkedHashSet<>();
    List<String> reasons = new ArrayList<>();
    for (int i = 0; i < marker; i++) {
      String line = mavenOutput.get(i);
      Matcher run = RUNNING.matcher(line);
      Matcher done = FINISHED.matcher(line);
      if (run.matches()) {
        running.add(run.group(1));
      } else if (done.matches()) {
        running.remove(done.group(1));
      } else if (ERROR.matcher(line).matches() && !running.isEmpty()) {
        reasons.add(line.substring("[ERROR] ".length()).strip());
      }
    }
    String className = running.isEmpty() ? "surefire" : String.join(", ", running);
    String reason =
        reasons.isEmpty()
            ? mavenOutput.get(marker).replaceFirst("^\\[ERROR\\] ", "").strip()
            : reasons.get(0);
    return Optional.of(
        new TestCase(
            className,
            "(test JVM crashed)",
            TestCase.Outcome.ERROR,
            0,
            "The test JVM died while running " + className + ": " + reason));
  }

  /** The report with the crash added as one more errored test. */
  static TestReport withCrash(TestReport report, TestCase crash) {
    List<TestCase> cases = new ArrayList<>(report.cases());
    cases.add(crash);
    return new TestReport(
        report.tests() + 1, report.failures(), report.errors() + 1, report.skipped(), cases);
  }
}
