package dev.beca.core.agent;

/** How much harm a tool call can do, from the {@link RiskClassifier}'s fixed rules. */
public enum RiskLevel {
  /** Reads inside the project. */
  LOW,
  /** Writes or edits inside the project. */
  MEDIUM,
  /** Runs a command. */
  HIGH,
  /**
   * A known destructive or exfiltrating pattern; denied in every mode unless a user rule names it.
   */
  CRITICAL
}
