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
   * Changes BECA's own state (its memory: a thread, a pattern, a lesson; its choice of model),
   * never the project's files. Medium risk: what is remembered reaches later prompts (a poisoned
   * pattern would steer future turns).
   */
  OWN_STATE,
  /**
   * Runs the project's own build, test and lint tools directly, outside the command sandbox (a code
   * benchmark), so it is rated as an unsandboxed command.
   */
  PROJECT_TOOLS
}
