package dev.beca.core.quality;

/**
 * Coverage counters as the coverage tool reported them, summed over all its reports.
 *
 * @param linesCovered lines run at least once
 * @param linesTotal lines that could be run
 * @param branchesCovered branches taken
 * @param branchesTotal branches that could be taken; 0 when the tool does not measure branches
 */
public record CoverageReport(
    long linesCovered, long linesTotal, long branchesCovered, long branchesTotal) {

  /** Checks the counters. */
  public CoverageReport {
    if (linesCovered < 0
        || linesCovered > linesTotal
        || branchesCovered < 0
        || branchesCovered > branchesTotal) {
      throw new IllegalArgumentException(
          "inconsistent coverage counters: lines "
              + linesCovered
              + "/"
              + linesTotal
              + ", branches "
              + branchesCovered
              + "/"
              + branchesTotal);
    }
  }

  /** Covered lines over all lines, 0 to 1; 0 when there are no lines. */
  public double lineRatio() {
    return linesTotal == 0 ? 0 : (double) linesCovered / linesTotal;
  }

  /** Covered branches over all branches, 0 to 1; 0 when there are none. */
  public double branchRatio() {
    return branchesTotal == 0 ? 0 : (double) branchesCovered / branchesTotal;
  }
}
