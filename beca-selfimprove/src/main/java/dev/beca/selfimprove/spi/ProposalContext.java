package dev.beca.selfimprove.spi;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link ProposalSource} gets to propose changes.
 *
 * @param project the project's folder (the user's working tree: read it, never write it)
 * @param runId the engine's run
 * @param baseCommit the commit proposals are evaluated against (diffs must apply to it)
 * @param maxProposals how many candidates the engine will evaluate at most
 * @param triedDiffHashes hashes ({@link Proposal#diffHash()}) of diffs tried before and not
 *     accepted: a proposal with one of them is skipped
 */
public record ProposalContext(
    Path project, String runId, String baseCommit, int maxProposals, Set<String> triedDiffHashes) {

  /** Validates the fields. */
  public ProposalContext {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(baseCommit, "baseCommit");
    triedDiffHashes = Set.copyOf(triedDiffHashes);
  }
}
