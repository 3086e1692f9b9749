package dev.beca.benchmark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.quality.TestCase;
import dev.beca.core.quality.TestReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A test JVM that died is an errored test, not a silent gap in the reports (commons-codec's
 * Base64Test ran out of heap on a 23 GB machine: Maven failed, the reports said all passed).
 */
class ForkCrashesTest {

  /** The output of commons-codec's {@code mvn test} on 2026-12-02, shortened. */
  private static final List<String> HEAP_CRASH =
      List.of(
          "[INFO] Running org.apache.commons.codec.binary.CharSequenceUtilsTest",
          "[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.007 s -- in"
              + " org.apache.commons.codec.binary.CharSequenceUtilsTest",
          "[INFO] Running org.apache.commons.codec.binary.Base64Test",
          "[ERROR] Java heap space",
          "[INFO] ",
          "[INFO] Results:",
          "[INFO] ",
          "[WARNING] Tests run: 1210, Failures: 0, Errors: 0, Skipped: 19",
          "[INFO] BUILD FAILURE",
          "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.5.6:test"
              + " (default-test) on project commons-codec: ",
          "[ERROR] There was an error in the forked process",
          "[ERROR] Java heap space",
          "[ERROR] org.apache.maven.surefire.booter.SurefireBooterForkException: There was an error"
              + " in the forked process");

  @Test
  void aJvmDyingInATestClassIsAnErrorOfThatClassWithItsReason() {
    TestCase crash = ForkCrashes.find(HEAP_CRASH).orElseThrow();

    assertThat(crash.className()).isEqualTo("org.apache.commons.codec.binary.Base64Test");
    assertThat(crash.outcome()).isEqualTo(TestCase.Outcome.ERROR);
    assertThat(crash.message()).contains("Base64Test", "Java heap space");
  }

  @Test
  void theCrashAddsOneErroredTestToTheReport() {
    TestReport report =
        new TestReport(
            2,
            0,
            0,
            0,
            List.of(
                new TestCase("a.ATest", "one", TestCase.Outcome.PASSED, 0.1, ""),
                new TestCase("a.ATest", "two", TestCase.Outcome.PASSED, 0.1, "")));

    TestReport crashed = ForkCrashes.withCrash(report, ForkCrashes.find(HEAP_CRASH).orElseThrow());

    assertThat(crashed.tests()).isEqualTo(3);
    assertThat(crashed.errors()).isEqualTo(1);
    assertThat(crashed.passed()).isEqualTo(2);
    assertThat(crashed.broken()).extracting(TestCase::name).containsExactly("(test JVM crashed)");
  }

  @Test
  void aJvmExitingWithoutGoodbyeOutsideAnyClassIsStillACrash() {
    List<String> output =
        List.of(
            "[INFO] Running a.ATest",
            "[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.1 s - in"
                + " a.ATest",
            "[ERROR] ExecutionException The forked VM terminated without properly saying goodbye."
                + " VM crash or System.exit called?");

    TestCase crash = ForkCrashes.find(output).orElseThrow();

    assertThat(crash.className()).isEqualTo("surefire");
    assertThat(crash.message()).contains("System.exit called?");
  }

  @Test
  void aBuildFailingForAnotherReasonIsNoCrash() {
    List<String> output =
        List.of(
            "[INFO] Running a.ATest",
            "[ERROR] Tests run: 1, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.1 s <<<"
                + " FAILURE! -- in a.ATest",
            "[INFO] BUILD FAILURE",
            "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-enforcer-plugin:3.5.0:"
                + "enforce (enforce-maven) on project x: Some Enforcer rules have failed.");

    assertThat(ForkCrashes.find(output)).isEmpty();
  }
}
