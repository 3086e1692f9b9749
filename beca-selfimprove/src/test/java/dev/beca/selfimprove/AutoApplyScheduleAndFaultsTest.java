package dev.beca.selfimprove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.InMemoryImprovementArchive;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.improve.StepRecord.StepOutcome;
import dev.beca.selfimprove.internal.GitCli;
import dev.beca.selfimprove.spi.EvaluationContext;
import dev.beca.selfimprove.spi.EvaluationStep;
import dev.beca.selfimprove.spi.Proposal;
import dev.beca.selfimprove.spi.ProposalRisk;
import dev.beca.selfimprove.spi.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opt-in auto-apply policy, scheduled cycles, the emergency stop of a hanging step, and a full
 * disk while a worktree is made: real git repositories, real pytest, real processes.
 */
class AutoApplyScheduleAndFaultsTest {

  @TempDir Path project;
  @TempDir Path worktrees;

  private GitCli git;
  private String head;
  private final InMemoryImprovementArchive archive = new InMemoryImprovementArchive();

  @BeforeEach
  void createProject() throws Exception {
    git = Fixtures.pythonProject(project);
    head = git.run("rev-parse", "HEAD").line();
  }

  private Proposal fix() throws Exception {
    return Fixtures.proposal(
        "fix",
        "Fix add()",
        Fixtures.diff(project, Map.of("calc.py", Fixtures.CALC.replaceFirst("a - b", "a + b"))));
  }

  private ImprovementEngine.Builder engine(List<Proposal> proposals) {
    return ImprovementEngine.builder()
        .archive(archive)
        .source(Fixtures.scripted(proposals))
        .step(CommandStep.pytest().toBuilder().timeLimit(Duration.ofSeconds(120)).build())
        .worktreeParent(worktrees);
  }

  private void assertNothingLeftBehind() throws IOException {
    assertThat(git.run("branch", "--list", "beca/*").line()).isEmpty();
    assertThat(git.run("worktree", "list", "--porcelain").out()).containsOnlyOnce("worktree ");
    try (var left = Files.list(worktrees)) {
      assertThat(left).isEmpty();
    }
    Path registry = project.resolve(".git/beca-improve/worktrees");
    if (Files.isDirectory(registry)) {
      try (var markers = Files.list(registry)) {
        assertThat(markers).isEmpty();
      }
    }
  }

  @Test
  void aLowRiskAcceptedProposalIsAppliedAutomaticallyWithTheTrailer() throws Exception {
    Proposal fix = fix();
    assertThat(fix.risk()).isEqualTo(ProposalRisk.LOW);

    CycleReport report =
        engine(List.of(fix)).autoApply(AutoApplyPolicy.builder().build()).build().runCycle(project);

    ArchivedProposal applied = archive.proposal("fix").orElseThrow();
    assertThat(applied.status()).isEqualTo(ProposalStatus.APPLIED);
    assertThat(report.withStatus(ProposalStatus.APPLIED)).hasSize(1);
    assertThat(report.summary()).contains("auto-applied fix as").contains("verified");
    assertThat(git.run("log", "-1", "--format=%B").out()).contains("BECA-Improvement: fix");
    assertThat(git.run("rev-parse", "HEAD~1").line()).isEqualTo(head);
    assertThat(Files.readString(project.resolve("calc.py"))).contains("return a + b");
    assertNothingLeftBehind();
  }

  @Test
  void aFailedVerificationAfterTheMergeRollsTheBranchBackAutomatically() throws Exception {
    Map<String, String> before = Fixtures.snapshot(project);
    AtomicInteger runs = new AtomicInteger();
    EvaluationStep failsFourthTime =
        new EvaluationStep() {
          @Override
          public String name() {
            return "flaky";
          }

          @Override
          public Duration timeLimit() {
            return Duration.ofSeconds(30);
          }

          @Override
          public StepResult run(EvaluationContext context) {
            // base, proposal, verification before the merge pass; the one after the merge fails
            return runs.incrementAndGet() == 4
                ? StepResult.of(StepOutcome.FAILED, "failed after the merge")
                : StepResult.of(StepOutcome.PASSED, "passed");
          }
        };

    CycleReport report =
        engine(List.of(fix()))
            .step(failsFourthTime)
            .autoApply(AutoApplyPolicy.builder().build())
            .build()
            .runCycle(project);

    ArchivedProposal p = archive.proposal("fix").orElseThrow();
    assertThat(runs.get()).isEqualTo(4);
    assertThat(p.status()).isEqualTo(ProposalStatus.ROLLED_BACK);
    assertThat(p.reason())
        .startsWith("rolled back automatically to refs/beca/rollback/fix")
        .contains("flaky failed: failed after the merge");
    assertThat(report.summary()).contains("rolled back automatically");
    assertThat(git.run("rev-parse", "HEAD").line()).isEqualTo(head);
    assertThat(Fixtures.snapshot(project)).isEqualTo(before);
    assertNothingLeftBehind();
  }

