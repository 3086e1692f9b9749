package dev.beca.selfimprove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.InMemoryImprovementArchive;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.improve.StepRecord;
import dev.beca.selfimprove.internal.EngineState;
import dev.beca.selfimprove.internal.GitCli;
import dev.beca.selfimprove.internal.Worktrees;
import dev.beca.selfimprove.spi.EvaluationContext;
import dev.beca.selfimprove.spi.EvaluationStep;
import dev.beca.selfimprove.spi.Proposal;
import dev.beca.selfimprove.spi.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on a real Python project in a real git repository, with real pytest runs. */
class ImprovementEngineTest {

  @TempDir Path project;
  @TempDir Path worktrees;

  private GitCli git;
  private final InMemoryImprovementArchive archive = new InMemoryImprovementArchive();

  @BeforeEach
  void createProject() throws Exception {
    git = Fixtures.pythonProject(project);
  }

  private ImprovementEngine.Builder engine(List<Proposal> proposals, Duration testLimit) {
    return ImprovementEngine.builder()
        .archive(archive)
        .source(Fixtures.scripted(proposals))
        .step(CommandStep.pytest().toBuilder().timeLimit(testLimit).build())
        .maxProposals(10)
        .worktreeParent(worktrees);
  }

  private String fixDiff() throws Exception {
    return Fixtures.diff(project, Map.of("calc.py", Fixtures.CALC.replaceFirst("a - b", "a + b")));
  }

  private String hangDiff() throws Exception {
    return Fixtures.diff(
        project,
        Map.of(
            "calc.py",
            "import time\n\n\n"
                + Fixtures.CALC.replaceFirst(
                    "    return a - b", "    time.sleep(600)\n    return a + b")));
  }

  @Test
  void onlyTheProposalThatFixesTheFailingTestReachesTheApprovalQueue() throws Exception {
    Proposal fix = Fixtures.proposal("fix", "Fix add()", fixDiff());
    Proposal breaks =
        Fixtures.proposal(
            "breaks",
            "Fix add() but break sub()",
            Fixtures.diff(project, Map.of("calc.py", Fixtures.CALC.replace("a - b", "a + b"))));
    Proposal gamesConfig =
        Fixtures.proposal(
            "games-config",
            "Skip the failing test in the configuration",
            Fixtures.diff(
                project,
                Map.of("pytest.ini", "[pytest]\naddopts = -p no:cacheprovider -k 'not add'\n")));
    Proposal deletesTest =
        Fixtures.proposal(
            "deletes-test", "Remove the failing tests", Fixtures.diff(project, mapOfNull()));
    Proposal doesNotApply =
        Fixtures.proposal(
            "does-not-apply",
            "Edit a line that is not there",
            fixDiff().replace("-    return a - b", "-    return a * b"));
    Map<String, String> before = Fixtures.snapshot(project);
    String head = git.run("rev-parse", "HEAD").line();

    CycleReport report =
        engine(
                List.of(fix, breaks, gamesConfig, deletesTest, doesNotApply),
                Duration.ofSeconds(120))
            .build()
            .runCycle(project);

    assertThat(report.withStatus(ProposalStatus.AWAITING_APPROVAL))
        .extracting(ArchivedProposal::id)
        .containsExactly("fix");
    ArchivedProposal accepted = archive.proposal("fix").orElseThrow();
    assertThat(accepted.reason()).contains("tests.tests.failing 1 -> 0").contains("test_add");
    ArchivedProposal rejected = archive.proposal("breaks").orElseThrow();
    assertThat(rejected.status()).isEqualTo(ProposalStatus.REJECTED_BY_EVALUATOR);
    assertThat(rejected.reason()).contains("test_calc.test_sub").contains("worse");
    assertThat(archive.proposal("games-config").orElseThrow().reason())
        .startsWith("PROTECTED_FILE")
        .contains("pytest.ini");
    assertThat(archive.proposal("deletes-test").orElseThrow().reason()).startsWith("DELETES_TEST");
    ArchivedProposal notApplied = archive.proposal("does-not-apply").orElseThrow();
    assertThat(notApplied.status()).isEqualTo(ProposalStatus.REFUSED);
    assertThat(notApplied.reason()).startsWith("DOES_NOT_APPLY");
    assertThat(archive.steps("fix")).extracting(StepRecord::step).containsExactly("apply", "tests");
    // The user's tree, branch and HEAD are untouched, and nothing is left behind.
    assertThat(Fixtures.snapshot(project)).isEqualTo(before);
    assertThat(git.run("rev-parse", "HEAD").line()).isEqualTo(head);
    assertThat(git.run("symbolic-ref", "--short", "HEAD").line()).isEqualTo("main");
    assertThat(git.run("branch", "--list", "beca/*").line()).isEmpty();
    assertThat(git.run("worktree", "list", "--porcelain").out()).containsOnlyOnce("worktree ");
    try (var left = Files.list(worktrees)) {
      assertThat(left).isEmpty();
    }
  }

