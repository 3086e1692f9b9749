package dev.beca.core.quality;

/**
 * How sure a tool is that a {@link Finding} is real (bandit's issue confidence, a secret rule's
 * confidence). Tools that give none report {@link #HIGH}: their findings are taken at their word.
 */
public enum Confidence {
  /** The tool is sure. */
  HIGH,
  /** The tool is fairly sure. */
  MEDIUM,
  /** A guess worth a look. */
  LOW
}
