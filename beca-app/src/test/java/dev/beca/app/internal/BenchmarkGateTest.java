package dev.beca.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.InMemoryImprovementArchive;
import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.MeasureDelta.Change;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.selfimprove.CommandStep;
import dev.beca.selfimprove.CycleReport;
import dev.beca.selfimprove.ImprovementEngine;
import dev.beca.selfimprove.spi.Proposal;
import dev.beca.selfimprove.spi.ProposalContext;
import dev.beca.selfimprove.spi.ProposalSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's last step: the code benchmark's {@code --compare} with repeated test runs, on a
 * real Python project in a real git repository, through the real engine.
 */
class BenchmarkGateTest {

  private static final String CALC =
      "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n";
  private static final String TESTS =
      "from calc import add, sub\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\n"
          + "def test_sub():\n    assert sub(5, 3) == 2\n";

  /** Fixes add(). */
  private static final String FIX =
      "--- a/calc.py\n+++ b/calc.py\n@@ -1,3 +1,3 @@\n def add(a, b):\n-    return a - b\n"
          + "+    return a + b\n \n";

  /** Fixes add() and makes sub() sleep 400 ms: test_sub stays green, only slower. */
  private static final String FIX_AND_SLOW_DOWN =
      "--- a/calc.py\n+++ b/calc.py\n@@ -1,6 +1,10 @@\n+import time\n+\n+\n def add(a, b):\n"
          + "-    return a - b\n+    return a + b\n \n \n def sub(a, b):\n+    time.sleep(0.4)\n"
          + "     return a - b\n";

  /**
   * Under the module's {@code target/}, not /tmp: with bubblewrap the evaluation's /tmp is an empty
   * folder, and the benchmark reads the repository from inside the sandbox.
   */
  private Path project;

  @BeforeEach
  void makeProject() throws Exception {
    Files.createDirectories(Path.of("target"));
    project = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "benchmark-gate-");
  }

  @AfterEach
  void removeProject() throws Exception {
    try (var files = Files.walk(project)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void git(String... args) throws Exception {
    List<String> line = new ArrayList<>(List.of("git"));
    line.addAll(List.of(args));
    Process p =
        new ProcessBuilder(line).directory(project.toFile()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(text).isZero();
  }

  @Test
  void aProposalThatMakesOneTestSlowerBeyondTheNoiseIsRejectedAndTheFixAlonePasses()
      throws Exception {
    Files.writeString(project.resolve("calc.py"), CALC);
    Files.writeString(project.resolve("test_calc.py"), TESTS);
    Files.writeString(project.resolve(".gitignore"), "__pycache__/\n.beca-eval/\n");
    git("init", "-q", "-b", "main");
    git("config", "user.name", "Test User");
    git("config", "user.email", "user@example.com");
    git("add", "-A");
    git("commit", "-q", "-m", "calc");
    List<Proposal> proposals =
        List.of(
            new Proposal("fix", "Fix add()", "scripted", FIX, Proposal.estimateRisk(FIX)),
            new Proposal(
                "fix-slow",
                "Fix add(), slow sub() down",
                "scripted",
                FIX_AND_SLOW_DOWN,
                Proposal.estimateRisk(FIX_AND_SLOW_DOWN)));
    ImprovementEngine engine =
        ImprovementEngine.builder()
            .archive(new InMemoryImprovementArchive())
            .source(new Fixed(proposals))
            .step(CommandStep.pytest())
            .step(BenchmarkGate.step(3, Duration.ofMinutes(10)))
            .build();

    CycleReport report = engine.runCycle(project);

    ArchivedProposal fix = find(report, "fix");
    ArchivedProposal slow = find(report, "fix-slow");
    assertThat(fix.status()).as(fix.reason()).isEqualTo(ProposalStatus.AWAITING_APPROVAL);
    assertThat(fix.reason()).contains("benchmark.tests.failed 1 -> 0 (better");
    // The pytest step alone finds the same fix in both; the benchmark's noise rule tells them
    // apart.
    assertThat(slow.status()).as(slow.reason()).isEqualTo(ProposalStatus.REJECTED_BY_EVALUATOR);
    assertThat(slow.reason())
        .contains("benchmark.time.")
        .contains("test_sub")
        .contains("medians of 3 runs")
        .doesNotContain("benchmark.time.test_calc.test_add");
  }

  @Test
  void theComparisonsFiguresNewFailuresAndSlowerTestsBecomeMeasures() throws Exception {
    String json =
        "{\"verdict\":{\"outcome\":\"WORSE\",\"reasons\":[\"tests.failed 0 -> 1\"]},"
            + "\"comparison\":{\"deltas\":["
            + "{\"metric\":\"tests.failed\",\"before\":0,\"after\":1,\"regression\":true,"
            + "\"improvement\":false},"
            + "{\"metric\":\"lint.findings\",\"before\":4,\"after\":3,\"regression\":false,"
            + "\"improvement\":true},"
            + "{\"metric\":\"security.high\",\"before\":\"NaN\",\"after\":\"NaN\","
            + "\"regression\":false,\"improvement\":false}],"
            + "\"newlyFailing\":[\"t.test_a\"],"
            + "\"slowerTests\":[{\"test\":\"t.test_b\",\"secondsBefore\":0.01,"
            + "\"secondsAfter\":0.5,\"spreadBefore\":0.001,\"spreadAfter\":0.002,\"runs\":1}]}}";

    List<MeasureDelta> deltas = BenchmarkGate.deltas(new ObjectMapper().readTree(json));

    assertThat(deltas)
        .extracting(MeasureDelta::name, MeasureDelta::change)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("benchmark.tests.failed", Change.WORSE),
            org.assertj.core.groups.Tuple.tuple("benchmark.lint.findings", Change.BETTER),
            org.assertj.core.groups.Tuple.tuple("benchmark.tests.newly_failing", Change.WORSE),
            // one run each: reported, not judged (the benchmark's own rule)
            org.assertj.core.groups.Tuple.tuple("benchmark.time.t.test_b", Change.SAME),
            org.assertj.core.groups.Tuple.tuple("benchmark.verdict", Change.WORSE));
  }

  private static ArchivedProposal find(CycleReport report, String id) {
    return report.proposals().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  private record Fixed(List<Proposal> proposals) implements ProposalSource {
    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public List<Proposal> propose(ProposalContext context) {
      return proposals;
    }
  }
}
