package dev.beca.core.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * How an approval request ended.
 *
 * @param answer the person's answer, or empty when none came (no front end, timeout, interrupted)
 * @param reason what happened, in words
 */
public record ApprovalOutcome(Optional<ApprovalAnswer> answer, String reason) {

  /** Checks the components. */
  public ApprovalOutcome {
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(reason, "reason");
  }
}
