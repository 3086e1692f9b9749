package dev.beca.selfimprove.recipes;

/**
 * How risky a change is to apply: the more lines and files it touches, and the less of the touched
 * code the tests run, the more a mistake could go unnoticed.
 *
 * @param linesChanged lines added plus lines removed
 * @param filesTouched files the change edits
 * @param executableLines touched lines inside method bodies (the lines tests can cover)
 * @param coveredLines how many of those the coverage map marks covered; -1 when no coverage map was
 *     given
 * @param level the summary: {@link Level#LOW} up to 4 weighted lines, {@link Level#MEDIUM} up to
 *     15, {@link Level#HIGH} above (see {@link #weightedLines()})
 */
public record ChangeRisk(
    int linesChanged, int filesTouched, int executableLines, int coveredLines, Level level) {

  /** Coarse risk levels. */
  public enum Level {
    /** Small and local. */
    LOW,
    /** Worth a careful look. */
    MEDIUM,
    /** Large, spread, or on code no test runs. */
    HIGH
  }

  /**
   * Computes the level from the counts.
   *
   * @param linesChanged lines added plus lines removed
   * @param filesTouched files edited
   * @param executableLines touched lines inside method bodies
   * @param coveredLines covered ones among them, or -1 without a coverage map
   * @return the risk
   */
  public static ChangeRisk of(
      int linesChanged, int filesTouched, int executableLines, int coveredLines) {
    double weighted = weighted(linesChanged, filesTouched, executableLines, coveredLines);
    Level level = weighted <= 4 ? Level.LOW : weighted <= 15 ? Level.MEDIUM : Level.HIGH;
    return new ChangeRisk(linesChanged, filesTouched, executableLines, coveredLines, level);
  }

  /**
   * The changed lines, plus 10 per file beyond the first, plus 2 per touched executable line the
   * coverage map marks uncovered (none without a map).
   *
   * @return the weighted size of the change
   */
  public double weightedLines() {
    return weighted(linesChanged, filesTouched, executableLines, coveredLines);
  }

  /**
   * The covered share of the touched executable lines.
   *
   * @return 0 to 1; 1 when no executable line is touched; -1 without a coverage map
   */
  public double coveredShare() {
    if (coveredLines < 0) {
      return -1;
    }
    return executableLines == 0 ? 1 : coveredLines / (double) executableLines;
  }

  private static double weighted(int lines, int files, int executable, int covered) {
    int uncovered = covered < 0 ? 0 : Math.max(0, executable - covered);
    return lines + 10.0 * Math.max(0, files - 1) + 2.0 * uncovered;
  }
}
