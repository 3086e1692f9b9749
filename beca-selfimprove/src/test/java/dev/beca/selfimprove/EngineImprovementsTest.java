package dev.beca.selfimprove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.improve.ImprovementConflictException;
import dev.beca.core.improve.ImprovementStatus;
import dev.beca.core.improve.ImprovementStatus.CycleState;
import dev.beca.core.improve.InMemoryImprovementArchive;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.selfimprove.internal.GitCli;
import dev.beca.selfimprove.spi.Proposal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine as a service: background cycles, the stop that is never lost, translated refusals. */
class EngineImprovementsTest {

  @TempDir Path project;
  @TempDir Path worktrees;
  @TempDir Path notARepository;

  private final InMemoryImprovementArchive archive = new InMemoryImprovementArchive();
  private GitCli git;

  @BeforeEach
  void createProject() throws Exception {
    git = Fixtures.pythonProject(project);
  }

  private EngineImprovements service(List<Proposal> proposals) {
    return EngineImprovements.builder()
        .archive(archive)
        .sources(() -> List.of(Fixtures.scripted(proposals)))
        .worktreeParent(worktrees)
        .build();
  }

  private Proposal hangs() throws Exception {
    return Fixtures.proposal(
        "hangs",
        "Fix add() slowly",
        Fixtures.diff(
            project,
            Map.of(
                "calc.py",
                "import time\n\n\n"
                    + Fixtures.CALC.replaceFirst(
                        "    return a - b", "    time.sleep(600)\n    return a + b"))));
  }

  @Test
  void aStopRightAfterTheStartIsNotLostAndEndsTheCycleAsStopped() throws Exception {
    EngineImprovements service = service(List.of(hangs()));

    ImprovementStatus started = service.start(project, 3, Duration.ofMinutes(10));
    service.stop(Optional.empty());

    assertThat(started.state()).isEqualTo(CycleState.RUNNING);
    ImprovementStatus ended = waitUntilIdle(service);
    assertThat(ended.lastRunStopped()).isTrue();
    assertThat(ended.lastProblem()).isEmpty();
    // Stopped before or while the proposal was evaluated: never queued.
    assertThat(archive.proposal("hangs").map(p -> p.status()))
        .isNotEqualTo(Optional.of(ProposalStatus.AWAITING_APPROVAL));
    assertThat(git.run("branch", "--list", "beca/*").line()).isEmpty();
  }

  @Test
  void aSecondStartWhileACycleRunsIsAConflictAndTheFirstGoesOn() throws Exception {
    EngineImprovements service = service(List.of(hangs()));
    service.start(project, 3, Duration.ofMinutes(10));
    try {
      assertThatThrownBy(() -> service.start(project, 3, Duration.ofMinutes(10)))
          .isInstanceOf(ImprovementConflictException.class)
          .satisfies(
              e ->
                  assertThat(((ImprovementConflictException) e).reason())
                      .isEqualTo("cycle_running"));
      assertThat(service.status().state()).isEqualTo(CycleState.RUNNING);
    } finally {
      service.stop(Optional.empty());
      waitUntilIdle(service);
    }
  }

  @Test
  void refusalsAreTranslatedIntoTheCoreExceptions() {
    EngineImprovements service =
        EngineImprovements.builder().archive(archive).sources(List::of).build();

    assertThatThrownBy(() -> service.start(notARepository, 3, Duration.ofMinutes(1)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> service.start(project, 3, Duration.ofMinutes(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("No proposal source");
    assertThatThrownBy(() -> service.approve("nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nope");
    assertThat(service.show("nope")).isEmpty();
    assertThat(service.status().state()).isEqualTo(CycleState.IDLE);
  }

  /** Waits for the cycle to end (the limit only ends a test that hangs). */
  private static ImprovementStatus waitUntilIdle(EngineImprovements service) throws Exception {
    long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (service.status().state() != CycleState.IDLE) {
      assertThat(System.nanoTime()).as("the cycle never ended").isLessThan(end);
      Thread.sleep(50);
    }
    return service.status();
  }
}
