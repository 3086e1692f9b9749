package dev.beca.selfimprove;

import dev.beca.core.NonRetriableBecaException;
import java.util.Objects;

/** The engine refused an operation; nothing was changed. The message says why and what to do. */
public class ImprovementRefusedException extends NonRetriableBecaException {

  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** Another cycle, approval or rollback holds the repository's lock. */
    CYCLE_RUNNING,
    /** The folder is not the top of a git working tree. */
    NOT_A_REPOSITORY,
    /** The repository has no commit yet. */
    NO_COMMIT,
    /** No proposal has this id. */
    NOT_FOUND,
    /** The proposal's status does not allow the operation. */
    WRONG_STATUS,
    /** Tracked files have uncommitted changes. */
    UNCOMMITTED_CHANGES,
    /** The proposal no longer applies to the branch. */
    DOES_NOT_APPLY,
    /** A commit not made by BECA sits on top of the one to roll back. */
    HUMAN_COMMIT_ON_TOP,
    /** The commit or ref is not in the current branch's history. */
    NOT_ON_BRANCH
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param problem what was refused, in words
   * @param remedy what to do
   */
  public ImprovementRefusedException(Reason reason, String problem, String remedy) {
    super(problem, remedy, null);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why it was refused. */
  public Reason reason() {
    return reason;
  }
}
