package dev.beca.core.secrets;

import java.util.Objects;

/**
 * Where a secret was found.
 *
 * @param source what was scanned: a file path, or a field such as {@code message:USER}
 * @param line the 1-based line number in that text
 * @param column the 1-based column (in UTF-16 characters) where the secret starts
 */
public record SecretLocation(String source, int line, int column) {

  /** Checks the components. */
  public SecretLocation {
    Objects.requireNonNull(source, "source");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException(
          "line and column are 1-based, were " + line + ":" + column);
    }
  }

  /** {@code source:line:column}. */
  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
