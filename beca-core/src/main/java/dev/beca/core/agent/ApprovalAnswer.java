package dev.beca.core.agent;

/** A person's answer to an approval request. */
public enum ApprovalAnswer {
  /** Run this call. */
  YES,
  /** Do not run it. */
  NO,
  /**
   * Run it, and further calls of the same tool in this session without asking (never for critical
   * calls).
   */
  ALWAYS_FOR_SESSION
}