  private static Map<String, String> mapOfNull() {
    java.util.HashMap<String, String> m = new java.util.HashMap<>();
    m.put("test_calc.py", null);
    return m;
  }

  @Test
  void theSameDiffIsNotTriedAgainInTheNextCycle() throws Exception {
    String breaks =
        Fixtures.diff(project, Map.of("calc.py", Fixtures.CALC.replace("a - b", "a + b")));
    engine(List.of(Fixtures.proposal("first", "Break sub()", breaks)), Duration.ofSeconds(120))
        .build()
        .runCycle(project);

    CycleReport second =
        engine(
                List.of(Fixtures.proposal("again", "Break sub() again", breaks)),
                Duration.ofSeconds(120))
            .build()
            .runCycle(project);

    ArchivedProposal again = second.proposals().get(0);
    assertThat(again.status()).isEqualTo(ProposalStatus.REFUSED);
    assertThat(again.reason()).startsWith("TRIED_BEFORE").contains("first");
    assertThat(archive.steps("again")).isEmpty();
  }

  @Test
  void aProposalThatHangsTheTestsIsKilledAtTheTimeLimitAndRejected() throws Exception {
    CycleReport report =
        engine(List.of(Fixtures.proposal("hangs", "Slow add", hangDiff())), Duration.ofSeconds(5))
            .build()
            .runCycle(project);

    ArchivedProposal hangs = report.proposals().get(0);
    assertThat(hangs.status()).isEqualTo(ProposalStatus.REJECTED_BY_EVALUATOR);
    StepRecord tests = archive.steps("hangs").get(1);
    assertThat(tests.outcome()).isEqualTo(StepRecord.StepOutcome.TIMED_OUT);
    assertThat(tests.detail()).contains("time limit of 5 s");
    assertThat(hangs.reason()).contains("test_calc.test_sub");
  }

