package dev.beca.selfimprove;

/** Why a proposal was refused before its evaluation (or when it did not apply). */
public enum RefusalReason {
  /** The diff changes no file. */
  EMPTY,
  /** The text is not a unified diff that parses. */
  MALFORMED,
  /** A path leaves the project ({@code ..}, an absolute path, {@code .git/}). */
  OUTSIDE_PROJECT,
  /** A binary patch. */
  BINARY,
  /** A symbolic link is created or changed. */
  SYMLINK,
  /** A test file is deleted (or renamed away). */
  DELETES_TEST,
  /** A protected file is touched. */
  PROTECTED_FILE,
  /** An added line holds what looks like a secret. */
  SECRET,
  /** The same diff was tried before and not accepted. */
  TRIED_BEFORE,
  /** The diff does not apply to the base revision. */
  DOES_NOT_APPLY
}
