package dev.beca.core.agent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What differs between a project's working tree and HEAD, as {@link ProjectHistory#status()} sees
 * it. Paths are project-relative with {@code /} separators, sorted.
 *
 * @param branch the branch checked out; empty on a detached HEAD
 * @param changed tracked files whose content differs from HEAD (staged or not), and new files
 *     already staged
 * @param deleted tracked files that are gone from the working tree or staged for removal
 * @param untracked files git does not track and does not ignore
 */
public record ProjectStatus(
    Optional<String> branch, List<String> changed, List<String> deleted, List<String> untracked) {

  /** Checks and copies the components. */
  public ProjectStatus {
    Objects.requireNonNull(branch, "branch");
    changed = List.copyOf(changed);
    deleted = List.copyOf(deleted);
    untracked = List.copyOf(untracked);
  }

  /** Whether nothing differs from HEAD (a commit now would be refused). */
  public boolean isClean() {
    return changed.isEmpty() && deleted.isEmpty() && untracked.isEmpty();
  }

  /** Every path that differs, in the order changed, deleted, untracked. */
  public List<String> allPaths() {
    return Stream.of(changed, deleted, untracked).flatMap(List::stream).toList();
  }
}