  @Test
  void aStopFromAnotherProcessEndsTheCycleWithinASecond() throws Exception {
    ImprovementEngine engine =
        engine(List.of(Fixtures.proposal("hangs", "Slow add", hangDiff())), Duration.ofSeconds(300))
            .build();
    CompletableFuture<CycleReport> cycle =
        CompletableFuture.supplyAsync(() -> engine.runCycle(project));
    awaitRunning("hangs");

    long t0 = System.nanoTime();
    ImprovementEngine.requestStop(project); // what `beca improve stop` does in another process
    CycleReport report = cycle.get(30, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(report.stopped()).isTrue();
    assertThat(report.proposals().get(0).status()).isEqualTo(ProposalStatus.FAILED);
    assertThat(report.proposals().get(0).reason()).contains("stopped");
    // Behaviour, not performance: the issue asks for 1 s; a loaded machine gets a generous margin.
    assertThat(millis).isLessThan(5_000);
    assertThat(git.run("branch", "--list", "beca/*").line()).isEmpty();
  }

  @Test
  void aSecondCycleWhileOneRunsIsRefused() throws Exception {
    ImprovementEngine first =
        engine(List.of(Fixtures.proposal("hangs", "Slow add", hangDiff())), Duration.ofSeconds(300))
            .build();
    CompletableFuture<CycleReport> cycle =
        CompletableFuture.supplyAsync(() -> first.runCycle(project));
    awaitRunning("hangs");
    try {
      ImprovementEngine second = engine(List.of(), Duration.ofSeconds(10)).build();

      assertThatThrownBy(() -> second.runCycle(project))
          .isInstanceOf(ImprovementRefusedException.class)
          .hasMessageContaining("Another improvement cycle")
          .extracting(e -> ((ImprovementRefusedException) e).reason())
          .isEqualTo(ImprovementRefusedException.Reason.CYCLE_RUNNING);
    } finally {
      first.stop();
      cycle.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void worktreesLeftByACrashAreRemovedAtTheNextStart() throws Exception {
    EngineState state = new EngineState(project.resolve(".git"));
    Worktrees.Worktree left =
        new Worktrees(git, state, worktrees)
            .add("crashed-1", git.run("rev-parse", "HEAD").line(), "beca/improve/crashed/1");
    assertThat(left.path()).isDirectory();

    engine(List.of(), Duration.ofSeconds(10)).build().runCycle(project);

    assertThat(left.folder()).doesNotExist();
    assertThat(git.run("branch", "--list", "beca/*").line()).isEmpty();
    assertThat(git.run("worktree", "list", "--porcelain").out()).containsOnlyOnce("worktree ");
    assertThat(state.registry()).isEmptyDirectory();
  }

  @Test
  void approvingCommitsWithTheTrailerAndRollbackRestoresTheTreeByteForByte() throws Exception {
    ImprovementEngine engine =
        engine(List.of(Fixtures.proposal("fix", "Fix add()", fixDiff())), Duration.ofSeconds(120))
            .build();
    engine.runCycle(project);
    Files.writeString(project.resolve("notes.txt"), "the user's own untracked file\n");
    Map<String, String> before = Fixtures.snapshot(project);
    String head = git.run("rev-parse", "HEAD").line();

    Application applied = engine.approve("fix");

    assertThat(applied.applied()).as(applied.message()).isTrue();
    assertThat(git.run("log", "-1", "--format=%(trailers:key=BECA-Improvement,valueonly)").line())
        .isEqualTo("fix");
    assertThat(git.run("rev-parse", "refs/beca/rollback/fix").line()).isEqualTo(head);
    assertThat(Files.readString(project.resolve("calc.py"))).contains("return a + b");
    assertThat(archive.proposal("fix").orElseThrow().status()).isEqualTo(ProposalStatus.APPLIED);
    Process pytest =
        new ProcessBuilder("python3", "-m", "pytest", "-q", "-p", "no:cacheprovider")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .start();
    pytest.getInputStream().readAllBytes();
    assertThat(pytest.waitFor()).isZero();
    deleteQuietly(project.resolve("__pycache__"));

    Rollback rollback = engine.rollback("fix");

    assertThat(rollback.proposalIds()).containsExactly("fix");
    assertThat(git.run("rev-parse", "HEAD").line()).isEqualTo(head);
    assertThat(Fixtures.snapshot(project)).isEqualTo(before);
    assertThat(archive.proposal("fix").orElseThrow().status())
        .isEqualTo(ProposalStatus.ROLLED_BACK);
  }

  @Test
  void anApprovalCutShortByACrashLeavesTheBranchUntouchedAndCanBeRepeated() throws Exception {
    ImprovementEngine engine =
        engine(List.of(Fixtures.proposal("fix", "Fix add()", fixDiff())), Duration.ofSeconds(120))
            .build();
    engine.runCycle(project);
    String head = git.run("rev-parse", "HEAD").line();
    Map<String, String> before = Fixtures.snapshot(project);
    // What a crash during approve leaves: the status APPROVED, the registered worktree with its
    // branch (the commit is made and verified there before the user's branch moves).
    ArchivedProposal fix = archive.proposal("fix").orElseThrow();
    archive.saveProposal(
        fix.withStatus(ProposalStatus.APPROVED, "approved", java.time.Instant.now()));
    Worktrees.Worktree left =
        new Worktrees(git, new EngineState(project.resolve(".git")), worktrees)
            .add("approve-fix", head, "beca/approve/fix");
    assertThat(Fixtures.snapshot(project)).isEqualTo(before);
    assertThat(git.run("rev-parse", "HEAD").line()).isEqualTo(head);

    Application again = engine.approve("fix");

    assertThat(again.applied()).as(again.message()).isTrue();
    assertThat(left.folder()).doesNotExist();
    assertThat(git.run("rev-parse", "HEAD~1").line()).isEqualTo(head);
    assertThat(git.run("branch", "--list", "beca/*").line()).isEmpty();
  }

  @Test
  void rollbackRefusesWhenAHumanCommitSitsOnTop() throws Exception {
    ImprovementEngine engine =
        engine(List.of(Fixtures.proposal("fix", "Fix add()", fixDiff())), Duration.ofSeconds(120))
            .build();
    engine.runCycle(project);
    engine.approve("fix");
    Files.writeString(project.resolve("README.md"), "mine\n");
    Fixtures.commitAll(project, "the user's commit");
    String head = git.run("rev-parse", "HEAD").line();

    assertThatThrownBy(() -> engine.rollback("fix"))
        .isInstanceOf(ImprovementRefusedException.class)
        .hasMessageContaining("not made by BECA")
        .hasMessageContaining("git revert");
    assertThat(git.run("rev-parse", "HEAD").line()).isEqualTo(head);
    assertThat(archive.proposal("fix").orElseThrow().status()).isEqualTo(ProposalStatus.APPLIED);
  }

  @Test
  void approvalIsRefusedWithUncommittedChangesAndOnlyForAcceptedProposals() throws Exception {
    ImprovementEngine engine =
        engine(List.of(Fixtures.proposal("fix", "Fix add()", fixDiff())), Duration.ofSeconds(120))
            .build();
    engine.runCycle(project);
    Files.writeString(project.resolve("test_calc.py"), Fixtures.TESTS + "\n# wip\n");

    assertThatThrownBy(() -> engine.approve("fix"))
        .isInstanceOf(ImprovementRefusedException.class)
        .hasMessageContaining("uncommitted changes");
    assertThatThrownBy(() -> engine.approve("nope"))
        .isInstanceOf(ImprovementRefusedException.class)
        .hasMessageContaining("No proposal has the id nope");
    assertThat(engine.reject("fix", "").status()).isEqualTo(ProposalStatus.REJECTED);
    assertThatThrownBy(() -> engine.approve("fix"))
        .isInstanceOf(ImprovementRefusedException.class)
        .hasMessageContaining("is rejected, not awaiting approval");
  }

  @Test
  void aFailedVerificationAfterApprovingLeavesTheBranchAsItWas() throws Exception {
    Path flag = Path.of("target", "verification-flag-" + System.nanoTime()).toAbsolutePath();
    ImprovementEngine engine =
        engine(List.of(Fixtures.proposal("fix", "Fix add()", fixDiff())), Duration.ofSeconds(120))
            .step(CommandStep.builder("gate", "test ! -e '" + flag + "'").build())
            .build();
    engine.runCycle(project);
    assertThat(archive.proposal("fix").orElseThrow().status())
        .isEqualTo(ProposalStatus.AWAITING_APPROVAL);
    String head = git.run("rev-parse", "HEAD").line();
    Map<String, String> before = Fixtures.snapshot(project);
    Files.createDirectories(flag.getParent());
    Files.writeString(flag, "the world changed between evaluation and approval\n");
    try {
      Application application = engine.approve("fix");

      assertThat(application.applied()).isFalse();
      assertThat(application.message()).contains("gate").contains("rolled back");
      assertThat(git.run("rev-parse", "HEAD").line()).isEqualTo(head);
      assertThat(Fixtures.snapshot(project)).isEqualTo(before);
      assertThat(archive.proposal("fix").orElseThrow().status()).isEqualTo(ProposalStatus.FAILED);
    } finally {
      Files.deleteIfExists(flag);
    }
  }

  @Test
  void aStepThatChangesAProtectedFileMakesTheNextStepRefuseToJudge() throws Exception {
    EvaluationStep tamper =
        new EvaluationStep() {
          @Override
          public String name() {
            return "tamper";
          }

          @Override
          public Duration timeLimit() {
            return Duration.ofSeconds(10);
          }

          @Override
          public StepResult run(EvaluationContext context) {
            try {
              Files.writeString(
                  context.tree().resolve("pytest.ini"), "[pytest]\naddopts = -k 'not add'\n");
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            return StepResult.of(StepRecord.StepOutcome.PASSED, "rewrote the test configuration");
          }
        };
    ImprovementEngine engine =
        engine(List.of(Fixtures.proposal("fix", "Fix add()", fixDiff())), Duration.ofSeconds(120))
            .step(tamper)
            .step(CommandStep.builder("lint", "true").build())
            .build();

    CycleReport report = engine.runCycle(project);

    ArchivedProposal fix = report.proposals().get(0);
    assertThat(fix.status()).isEqualTo(ProposalStatus.REJECTED_BY_EVALUATOR);
    assertThat(fix.reason()).contains("the protected file pytest.ini was changed");
  }

  @Test
  void evaluationsCannotWriteTheUsersTreeInTheSandbox() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dev.beca.core.agent.CommandSandbox.detect().isActive(), "bubblewrap is not available");
    Path calc = project.resolve("calc.py");
    ImprovementEngine engine =
        engine(List.of(Fixtures.proposal("fix", "Fix add()", fixDiff())), Duration.ofSeconds(120))
            .step(CommandStep.builder("escape", "echo 'x = 1' >> '" + calc + "'").build())
            .build();

    engine.runCycle(project);

    assertThat(Files.readString(calc)).isEqualTo(Fixtures.CALC);
    assertThat(archive.steps("base:" + archive.runs(1).get(0).id()))
        .filteredOn(s -> s.step().equals("escape"))
        .extracting(StepRecord::outcome)
        .containsExactly(StepRecord.StepOutcome.FAILED);
  }

  private void awaitRunning(String id) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until
        && archive.steps(id).stream().noneMatch(s -> s.step().equals("apply"))) {
      Thread.sleep(20);
    }
    assertThat(archive.steps(id)).isNotEmpty();
    Thread.sleep(700); // let pytest start and reach the sleep
  }

  private static void deleteQuietly(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
