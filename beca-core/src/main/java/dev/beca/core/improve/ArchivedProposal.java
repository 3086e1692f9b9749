package dev.beca.core.improve;

import java.time.Instant;
import java.util.Objects;

/**
 * A proposal as the archive keeps it.
 *
 * @param id the proposal's id, unique across runs
 * @param runId the run that evaluated it
 * @param source the source that proposed it ({@code recipes}, {@code model:llama3.2})
 * @param description what it changes and why, in words
 * @param diff the unified diff
 * @param diffHash the SHA-256 of the diff's normalised text (hex), to find ideas tried before
 * @param risk the risk estimate ({@code low}, {@code medium}, {@code high})
 * @param status where it stands
 * @param reason why it has that status, in words (the refusal, the verdict); may be empty
 * @param commit the commit that applied it; empty until applied
 * @param createdAt when it was archived
 * @param updatedAt when its status last changed
 */
public record ArchivedProposal(
    String id,
    String runId,
    String source,
    String description,
    String diff,
    String diffHash,
    String risk,
    ProposalStatus status,
    String reason,
    String commit,
    Instant createdAt,
    Instant updatedAt) {

  /** Validates the fields. */
  public ArchivedProposal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(diff, "diff");
    Objects.requireNonNull(diffHash, "diffHash");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
    commit = commit == null ? "" : commit;
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** This proposal with another status and reason, changed at {@code at}. */
  public ArchivedProposal withStatus(ProposalStatus newStatus, String newReason, Instant at) {
    return new ArchivedProposal(
        id,
        runId,
        source,
        description,
        diff,
        diffHash,
        risk,
        newStatus,
        newReason,
        commit,
        createdAt,
        at);
  }

  /** This proposal with the commit that applied it. */
  public ArchivedProposal withCommit(String newCommit) {
    return new ArchivedProposal(
        id,
        runId,
        source,
        description,
        diff,
        diffHash,
        risk,
        status,
        reason,
        newCommit,
        createdAt,
        updatedAt);
  }
}
