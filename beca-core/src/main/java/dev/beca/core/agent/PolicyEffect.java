package dev.beca.core.agent;

import dev.beca.core.InvalidInputException;
import java.util.Locale;

/** What the policy does with a tool call; ordered from loosest to strictest. */
public enum PolicyEffect {
  /** Run it. */
  ALLOW,
  /** Ask a person first; without an answer it is denied. */
  ASK,
  /** Refuse it. */
  DENY;

  /** The stricter of this and another effect. */
  public PolicyEffect stricter(PolicyEffect other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /**
   * Parses {@code allow}, {@code ask} or {@code deny}.
   *
   * @param text the word, in any case
   * @return the effect
   * @throws InvalidInputException for any other word
   */
  public static PolicyEffect parse(String text) {
    if (text != null) {
      for (PolicyEffect effect : values()) {
        if (effect.name().equalsIgnoreCase(text.strip())) {
          return effect;
        }
      }
    }
    throw new InvalidInputException(
        "'" + text + "' is not a policy action.", "Use allow, ask or deny.");
  }

  /** The lower-case word, as in policy files. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
