package dev.beca.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.benchmark.internal.PytestProbe;
import dev.beca.core.InvalidInputException;
import dev.beca.core.quality.BenchmarkProgress;
import dev.beca.core.quality.ProbeStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --repeat N}: every test's time over N runs, and a comparison that flags a slower test only
 * beyond the noise of its runs, on a real Python project with real pytest runs.
 */
class RepeatedTimingsTest {

  @TempDir Path temp;

  /**
   * Revision A: {@code test_work} does no work, {@code test_noisy} sleeps 0.3 s on some runs and
   * not on others (a counter outside the tree decides: runs 1, 2, 5, 6, 9 ... of the whole sequence
   * sleep, so whichever order the runs go in, each revision gets both fast and slow runs). Revision
   * B plants a 0.5 s sleep into {@code test_work} and leaves {@code test_noisy} as is.
   */
  private RevCommit[] project(Path dir) throws Exception {
    Path counter = temp.resolve("noisy-counter.txt");
    String noisy =
        """
        import time
        from pathlib import Path

        from calc import add

        COUNTER = Path(r"%s")


        def _run_number():
            n = int(COUNTER.read_text()) if COUNTER.exists() else 0
            COUNTER.write_text(str(n + 1))
            return n


        def test_noisy():
            if _run_number() %% 4 in (1, 2):
                time.sleep(0.3)
            assert add(1, 1) == 2
        """
            .formatted(counter);
    FixtureProjects.write(dir, "calc.py", "def add(a, b):\n    return a + b\n");
    FixtureProjects.write(dir, "test_noisy.py", noisy);
    FixtureProjects.write(
        dir,
        "test_work.py",
        "import time\n\nfrom calc import add\n\n\ndef test_work():\n    time.sleep(%s)\n"
                .formatted("0.0")
            + "    assert add(2, 3) == 5\n");
    RevCommit a = FixtureProjects.commit(dir, "fast");
    FixtureProjects.write(
        dir,
        "test_work.py",
        "import time\n\nfrom calc import add\n\n\ndef test_work():\n    time.sleep(%s)\n"
                .formatted("0.5")
            + "    assert add(2, 3) == 5\n");
    RevCommit b = FixtureProjects.commit(dir, "a planted sleep");
    return new RevCommit[] {a, b};
  }

  private CodeBenchmark benchmark() {
    return CodeBenchmark.builder()
        .stockProbes(false)
        .discoverProbes(false)
        .probe(new PytestProbe(CodeBenchmark.pythonCandidates(System.getenv())))
        .workDirectory(temp.resolve("work"))
        .timeout(Duration.ofMinutes(5))
        .build();
  }

  @Test
  void aPlantedSleepIsFlaggedAndNoiseIsNotOverRepeatedRuns() throws Exception {
    Path repo = temp.resolve("timed");
    RevCommit[] commits = project(repo);

    Comparison comparison =
        benchmark()
            .compare(repo, commits[0].getName(), commits[1].getName(), 5, BenchmarkProgress.NONE);

    assertThat(comparison.before().probes())
        .singleElement()
        .satisfies(p -> assertThat(p.status()).as(p.message()).isEqualTo(ProbeStatus.OK));
    assertThat(comparison.timingsBefore().runs()).isEqualTo(5);
    assertThat(comparison.timingsAfter().sample("test_noisy.test_noisy").orElseThrow().seconds())
        .hasSize(5);
    TestTimings.Sample noisyA = comparison.timingsBefore().sample("test_noisy.test_noisy").get();
    TestTimings.Sample noisyB = comparison.timingsAfter().sample("test_noisy.test_noisy").get();
    assertThat(noisyA.spread()).as("the noise is measured").isGreaterThan(0.2);
    assertThat(noisyB.spread()).isGreaterThan(0.2);
    assertThat(comparison.slowerTests())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.test()).isEqualTo("test_work.test_work");
              assertThat(t.runs()).isEqualTo(5);
              assertThat(t.beyondNoise()).isTrue();
              assertThat(t.secondsAfter()).isGreaterThanOrEqualTo(0.5);
              assertThat(t.ratio()).isGreaterThan(Comparison.REPEATED_RATIO);
              assertThat(t.line()).startsWith("test_work.test_work ").contains("medians of 5 runs");
            });
    assertThat(comparison.verdict().outcome()).isEqualTo(Comparison.Outcome.WORSE);
    assertThat(comparison.verdict().reasons())
        .singleElement()
        .satisfies(r -> assertThat(r).startsWith("slower: test_work.test_work "));
  }

  @Test
  void aRepeatedRunReportsEveryTestsTimesOverItsRuns() throws Exception {
    Path repo = temp.resolve("single");
    project(repo);

    RepeatedRun run = benchmark().run("timed", repo, true, 3, BenchmarkProgress.NONE);

    assertThat(run.timings().runs()).isEqualTo(3);
    assertThat(run.timings().samples())
        .extracting(TestTimings.Sample::test)
        .containsExactlyInAnyOrder("test_noisy.test_noisy", "test_work.test_work");
    assertThat(run.timings().sample("test_work.test_work").orElseThrow().median())
        .isGreaterThanOrEqualTo(0.5);
    assertThat(run.timings().samples()).allSatisfy(s -> assertThat(s.seconds()).hasSize(3));
  }

  @Test
  void fewerThanOneRunIsInvalidInput() {
    assertThatThrownBy(() -> benchmark().run("x", temp, true, 0, BenchmarkProgress.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at least 1");
  }
}
