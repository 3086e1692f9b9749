package dev.beca.core.improve;

import java.util.List;
import java.util.Objects;

/**
 * The result of a rollback.
 *
 * @param target the commit the branch was moved back to
 * @param undoneCommits BECA's commits taken back, newest first (empty: nothing to take back)
 * @param proposalIds the proposals they applied, now rolled back
 */
public record RolledBack(String target, List<String> undoneCommits, List<String> proposalIds) {

  /** Checks and copies the components. */
  public RolledBack {
    Objects.requireNonNull(target, "target");
    undoneCommits = List.copyOf(undoneCommits);
    proposalIds = List.copyOf(proposalIds);
  }
}
