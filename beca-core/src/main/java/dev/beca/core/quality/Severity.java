package dev.beca.core.quality;

/** How serious a lint or security finding is. */
public enum Severity {
  /** Must be fixed; a high-severity security finding fails the score's security gate. */
  HIGH,
  /** Should be fixed. */
  MEDIUM,
  /** Worth a look. */
  LOW
}
