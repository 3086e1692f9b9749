package dev.beca.core.conversation;

/** Who wrote a message. */
public enum MessageRole {
  /** The person using BECA. */
  USER,
  /** A model's reply. */
  ASSISTANT,
  /** An instruction to the model, not shown as part of the dialogue. */
  SYSTEM
}
