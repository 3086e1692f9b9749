package dev.beca.core.quality;

import java.util.Objects;

/**
 * The git facts of a measured project.
 *
 * @param commit the commit checked out (40 hex digits); empty when the project is not in git
 * @param dirty whether tracked files differ from the commit, or untracked files exist
 * @param treeHash the commit's tree id, the key of the cache; empty when not in git
 */
public record RevisionInfo(String commit, boolean dirty, String treeHash) {

  /** A project outside git. */
  public static final RevisionInfo NONE = new RevisionInfo("", false, "");

  /** Checks the components. */
  public RevisionInfo {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(treeHash, "treeHash");
  }

  /** Whether the project is in git. */
  public boolean inGit() {
    return !commit.isEmpty();
  }
}
