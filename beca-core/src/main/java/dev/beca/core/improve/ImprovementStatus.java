package dev.beca.core.improve;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of the self-improvement service.
 *
 * @param state idle, running or stopping
 * @param project the project of the cycle running now, if any
 * @param since when the cycle running now started, if any
 * @param lastRun the latest archived run (the running one while it runs), if any
 * @param lastRunStopped whether an emergency stop ended the latest run of this service
 * @param lastProblem why the latest cycle of this service failed, or empty
 * @param awaitingApproval the proposals waiting for a person, oldest first
 */
public record ImprovementStatus(
    CycleState state,
    Optional<String> project,
    Optional<Instant> since,
    Optional<ImprovementRun> lastRun,
    boolean lastRunStopped,
    String lastProblem,
    List<ArchivedProposal> awaitingApproval) {

  /** Checks and copies the components. */
  public ImprovementStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(lastRun, "lastRun");
    lastProblem = lastProblem == null ? "" : lastProblem;
    awaitingApproval = List.copyOf(awaitingApproval);
  }

  /** Where the service's cycle is. */
  public enum CycleState {
    /** No cycle of this service runs. */
    IDLE,
    /** A cycle runs. */
    RUNNING,
    /** A cycle was told to stop and has not ended yet. */
    STOPPING
  }
}
