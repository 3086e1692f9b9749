package dev.beca.core.model;

/** What a model is used for; each role has its own active model. */
public enum ModelRole {
  /** Conversation, summaries, explanations. */
  GENERAL,
  /** Code generation and code review. */
  CODING
}
