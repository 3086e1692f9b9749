package dev.beca.server.benchmark;

import dev.beca.core.quality.BenchmarkProgress;
import java.nio.file.Path;

/**
 * Measures two git revisions of a project and compares them, as {@code beca benchmark --compare A
 * B} does: the port behind {@code POST /benchmarks/compare-revisions}. The app hands the server
 * {@code CodeBenchmark.compare} wrapped to answer {@code {"verdict", "comparison"}}.
 */
@FunctionalInterface
public interface RevisionComparison {

  /**
   * Measures both revisions (each exported into a folder of its own; the working tree is not
   * touched) and compares them.
   *
   * @param project a folder inside a git repository, already confined to the server's project root
   * @param revisionA the earlier revision (commit, branch, tag, {@code HEAD~1})
   * @param revisionB the later revision
   * @param repeat how many times each revision's tests run (alternating), at least 1
   * @param progress receives each run's progress
   * @return the answer, written as JSON
   * @throws dev.beca.core.InvalidInputException when the folder is not in git
   * @throws dev.beca.core.NotFoundException when a revision does not exist
   */
  Object compare(
      Path project, String revisionA, String revisionB, int repeat, BenchmarkProgress progress);
}
