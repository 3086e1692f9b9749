package dev.beca.core.improve;

import java.util.List;
import java.util.Objects;

/**
 * A proposal with what its evaluation measured.
 *
 * @param proposal the proposal, its diff included
 * @param steps each evaluation step's outcome with its measured deltas, in order
 */
public record ProposalDetails(ArchivedProposal proposal, List<StepRecord> steps) {

  /** Checks and copies the components. */
  public ProposalDetails {
    Objects.requireNonNull(proposal, "proposal");
    steps = List.copyOf(steps);
  }
}
