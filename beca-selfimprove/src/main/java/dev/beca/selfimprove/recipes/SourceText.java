package dev.beca.selfimprove.recipes;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A source text with line offsets, to edit by JavaParser positions (a tab counts as one column).
 */
final class SourceText {

  private final String text;
  private final int[] lineStarts;
  private final String newline;

  SourceText(String text) {
    this.text = text;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    String firstNewline = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        firstNewline = firstNewline == null ? "\r\n" : firstNewline;
        i++;
        starts.add(i + 1);
      } else if (c == '\n' || c == '\r') {
        firstNewline = firstNewline == null ? String.valueOf(c) : firstNewline;
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    this.newline = firstNewline == null ? "\n" : firstNewline;
  }

  String text() {
    return text;
  }

  String newline() {
    return newline;
  }

  int lineCount() {
    return lineStarts.length;
  }

  /** Offset of a 1-based line and column. */
  int offset(int line, int column) {
    return lineStarts[line - 1] + column - 1;
  }

  int offset(Position position) {
    return offset(position.line, position.column);
  }

  /** Offset of a node's first character. */
  int begin(Node node) {
    return offset(node.getBegin().orElseThrow());
  }

  /** Offset just after a node's last character. */
  int end(Node node) {
    return offset(node.getEnd().orElseThrow()) + 1;
  }

  /** A node's text as written. */
  String of(Node node) {
    return text.substring(begin(node), end(node));
  }

  /** Offset of the start of a 1-based line. */
  int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /** Offset just after a line's line break (or the end of the text). */
  int lineEndWithBreak(int line) {
    return line < lineStarts.length ? lineStarts[line] : text.length();
  }

  /** The white space a line starts with. */
  String indentation(int line) {
    int start = lineStart(line);
    int i = start;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return text.substring(start, i);
  }

  /** Whether nothing but white space precedes the offset on its line. */
  boolean onlyWhitespaceBefore(int offset) {
    int i = offset - 1;
    while (i >= 0 && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
      i--;
    }
    return true;
  }

  /** Whether nothing but white space follows the offset up to the line break. */
  boolean onlyWhitespaceAfter(int offset) {
    int i = offset;
    while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
      i++;
    }
    return true;
  }

  /** Applies non-overlapping edits. */
  String apply(List<TextEdit> edits) {
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
    StringBuilder out = new StringBuilder(text.length() + 64);
    int at = 0;
    for (TextEdit edit : sorted) {
      if (edit.start() < at) {
        throw new IllegalStateException("overlapping edits at offset " + edit.start());
      }
      out.append(text, at, edit.start()).append(edit.replacement());
      at = edit.end();
    }
    return out.append(text, at, text.length()).toString();
  }

  /** The 1-based line of an offset. */
  int lineOf(int offset) {
    int low = 0;
    int high = lineStarts.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low + 1;
  }
}
