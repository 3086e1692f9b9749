package dev.beca.core.agent;

import java.util.Map;
import java.util.Optional;

/**
 * The version history of the project the assistant works on (a port: beca-selfimprove's {@code
 * JGitProjectHistory} implements it with git). The git tools, {@code --auto-commit}, {@code /undo}
 * and the self-improvement engine all go through it.
 *
 * <p>Paths are relative to the project root with {@code /} separators. Ignored files (the
 * repository's ignore rules) are never listed, diffed or committed. Every operation that fails
 * throws a {@link ProjectHistoryException} saying what to do; a refusal (nothing to commit, a
 * commit that is not BECA's to undo) is a {@link HistoryRefusedException} with its {@link
 * HistoryRefusedException.Reason reason}. Implementations must pass {@code ProjectHistoryContract}
 * of beca-core's test-jar.
 */
public interface ProjectHistory {

  /**
   * What differs between the working tree and HEAD.
   *
   * @return the changed, deleted and untracked files; all empty when the tree is clean
   */
  ProjectStatus status();

  /**
   * The unified diff of the working tree against HEAD, untracked files included as new files
   * (against an empty tree when there is no commit yet).
   *
   * @param maxChars the most characters returned, at least 100; a longer diff is cut and ends with
   *     a note saying how much was shown
   * @return the diff; empty when nothing differs
   */
  String diff(int maxChars);

  /**
   * Stages every change in the project (new, changed and deleted files) and commits it.
   *
   * @param message the commit message, not blank
   * @param trailers git trailers appended as the message's last paragraph ({@code Key: value}), for
   *     example {@code BECA-Session: <session id>}; keys are letters, digits and {@code -}, values
   *     one line
   * @return the new commit
   * @throws HistoryRefusedException with {@link HistoryRefusedException.Reason#NOTHING_TO_COMMIT}
   *     when nothing differs from HEAD
   */
  ProjectCommit commit(String message, Map<String, String> trailers);

  /**
   * Records the working tree as it is now, for comparing the project before and after a change that
   * is not committed: tracked files with their uncommitted changes, and untracked files that are
   * not ignored, as a commit on top of HEAD that no branch points to. The branch, the index and the
   * files are untouched. Two snapshots of the same state on the same HEAD have the same id, so a
   * caller sees that nothing changed; a changed, added or deleted file gives another id.
   * Unreferenced, the snapshots are removed by the repository's garbage collection in time.
   *
   * @return the snapshot commit's id
   */
  String snapshot();

  /**
   * The commit checked out.
   *
   * @return HEAD; empty when the repository has no commit yet
   */
  Optional<ProjectCommit> head();

  /**
   * Takes back BECA's own last commit: HEAD moves to its parent and the files that commit touched
   * return to the parent's content; every other uncommitted change in the tree is kept. Refuses,
   * changing nothing, when HEAD does not carry the trailer {@code trailerKey: trailerValue} (the
   * user or another session committed on top), when a file the commit touched has changed since
   * (the change would be lost), when the commit has no single parent, or when it is already on a
   * remote-tracking branch (undoing it would rewrite published history; use {@code git revert}).
   *
   * @param trailerKey the trailer that marks BECA's commits, e.g. {@code BECA-Session}
   * @param trailerValue the value it must have, e.g. the session id
   * @return the commit that was undone (no longer reachable from the branch)
   * @throws HistoryRefusedException when it refuses, with the reason
   */
  ProjectCommit undoLast(String trailerKey, String trailerValue);
}
