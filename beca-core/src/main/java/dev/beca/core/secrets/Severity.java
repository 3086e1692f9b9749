package dev.beca.core.secrets;

import java.util.Locale;

/** How bad a leaked secret of a rule would be. */
public enum Severity {
  /** Probably harmless or very likely a false positive (generic high-entropy strings). */
  LOW,
  /** A credential of limited scope, or a generic assignment that looks like one. */
  MEDIUM,
  /** A credential for a well-known service. */
  HIGH,
  /** Keys that grant broad access: cloud root keys, private keys. */
  CRITICAL;

  /**
   * Parses a severity name, ignoring case.
   *
   * @throws IllegalArgumentException when the name is not a severity, listing the valid ones
   */
  public static Severity parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "severity must be one of low, medium, high, critical, was '" + name + "'", e);
    }
  }
}
