package dev.beca.core.improve;

import java.util.List;
import java.util.Optional;

/**
 * The archive of the self-improvement engine: every run, every proposal with its status and every
 * evaluation step's outcome with its measures. Failed ideas are found again by the hash of their
 * diff ({@link #proposalsWithDiffHash(String)}) so they are not retried blindly. Every write is
 * committed before the method returns. Implementations: the in-memory reference in beca-core's
 * test-jar ({@code InMemoryImprovementArchive}), the SQLite one in beca-memory; both pass {@code
 * ImprovementArchiveContract}.
 */
public interface ImprovementArchive {

  /** Stores a run, or replaces the run with the same id. */
  void saveRun(ImprovementRun run);

  /** The run with this id. */
  Optional<ImprovementRun> run(String id);

  /** The latest runs, newest first (by start time, then id). */
  List<ImprovementRun> runs(int limit);

  /** Stores a proposal, or replaces the proposal with the same id (its status changed). */
  void saveProposal(ArchivedProposal proposal);

  /** The proposal with this id. */
  Optional<ArchivedProposal> proposal(String id);

  /** A run's proposals in the order they were first stored. */
  List<ArchivedProposal> proposalsOfRun(String runId);

  /** The latest proposals of every run, newest first (by creation time, then id). */
  List<ArchivedProposal> recentProposals(int limit);

  /** Every proposal with this status, oldest first. */
  List<ArchivedProposal> proposalsWithStatus(ProposalStatus status);

  /** Every proposal whose diff has this hash, oldest first. */
  List<ArchivedProposal> proposalsWithDiffHash(String diffHash);

  /** Appends one step's outcome. */
  void addStep(StepRecord step);

  /** The steps recorded for a proposal (or {@code base:<run id>}), in the order they were added. */
  List<StepRecord> steps(String proposalId);
}
