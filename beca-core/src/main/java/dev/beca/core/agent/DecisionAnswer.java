package dev.beca.core.agent;

/** How a permission decision ended: who let the call run or stopped it. */
public enum DecisionAnswer {
  /** The mode or a rule allowed it. */
  ALLOWED_BY_POLICY(true),
  /** A person answered yes. */
  APPROVED(true),
  /** A person answered "always for this session" now or earlier in the session. */
  APPROVED_FOR_SESSION(true),
  /** The mode or a rule denied it. */
  DENIED_BY_POLICY(false),
  /** A person answered no. */
  REFUSED(false),
  /** It needed approval and no answer came (no front end, timeout). */
  UNANSWERED(false),
  /** The secret filter refused it: it would have written or run a secret. */
  REFUSED_SECRET(false);

  private final boolean allowed;

  DecisionAnswer(boolean allowed) {
    this.allowed = allowed;
  }

  /** Whether the call ran. */
  public boolean allowed() {
    return allowed;
  }
}