  @Test
  void autoApplyIsRefusedInBecasOwnRepository() throws Exception {
    Files.writeString(
        project.resolve("pom.xml"),
        "<project><groupId>dev.beca</groupId><artifactId>beca-parent</artifactId></project>\n");
    git = Fixtures.commitAll(project, "BECA's parent POM");
    head = git.run("rev-parse", "HEAD").line();

    CycleReport report =
        engine(List.of(fix()))
            .autoApply(AutoApplyPolicy.builder().build())
            .build()
            .runCycle(project);

    assertThat(archive.proposal("fix").orElseThrow().status())
        .isEqualTo(ProposalStatus.AWAITING_APPROVAL);
    assertThat(report.summary()).contains("auto-apply refused").contains("BECA's own repository");
    assertThat(git.run("rev-parse", "HEAD").line()).isEqualTo(head);
  }

  @Test
  void aHighRiskPolicyIsRefused() {
    assertThatThrownBy(() -> AutoApplyPolicy.builder().maxRisk(ProposalRisk.HIGH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRisk");
  }

  @Test
  void scheduledCyclesRunUntilTheStopFlagIsSet() {
    ImprovementEngine engine = engine(List.of()).build();
    List<CycleReport> reports = new ArrayList<>();

    int cycles =
        engine.runEvery(
            project,
            Duration.ofSeconds(1),
            r -> {
              reports.add(r);
              if (reports.size() == 2) {
                ImprovementEngine.requestStop(project); // `beca improve stop` from elsewhere
              }
            });

    assertThat(cycles).isEqualTo(2);
    assertThat(reports).extracting(CycleReport::runId).doesNotHaveDuplicates();
    assertThat(archive.runs(10)).hasSize(2);
    assertThat(project.resolve(".git/beca-improve/stop")).doesNotExist();
  }

  @Test
  void aStopAskedForJustAsAScheduledCycleStartsEndsTheSchedule() throws Exception {
    // stop() in this process, then the flag file of `beca improve stop` in another: each asked for
    // after runEvery's check for a stop and before the cycle's start, where it used to be cleared.
    for (boolean flagFile : List.of(false, true)) {
      AtomicReference<ImprovementEngine> engine = new AtomicReference<>();
      AtomicInteger starts = new AtomicInteger();
      engine.set(
          engine(List.of())
              .cycleStarting(
                  () -> {
                    if (starts.incrementAndGet() == 2) {
                      if (flagFile) {
                        ImprovementEngine.requestStop(project);
                      } else {
                        engine.get().stop();
                      }
                    }
                  })
              .build());
      List<CycleReport> reports = new CopyOnWriteArrayList<>();
      AtomicInteger cycles = new AtomicInteger(-1);
      Thread schedule =
          new Thread(
              () ->
                  cycles.set(engine.get().runEvery(project, Duration.ofSeconds(1), reports::add)));
      schedule.start();
      schedule.join(10_000);
      if (schedule.isAlive()) {
        engine.get().stop(); // the lost stop: end the schedule so the test can report it
        schedule.join(10_000);
      }

      assertThat(cycles.get()).as("cycles run, stop by flag file: " + flagFile).isEqualTo(2);
      assertThat(reports).hasSize(2);
      assertThat(project.resolve(".git/beca-improve/stop")).doesNotExist();
    }
  }

  @Test
  void aFullDiskWhileCreatingTheBaseWorktreeEndsTheRunWithAClearReason() throws Exception {
    Map<String, String> before = Fixtures.snapshot(project);

    CycleReport report =
        engine(List.of(fix()))
            .worktreeCreation(
                folder -> {
                  Files.writeString(folder.resolve("partial"), "half a checkout");
                  throw new IOException("No space left on device");
                })
            .build()
            .runCycle(project);

    assertThat(report.summary())
        .contains("the cycle failed")
        .contains("No space left on device")
        .contains("Check the free disk space");
    assertThat(archive.proposal("fix").orElseThrow().status()).isEqualTo(ProposalStatus.FAILED);
    assertThat(git.run("rev-parse", "HEAD").line()).isEqualTo(head);
    assertThat(git.run("symbolic-ref", "--short", "HEAD").line()).isEqualTo("main");
    assertThat(Fixtures.snapshot(project)).isEqualTo(before);
    assertNothingLeftBehind();
  }

  @Test
  void aFullDiskWhileCreatingAProposalsWorktreeFailsThatProposalAndCleansUp() throws Exception {
    AtomicInteger made = new AtomicInteger();

    CycleReport report =
        engine(List.of(fix()))
            .worktreeCreation(
                folder -> {
                  if (made.incrementAndGet() == 2) {
                    throw new IOException("No space left on device");
                  }
                })
            .build()
            .runCycle(project);

    ArchivedProposal p = archive.proposal("fix").orElseThrow();
    assertThat(p.status()).isEqualTo(ProposalStatus.FAILED);
    assertThat(p.reason()).contains("No space left on device").contains("free disk space");
    assertThat(report.summary()).contains("1 failed");
    assertThat(git.run("rev-parse", "HEAD").line()).isEqualTo(head);
    assertNothingLeftBehind();
  }

  @Test
  void anEmergencyStopEndsACycleWithAHangingStepWithinASecond() throws Exception {
    // Measured, printed, and asserted with a margin for a loaded machine: the mechanism is the
    // stop flag's 50 ms poll, run_command's 100 ms poll, SIGTERM, the 300 ms kill grace.
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CountDownLatch hanging = new CountDownLatch(1);
      EvaluationStep hangs =
          new EvaluationStep() {
            @Override
            public String name() {
              return "hangs";
            }

            @Override
            public Duration timeLimit() {
              return Duration.ofMinutes(10);
            }

            @Override
            public StepResult run(EvaluationContext context) {
              if (context.baseTree().isEmpty()) {
                return StepResult.of(StepOutcome.PASSED, "base");
              }
              hanging.countDown();
              var out = context.run("sleep 600 & sleep 600; wait");
              return StepResult.of(
                  out.stopped() ? StepOutcome.STOPPED : StepOutcome.FAILED, out.output());
            }
          };
      ImprovementEngine engine =
          ImprovementEngine.builder()
              .archive(archive)
              .source(
                  Fixtures.scripted(
                      List.of(
                          Fixtures.proposal(
                              "hang-" + i,
                              "hangs",
                              Fixtures.diff(
                                  project, Map.of("calc.py", Fixtures.CALC + "# " + i + "\n"))))))
              .step(hangs)
              .worktreeParent(worktrees)
              .build();
      CompletableFuture<CycleReport> cycle =
          CompletableFuture.supplyAsync(() -> engine.runCycle(project));
      assertThat(hanging.await(60, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(300); // the command has started

      long t0 = System.nanoTime();
      if (i % 2 == 0) {
        engine.stop();
      } else {
        ImprovementEngine.requestStop(project);
      }
      CycleReport report = cycle.get(30, TimeUnit.SECONDS);
      millis.add((System.nanoTime() - t0) / 1_000_000);

      assertThat(report.stopped()).isTrue();
      assertThat(report.proposals().get(0).reason()).contains("stopped");
    }
    System.out.println("emergency stop to the end of the cycle, ms: " + millis);
    // The 1 s for the typical stop (the median of three); each under 3 s on a loaded
    // machine. Measured 165, 358, 326 ms on 2 shared cores (load average 2).
    assertThat(millis.stream().sorted().toList().get(1)).isLessThan(1_000);
    assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(3_000));
    assertNothingLeftBehind();
  }
}
