package dev.beca.app.internal;

import dev.beca.core.BecaException;
import dev.beca.core.agent.GitTools;
import dev.beca.core.agent.ProjectCommit;
import dev.beca.core.agent.ProjectHistory;
import dev.beca.core.agent.ProjectStatus;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --auto-commit} and {@code /undo} in a chat: one commit per turn that changed the project,
 * with a {@code BECA-Session} trailer naming the session, and taking back only such a commit of
 * this session ({@link ProjectHistory#undoLast}).
 *
 * <p>A turn is committed only when the tree was clean before it, so a commit never carries the
 * user's own unfinished work; otherwise the user is told to commit first.
 */
final class TurnCommits {

  /** The longest part of the request that goes into the commit's subject. */
  private static final int SUBJECT_CHARS = 60;

  private final ProjectHistory history;

  TurnCommits(ProjectHistory history) {
    this.history = history;
  }

  /** The project before a turn: its tree and its HEAD. */
  record Before(ProjectStatus status, Optional<ProjectCommit> head) {}

  /** What committing a turn came to. */
  record Committed(String line, Optional<String> parent, Optional<String> commit) {}

  /** The project before a turn; read before the model is asked. */
  Before before() {
    return new Before(history.status(), history.head());
  }

  /**
   * Commits what the turn changed.
   *
   * @param before the tree before the turn
   * @param sessionId the session, named in the trailer
   * @param request what the user asked, for the subject
   * @return one line for the user (empty when the turn changed nothing) and, when a commit was
   *     made, its id and its parent's
   */
  Committed after(Before before, String sessionId, String request) {
    ProjectStatus now = history.status();
    if (now.isClean() || now.equals(before.status())) {
      return new Committed("", Optional.empty(), Optional.empty());
    }
    if (!before.status().isClean()) {
      return new Committed(
          "not committed: the project had uncommitted changes before this turn; commit or "
              + "stash yours, and later turns are committed one by one.",
          Optional.empty(),
          Optional.empty());
    }
    String firstLine = request.strip().lines().findFirst().orElse("").strip();
    String subject =
        "BECA: "
            + (firstLine.length() <= SUBJECT_CHARS
                ? firstLine
                : firstLine.substring(0, SUBJECT_CHARS) + "...");
    try {
      ProjectCommit commit = history.commit(subject, Map.of(GitTools.SESSION_TRAILER, sessionId));
      String line =
          "committed "
              + commit.shortId()
              + " ("
              + now.allPaths().size()
              + (now.allPaths().size() == 1 ? " file" : " files")
              + "); /undo takes it back.";
      return new Committed(line, before.head().map(ProjectCommit::id), Optional.of(commit.id()));
    } catch (BecaException e) {
      return new Committed("not committed: " + e.getMessage(), Optional.empty(), Optional.empty());
    }
  }

  /**
   * Takes back this session's last commit.
   *
   * @return what was done, or why not
   */
  String undo(String sessionId) {
    try {
      ProjectCommit undone = history.undoLast(GitTools.SESSION_TRAILER, sessionId);
      return "undone: " + undone.shortId() + " " + undone.subject();
    } catch (BecaException e) {
      return "nothing undone: " + e.getMessage();
    }
  }
}
