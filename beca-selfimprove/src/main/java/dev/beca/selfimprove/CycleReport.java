package dev.beca.selfimprove;

import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.ProposalStatus;
import java.util.List;

/**
 * What one cycle did.
 *
 * @param runId the run's id in the archive
 * @param baseCommit the commit proposals were evaluated against
 * @param proposals every proposal considered, as archived at the end (status and reason)
 * @param stopped whether an emergency stop ended it
 * @param summary one line ({@code "4 proposals: 1 awaiting approval, 1 rejected, 2 refused"})
 */
public record CycleReport(
    String runId,
    String baseCommit,
    List<ArchivedProposal> proposals,
    boolean stopped,
    String summary) {

  /** Copies the list. */
  public CycleReport {
    proposals = List.copyOf(proposals);
  }

  /** The proposals with a status. */
  public List<ArchivedProposal> withStatus(ProposalStatus status) {
    return proposals.stream().filter(p -> p.status() == status).toList();
  }
}
