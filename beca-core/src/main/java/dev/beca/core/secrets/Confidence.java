package dev.beca.core.secrets;

import java.util.Locale;

/**
 * How sure a rule is that a match is a real secret, independent of how bad a leak would be ({@link
 * Severity}). Write paths redact every finding whatever its confidence; {@code beca scan} reports
 * from {@link #MEDIUM} up by default, so CI stays quiet on guesses.
 */
public enum Confidence {
  /**
   * A guess: a high-entropy string without a provider's shape, or a provider-shaped value whose
   * body looks like a placeholder ({@code sk_live_AAAA…}, {@code hf_xxxx…}, {@code user:pass@}).
   */
  LOW,
  /** A value assigned to a secret-named setting, or a password in a URL or connection string. */
  MEDIUM,
  /** A provider's documented token format, or a key block. */
  HIGH;

  /**
   * Parses a confidence name, ignoring case.
   *
   * @throws IllegalArgumentException when the name is not a confidence, listing the valid ones
   */
  public static Confidence parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "confidence must be one of low, medium, high, was '" + name + "'", e);
    }
  }
}
