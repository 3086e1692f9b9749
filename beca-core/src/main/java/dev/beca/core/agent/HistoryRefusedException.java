package dev.beca.core.agent;

import java.util.Objects;

/**
 * {@link ProjectHistory} refused to commit or undo, and changed nothing. The {@link #reason()} lets
 * a front end react (for example say "nothing to commit" quietly); the message says why and what to
 * do.
 */
public class HistoryRefusedException extends ProjectHistoryException {

  private static final long serialVersionUID = 1L;

  /** Why a commit or an undo was refused. */
  public enum Reason {
    /** The working tree matches HEAD. */
    NOTHING_TO_COMMIT,
    /** There is no commit at all. */
    NO_COMMIT,
    /** HEAD is not BECA's commit of this session: someone committed on top, or it never was. */
    NOT_OURS,
    /** A file the commit touched changed since; undoing would lose that change. */
    UNCOMMITTED_CHANGES,
    /** The commit is the first of the repository, or a merge. */
    NO_SINGLE_PARENT,
    /** The commit is already on a remote-tracking branch (published). */
    ALREADY_PUSHED
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param problem what was refused and why, in words
   * @param remedy what to do instead
   */
  public HistoryRefusedException(Reason reason, String problem, String remedy) {
    super(problem, remedy, null);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why it was refused. */
  public Reason reason() {
    return reason;
  }
}
