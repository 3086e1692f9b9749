package dev.beca.core.improve;

import java.util.Objects;

/**
 * The result of approving a proposal.
 *
 * @param proposalId the proposal
 * @param applied whether it is now committed on the branch (false: the verification failed and the
 *     branch was left as it was)
 * @param commit the commit that applied it (empty when none was made)
 * @param rollbackRef the ref pointing at the commit before it ({@code refs/beca/rollback/<id>})
 * @param message what happened, in words
 */
public record AppliedProposal(
    String proposalId, boolean applied, String commit, String rollbackRef, String message) {

  /** Checks the components. */
  public AppliedProposal {
    Objects.requireNonNull(proposalId, "proposalId");
    commit = commit == null ? "" : commit;
    rollbackRef = rollbackRef == null ? "" : rollbackRef;
    Objects.requireNonNull(message, "message");
  }
}
