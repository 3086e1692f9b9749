package dev.beca.core.improve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.testkit.DummySecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ImprovementArchive} must pass. Extend it and return a fresh, empty
 * archive. Published in beca-core's test-jar.
 */
public abstract class ImprovementArchiveContract {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private ImprovementArchive archive;

  /** Creates an empty archive for one test. */
  protected abstract ImprovementArchive createArchive() throws Exception;

  @BeforeEach
  void createFreshArchive() throws Exception {
    archive = createArchive();
  }

  private static ImprovementRun run(String id, int second) {
    return new ImprovementRun(
        id, "/work/p", "0123abcd", T0.plusSeconds(second), Optional.empty(), "");
  }

  private static ArchivedProposal proposal(String id, String run, String hash, int second) {
    return new ArchivedProposal(
        id,
        run,
        "recipes",
        "Fix add()",
        "--- a/calc.py\n+++ b/calc.py\n@@ -1 +1 @@\n-a - b\n+a + b\n",
        hash,
        "low",
        ProposalStatus.PROPOSED,
        "",
        "",
        T0.plusSeconds(second),
        T0.plusSeconds(second));
  }

  @Test
  void aRunIsReadBackAndReplacedWhenItEnds() {
    archive.saveRun(run("r1", 0));
    ImprovementRun ended = run("r1", 0).ended(T0.plusSeconds(90), "2 proposals: 1 accepted");
    archive.saveRun(ended);

    assertThat(archive.run("r1")).contains(ended);
    assertThat(archive.run("nope")).isEmpty();
  }

  @Test
  void runsAreListedNewestFirstWithinTheLimit() {
    archive.saveRun(run("r1", 0));
    archive.saveRun(run("r2", 10));
    archive.saveRun(run("r3", 20));

    assertThat(archive.runs(2)).extracting(ImprovementRun::id).containsExactly("r3", "r2");
  }

  @Test
  void aProposalKeepsEveryFieldAndItsStatusChanges() {
    archive.saveRun(run("r1", 0));
    ArchivedProposal p = proposal("p1", "r1", "h1", 1);
    archive.saveProposal(p);
    ArchivedProposal waiting =
        p.withStatus(ProposalStatus.AWAITING_APPROVAL, "tests.failing 1 -> 0", T0.plusSeconds(5))
            .withCommit("");
    archive.saveProposal(waiting);
    ArchivedProposal applied =
        waiting
            .withStatus(ProposalStatus.APPLIED, "approved", T0.plusSeconds(9))
            .withCommit("abc123");
    archive.saveProposal(applied);

    assertThat(archive.proposal("p1")).contains(applied);
    assertThat(archive.proposalsWithStatus(ProposalStatus.APPLIED)).containsExactly(applied);
    assertThat(archive.proposalsWithStatus(ProposalStatus.AWAITING_APPROVAL)).isEmpty();
  }

  @Test
  void proposalsAreFoundByRunByRecencyAndByTheHashOfTheirDiff() {
    archive.saveRun(run("r1", 0));
    archive.saveRun(run("r2", 100));
    archive.saveProposal(proposal("p1", "r1", "same", 1));
    archive.saveProposal(proposal("p2", "r1", "other", 2));
    archive.saveProposal(proposal("p3", "r2", "same", 101));

    assertThat(archive.proposalsOfRun("r1"))
        .extracting(ArchivedProposal::id)
        .containsExactly("p1", "p2");
    assertThat(archive.recentProposals(2))
        .extracting(ArchivedProposal::id)
        .containsExactly("p3", "p2");
    assertThat(archive.proposalsWithDiffHash("same"))
        .extracting(ArchivedProposal::id)
        .containsExactly("p1", "p3");
    assertThat(archive.proposalsWithDiffHash("never")).isEmpty();
  }

  @Test
  void stepsKeepTheirOrderOutcomeAndMeasures() {
    archive.saveRun(run("r1", 0));
    archive.saveProposal(proposal("p1", "r1", "h", 1));
    StepRecord apply =
        new StepRecord(
            "p1", 0, "apply", StepRecord.StepOutcome.PASSED, "", List.of(), Duration.ofMillis(12));
    StepRecord tests =
        new StepRecord(
            "p1",
            1,
            "tests",
            StepRecord.StepOutcome.FAILED,
            "1 failing: test_calc.test_sub",
            List.of(
                new MeasureDelta("tests.failing", "1", "1", MeasureDelta.Change.SAME, ""),
                new MeasureDelta(
                    "tests.newly-failing",
                    "0",
                    "1",
                    MeasureDelta.Change.WORSE,
                    "test_calc.test_sub")),
            Duration.ofMillis(1500));
    archive.addStep(apply);
    archive.addStep(tests);
    archive.addStep(
        new StepRecord(
            "base:r1", 0, "tests", StepRecord.StepOutcome.PASSED, "", List.of(), Duration.ZERO));

    assertThat(archive.steps("p1")).containsExactly(apply, tests);
    assertThat(archive.steps("base:r1")).hasSize(1);
  }

  @Test
  void secretsInTextsAreRedactedBeforeStorageAndTheHashIsKept() {
    String token = new DummySecrets(11).githubPat();
    archive.saveRun(run("r1", 0));
    ArchivedProposal p =
        new ArchivedProposal(
            "p1",
            "r1",
            "model",
            "Use the token " + token,
            "--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-x = 1\n+TOKEN = \"" + token + "\"\n",
            "h1",
            "low",
            ProposalStatus.REFUSED,
            "holds " + token,
            "",
            T0,
            T0);
    archive.saveProposal(p);
    archive.addStep(
        new StepRecord(
            "p1",
            0,
            "tests",
            StepRecord.StepOutcome.FAILED,
            "printed " + token,
            List.of(new MeasureDelta("m", "0", "1", MeasureDelta.Change.WORSE, token)),
            Duration.ZERO));

    ArchivedProposal kept = archive.proposal("p1").orElseThrow();
    assertThat(kept.description()).doesNotContain(token).startsWith("Use the token");
    assertThat(kept.diff()).doesNotContain(token).startsWith("--- a/a.py");
    assertThat(kept.reason()).doesNotContain(token);
    assertThat(kept.diffHash()).isEqualTo("h1");
    StepRecord step = archive.steps("p1").get(0);
    assertThat(step.detail()).doesNotContain(token);
    assertThat(step.measures().get(0).detail()).doesNotContain(token);
  }
}
