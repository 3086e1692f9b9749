package dev.beca.selfimprove;

/**
 * The result of approving a proposal.
 *
 * @param proposalId the proposal
 * @param applied whether it is now committed on the branch (false: verification failed and it was
 *     rolled back)
 * @param commit the commit that applied it (kept in the message when rolled back)
 * @param rollbackRef the ref pointing at the commit before it ({@code refs/beca/rollback/<id>})
 * @param message what happened, in words
 */
public record Application(
    String proposalId, boolean applied, String commit, String rollbackRef, String message) {}
