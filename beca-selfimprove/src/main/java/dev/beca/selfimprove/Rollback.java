package dev.beca.selfimprove;

import java.util.List;

/**
 * The result of a rollback.
 *
 * @param target the commit the branch was moved back to
 * @param undoneCommits BECA's commits taken back, newest first
 * @param proposalIds the proposals they applied, now rolled back
 */
public record Rollback(String target, List<String> undoneCommits, List<String> proposalIds) {

  /** Copies the lists. */
  public Rollback {
    undoneCommits = List.copyOf(undoneCommits);
    proposalIds = List.copyOf(proposalIds);
  }
}
