package dev.beca.server;

import dev.beca.core.improve.AppliedProposal;
import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.ImprovementArchive;
import dev.beca.core.improve.ImprovementConflictException;
import dev.beca.core.improve.ImprovementRun;
import dev.beca.core.improve.ImprovementStatus;
import dev.beca.core.improve.ImprovementStatus.CycleState;
import dev.beca.core.improve.Improvements;
import dev.beca.core.improve.ProposalDetails;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.improve.RolledBack;
import dev.beca.core.improve.StepRecord;
import dev.beca.core.improve.StopOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The self-improvement service for the GUI's browser tests, over the real SQLite archive: a cycle
 * runs until it is stopped (the test starts one with {@link #begin}), proposals are archived as a
 * finished cycle would leave them ({@link #propose}), and approve, reject, stop and rollback change
 * their status as the engine does, without a git repository behind them (the engine's own behaviour
 * is tested in beca-selfimprove and beca-app's ImprovementsOverHttpTest).
 */
final class ScriptedImprovements implements Improvements {

  private final ImprovementArchive archive;
  private CycleState state = CycleState.IDLE;
  private ImprovementRun current;
  private boolean lastRunStopped;

  ScriptedImprovements(ImprovementArchive archive) {
    this.archive = archive;
  }

  /** Starts a cycle on a project that runs until it is stopped; returns its run. */
  synchronized ImprovementRun begin(String project) {
    if (state != CycleState.IDLE) {
      throw new ImprovementConflictException(
          "cycle_running", "A cycle runs already.", "Wait for it or stop it.", null);
    }
    current =
        new ImprovementRun(
            "run-" + UUID.randomUUID().toString().substring(0, 8),
            project,
            "0f3c9a1d2e4b5c6d7e8f90a1b2c3d4e5f6a7b8c9",
            Instant.now(),
            Optional.empty(),
            "");
    archive.saveRun(current);
    state = CycleState.RUNNING;
    lastRunStopped = false;
    return current;
  }

  /** Archives a proposal awaiting approval, with its evaluation steps and measured deltas. */
  ArchivedProposal propose(
      String runId, String id, String description, String diff, List<StepRecord> steps) {
    Instant now = Instant.now();
    ArchivedProposal proposal =
        new ArchivedProposal(
            id,
            runId,
            "scripted",
            description,
            diff,
            Integer.toHexString(diff.hashCode()),
            "low",
            ProposalStatus.AWAITING_APPROVAL,
            "better: tests 41 -> 42 passing",
            "",
            now,
            now);
    archive.saveProposal(proposal);
    steps.forEach(archive::addStep);
    return proposal;
  }

  /** Ends the current cycle normally, with a summary. */
  synchronized void finish(String summary) {
    current = current.ended(Instant.now(), summary);
    archive.saveRun(current);
    state = CycleState.IDLE;
  }

  @Override
  public synchronized ImprovementStatus start(Path project, int maxProposals, Duration budget) {
    begin(project.toString());
    return status();
  }

  @Override
  public synchronized ImprovementStatus status() {
    Optional<ImprovementRun> last = archive.runs(1).stream().findFirst();
    return new ImprovementStatus(
        state,
        state == CycleState.IDLE ? Optional.empty() : Optional.of(current.project()),
        state == CycleState.IDLE ? Optional.empty() : Optional.of(current.startedAt()),
        last,
        lastRunStopped,
        "",
        archive.proposalsWithStatus(ProposalStatus.AWAITING_APPROVAL));
  }

  @Override
  public List<ArchivedProposal> history(int limit) {
    return archive.recentProposals(limit);
  }

  @Override
  public Optional<ProposalDetails> show(String proposalId) {
    return archive.proposal(proposalId).map(p -> new ProposalDetails(p, archive.steps(p.id())));
  }

  @Override
  public Optional<Path> projectOf(String proposalId) {
    return archive
        .proposal(proposalId)
        .flatMap(p -> archive.run(p.runId()))
        .map(r -> Path.of(r.project()));
  }

  @Override
  public synchronized AppliedProposal approve(String proposalId) {
    ArchivedProposal p = expect(proposalId, ProposalStatus.AWAITING_APPROVAL);
    archive.saveProposal(p.withStatus(ProposalStatus.APPLIED, "approved", Instant.now()));
    return new AppliedProposal(
        proposalId,
        true,
        "",
        "refs/beca/rollback/" + proposalId,
        "Applied " + proposalId + " (verified again: the same measures).");
  }

  @Override
  public synchronized ArchivedProposal reject(String proposalId, String reason) {
    ArchivedProposal p = expect(proposalId, ProposalStatus.AWAITING_APPROVAL);
    ArchivedProposal rejected = p.withStatus(ProposalStatus.REJECTED, reason, Instant.now());
    archive.saveProposal(rejected);
    return rejected;
  }

  @Override
  public synchronized StopOutcome stop(Optional<Path> project) {
    if (state == CycleState.IDLE) {
      return new StopOutcome(Optional.empty(), false, "No cycle was running; nothing to stop.");
    }
    current = current.ended(Instant.now(), "stopped by an emergency stop");
    archive.saveRun(current);
    state = CycleState.IDLE;
    lastRunStopped = true;
    return new StopOutcome(
        Optional.of(current.project()),
        true,
        "Stopped the cycle on " + current.project() + ": its evaluations were killed.");
  }

  @Override
  public synchronized RolledBack rollback(String proposalId) {
    ArchivedProposal p = expect(proposalId, ProposalStatus.APPLIED);
    archive.saveProposal(p.withStatus(ProposalStatus.ROLLED_BACK, "rolled back", Instant.now()));
    return new RolledBack("refs/beca/rollback/" + proposalId, List.of(), List.of(proposalId));
  }

  @Override
  public RolledBack rollbackTo(Path project, String ref) {
    throw new ImprovementConflictException(
        "not_on_branch",
        "The scripted service has no branch to move.",
        "Roll back a proposal instead.",
        null);
  }

  private ArchivedProposal expect(String id, ProposalStatus status) {
    ArchivedProposal p = archive.proposal(id).orElseThrow();
    if (p.status() != status) {
      throw new ImprovementConflictException(
          "wrong_status",
          "The proposal " + id + " is " + p.status().label() + ".",
          "Only a proposal that is " + status.label() + " can be changed so.",
          null);
    }
    return p;
  }
}
