package dev.beca.core.improve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The self-improvement engine as a service, for front ends that are not the command line (the HTTP
 * API): a cycle started in the background, its status, the archive's history and proposals, and the
 * operations a person decides (approve, reject, stop, rollback). The implementation over the engine
 * is {@code EngineImprovements} in beca-selfimprove; {@code beca improve} uses the same one.
 *
 * <p>Refusals are {@link dev.beca.core.NotFoundException} for an unknown proposal, {@link
 * dev.beca.core.InvalidInputException} for a folder that is no git repository with a commit, and
 * {@link ImprovementConflictException} when the state forbids the operation (a cycle runs, the
 * proposal's status, uncommitted changes, a human commit on top). Implementations are thread-safe.
 */
public interface Improvements {

  /**
   * Starts one cycle (analyse, propose, evaluate, queue for approval) on a project, in the
   * background, and returns at once.
   *
   * @param project the top folder of a git working tree with at least one commit
   * @param maxProposals how many proposals the cycle considers at most, at least 1
   * @param budget how long the cycle may evaluate, at least 1 s
   * @return the state right after the start
   * @throws ImprovementConflictException when a cycle of this service is running already
   */
  ImprovementStatus start(Path project, int maxProposals, Duration budget);

  /** The cycle running now (if any), the last run and the proposals awaiting approval. */
  ImprovementStatus status();

  /**
   * The latest proposals of every run.
   *
   * @param limit at most this many, at least 1
   * @return newest first
   */
  List<ArchivedProposal> history(int limit);

  /**
   * A proposal with its diff, each evaluation step and the measured deltas.
   *
   * @param proposalId the proposal
   * @return it, or empty when no proposal has this id
   */
  Optional<ProposalDetails> show(String proposalId);

  /**
   * The project a proposal was made for (the folder of its run).
   *
   * @param proposalId the proposal
   * @return the folder, or empty when the proposal or its run is unknown
   */
  Optional<Path> projectOf(String proposalId);

  /**
   * Applies an accepted proposal onto the project's branch (verified again, with a rollback point).
   * Runs until the verification ends.
   *
   * @param proposalId a proposal awaiting approval
   * @return what happened; {@code applied} is false when the verification failed
   */
  AppliedProposal approve(String proposalId);

  /**
   * Rejects a proposal awaiting approval.
   *
   * @param proposalId the proposal
   * @param reason why, may be empty
   * @return the proposal as archived now
   */
  ArchivedProposal reject(String proposalId, String reason);

  /**
   * Emergency stop: the cycle this service runs is stopped (every running evaluation's processes
   * are killed), and a cycle running on the project in another process is asked to stop through the
   * repository's stop flag. Never waits for a lock.
   *
   * @param project the project whose cycle to stop; empty: the one this service runs, else the
   *     project of the last run
   * @return what was stopped
   */
  StopOutcome stop(Optional<Path> project);

  /**
   * Takes back an applied proposal (and BECA's proposals applied after it).
   *
   * @param proposalId an applied proposal
   * @return what was taken back
   */
  RolledBack rollback(String proposalId);

  /**
   * Moves a project's branch back to a commit or ref, when every commit after it is BECA's.
   *
   * @param project the project
   * @param ref a commit or ref ({@code refs/beca/rollback/<id>}, {@code HEAD~2})
   * @return what was taken back
   */
  RolledBack rollbackTo(Path project, String ref);
}
