package dev.beca.core.agent;

/** What a tool call does to the world, as the tool itself declares it (never as the model says). */
public enum ActionKind {
  /** Reads files or state; changes nothing. */
  READ,
  /** Creates or changes files. */
  WRITE,
  /** Runs a program (a shell command, git). */
  COMMAND,
  /**
   * Writes BECA's own memory (a pattern, a lesson), not the project's files: medium risk, since
   * what is written there reaches later prompts.
   */
  MEMORY
}
