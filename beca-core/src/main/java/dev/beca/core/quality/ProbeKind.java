package dev.beca.core.quality;

/** What a probe measures; each kind is one part of the {@link QualityScore}. */
public enum ProbeKind {
  /** Tests run and how many passed. */
  TESTS,
  /** Line and branch coverage of the tests. */
  COVERAGE,
  /** Static analysis findings per 1,000 lines of code. */
  LINT,
  /** Security findings; high-severity ones are a gate on the score. */
  SECURITY
}
