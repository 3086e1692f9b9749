package dev.beca.selfimprove.recipes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Unified diffs in the form {@code git apply} takes: {@code diff --git} header, {@code ---}/{@code
 * +++} lines and hunks with three lines of context, written by JGit's {@link DiffFormatter} (which
 * also marks a missing final line break).
 */
final class UnifiedDiffs {

  private UnifiedDiffs() {}

  /**
   * The diff of one file's change.
   *
   * @param path the file relative to the repository root, {@code /} separators
   * @param before the old text
   * @param after the new text
   * @return the diff, empty if the texts are equal
   */
  static String of(String path, String before, String after) {
    RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
    RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
    EditList edits =
        DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
            .diff(RawTextComparator.DEFAULT, a, b);
    if (edits.isEmpty()) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DiffFormatter formatter = new DiffFormatter(out)) {
      formatter.setContext(3);
      formatter.format(edits, a, b);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the diff of " + path, e);
    }
    return "diff --git a/"
        + path
        + " b/"
        + path
        + "\n--- a/"
        + path
        + "\n+++ b/"
        + path
        + "\n"
        + out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Lines added plus lines removed.
   *
   * @param before the old text
   * @param after the new text
   * @return the count of changed lines
   */
  static int changedLines(String before, String after) {
    RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
    RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
    EditList edits =
        DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
            .diff(RawTextComparator.DEFAULT, a, b);
    return edits.stream().mapToInt(e -> e.getLengthA() + e.getLengthB()).sum();
  }

  /**
   * The 1-based lines of the old text that the change removes or replaces (for a pure insertion,
   * the line before it).
   *
   * @param before the old text
   * @param after the new text
   * @return the touched old lines
   */
  static java.util.SortedSet<Integer> touchedOldLines(String before, String after) {
    RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
    RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
    java.util.SortedSet<Integer> lines = new java.util.TreeSet<>();
    for (var edit :
        DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
            .diff(RawTextComparator.DEFAULT, a, b)) {
      if (edit.getLengthA() == 0) {
        lines.add(Math.max(1, edit.getBeginA()));
      }
      for (int i = edit.getBeginA(); i < edit.getEndA(); i++) {
        lines.add(i + 1);
      }
    }
    return lines;
  }
}
