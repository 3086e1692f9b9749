package dev.beca.core.agent;

/** Where a policy rule comes from; project rules can only make the user's policy stricter. */
public enum RuleScope {
  /** The user's own rules (the data directory): may allow, ask or deny, and name critical calls. */
  USER,
  /**
   * The project's rules ({@code .beca/policy.toml}, written by whoever wrote the project): only
   * tighten.
   */
  PROJECT
}
