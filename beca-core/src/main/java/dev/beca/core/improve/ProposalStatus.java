package dev.beca.core.improve;

import java.util.Locale;

/** Where a proposal stands in the self-improvement engine. */
public enum ProposalStatus {
  /** Received from a source, not evaluated yet. */
  PROPOSED,
  /** Refused before or while applying it: invalid diff, protected file, does not apply. */
  REFUSED,
  /** Evaluated and not accepted: something got worse, or nothing got better. */
  REJECTED_BY_EVALUATOR,
  /** Accepted by the evaluator, waiting for a person to approve or reject it. */
  AWAITING_APPROVAL,
  /** Approved by a person; being applied. */
  APPROVED,
  /** Rejected by a person. */
  REJECTED,
  /** Committed onto the user's branch and verified there. */
  APPLIED,
  /** Its commit was taken back. */
  ROLLED_BACK,
  /** The evaluation or the application failed (stopped, timed out, crashed, verification). */
  FAILED;

  /** The lower-case, hyphenated name: {@code awaiting-approval}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a {@link #label()} or a constant name, ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ProposalStatus parse(String text) {
    String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (ProposalStatus s : values()) {
      if (s.name().equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "Unknown proposal status '"
            + text
            + "'; use one of proposed, refused,"
            + " rejected-by-evaluator, awaiting-approval, approved, rejected, applied, rolled-back,"
            + " failed");
  }
}
