package dev.beca.selfimprove.recipes;

/**
 * Replaces the characters from {@code start} (inclusive) to {@code end} (exclusive).
 *
 * @param start first offset
 * @param end offset after the last replaced character ({@code start} for an insertion)
 * @param replacement the new text
 */
record TextEdit(int start, int end, String replacement) {

  TextEdit {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad edit range " + start + ".." + end);
    }
  }

  static TextEdit insert(int at, String text) {
    return new TextEdit(at, at, text);
  }
}
