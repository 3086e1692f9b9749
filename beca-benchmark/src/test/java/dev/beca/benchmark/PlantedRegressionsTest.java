package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each regression planted into a well-kept project lowers its score, and a secret in shipped code
 * trips the security gate: the calibration's promise, on a fixture project with the real tools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlantedRegressionsTest {

  @TempDir static Path temp;

  private CodeBenchmark benchmark;
  private BenchmarkResult base;

  @BeforeAll
  void measureTheHealthyProject() throws Exception {
    benchmark =
        CodeBenchmark.builder()
            .workDirectory(temp.resolve("work"))
            .timeout(Duration.ofMinutes(5))
            .build();
    base = measure("base", dir -> {});
    assertThat(base.probes())
        .allSatisfy(
            p ->
                assertThat(p.status())
                    .as(p.probe() + ": " + p.message())
                    .isEqualTo(ProbeStatus.OK));
  }

  @Test
  void theHealthyProjectScoresHighWithoutAGate() {
    assertThat(base.score().parts())
        .containsEntry(ProbeKind.TESTS, 1.0)
        .containsEntry(ProbeKind.COVERAGE, 1.0);
    assertThat(base.score().parts().get(ProbeKind.LINT)).isGreaterThan(0.9);
    assertThat(base.score().securityGate()).isFalse();
    assertThat(base.score().value()).isGreaterThan(0.95);
  }

  @Test
  void aFailingTestLowersTheScore() throws Exception {
    BenchmarkResult planted =
        measure("failing-test", dir -> replace(dir.resolve("tests/test_cart.py"), "== 5", "== 6"));

    assertThat(planted.score().parts().get(ProbeKind.TESTS)).isLessThan(1.0);
    assertThat(planted.score().value()).isLessThan(base.score().value());
  }

  @Test
  void aDeletedTestModuleLowersTheScore() throws Exception {
    BenchmarkResult planted =
        measure("deleted-tests", dir -> Files.delete(dir.resolve("tests/test_pricing.py")));

    assertThat(planted.score().parts().get(ProbeKind.COVERAGE)).isLessThan(1.0);
    assertThat(planted.score().value()).isLessThan(base.score().value());
  }

  @Test
  void anUncoveredNewFunctionLowersTheScore() throws Exception {
    BenchmarkResult planted =
        measure(
            "uncovered",
            dir ->
                append(
                    dir.resolve("shop/cart.py"),
                    """


        def average(prices):
            \"\"\"Return the mean price.\"\"\"
            return total(prices) / count(prices)
        """));

    assertThat(planted.score().parts().get(ProbeKind.COVERAGE)).isLessThan(1.0);
    assertThat(planted.score().value()).isLessThan(base.score().value());
  }

  @Test
  void aHighSeverityLintFindingLowersTheLintPartAndTheScore() throws Exception {
    BenchmarkResult planted =
        measure(
            "lint",
            dir ->
                replace(
                    dir.resolve("shop/cart.py"),
                    "    return len(prices)\n",
                    "    if not prices:\n        return undefined_fallback\n    return len(prices)\n"));

    assertThat(planted.probes())
        .filteredOn(p -> p.probe().equals("pylint"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.lint().findings())
                    .anySatisfy(f -> assertThat(f.rule()).isEqualTo("undefined-variable")));
    assertThat(planted.score().parts().get(ProbeKind.LINT))
        .isLessThan(base.score().parts().get(ProbeKind.LINT));
    assertThat(planted.score().value()).isLessThan(base.score().value());
  }

  @Test
  void aRealLookingSecretInShippedCodeTripsTheGate() throws Exception {
    BenchmarkResult planted =
        measure(
            "secret",
            dir ->
                append(
                    dir.resolve("shop/cart.py"),
                    "\n\nAWS_ACCESS_KEY_ID = \"AKIAQ4R7ZJ2XK5MWTB3H\"\n"));

    assertThat(planted.score().securityGate()).as(planted.score().explanation()).isTrue();
    assertThat(planted.score().value()).isZero();
  }

  private BenchmarkResult measure(String name, Plant plant) throws Exception {
    Path dir = temp.resolve(name);
    FixtureProjects.pythonShop(dir);
    plant.apply(dir);
    return benchmark.run(name, dir, true, new RecordingProgress());
  }

  private static void replace(Path file, String from, String to) throws Exception {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  private static void append(Path file, String text) throws Exception {
    Files.writeString(file, Files.readString(file) + text);
  }

  /** A change made to the healthy project's working tree. */
  @FunctionalInterface
  private interface Plant {
    void apply(Path dir) throws Exception;
  }
}
