package dev.beca.core.improve;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One cycle of the self-improvement engine on a project.
 *
 * @param id the run's id ({@code 20260102-101500-ab12})
 * @param project the project's folder, absolute
 * @param baseCommit the commit the proposals were evaluated against
 * @param startedAt when it started
 * @param endedAt when it ended; empty while it runs (or when its process died)
 * @param summary how it ended, in words ({@code "3 proposals: 1 awaiting approval, 2 rejected"})
 */
public record ImprovementRun(
    String id,
    String project,
    String baseCommit,
    Instant startedAt,
    Optional<Instant> endedAt,
    String summary) {

  /** Validates the fields. */
  public ImprovementRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(baseCommit, "baseCommit");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    summary = summary == null ? "" : summary;
  }

  /** This run, ended at a time with a summary. */
  public ImprovementRun ended(Instant at, String newSummary) {
    return new ImprovementRun(id, project, baseCommit, startedAt, Optional.of(at), newSummary);
  }
}
