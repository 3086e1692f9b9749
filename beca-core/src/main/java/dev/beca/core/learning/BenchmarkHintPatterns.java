package dev.beca.core.learning;

import dev.beca.core.quality.LearningItem;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The stock {@link LearningWork}: records the hints of a benchmark result that scored low or
 * dropped as a {@link PatternKind#BUILD build} pattern (source {@link PatternSource#BENCHMARK}),
 * deterministically, without a model. The request names the benchmark, the summary is the hints one
 * per line (the reasons it was queued first), the notes hold the score and the evidence links the
 * result ({@code benchmark-result:ID}); the same hints seen for another result count one more
 * occurrence of one pattern.
 */
public final class BenchmarkHintPatterns implements LearningWork {

  private final PatternStore patterns;

  /**
   * Creates the work.
   *
   * @param patterns where the patterns go
   */
  public BenchmarkHintPatterns(PatternStore patterns) {
    this.patterns = Objects.requireNonNull(patterns, "patterns");
  }

  @Override
  public String learn(LearningItem item) {
    if (item.hints().isEmpty()) {
      return "benchmark result " + item.resultId() + " has no hints; nothing recorded";
    }
    Pattern saved =
        patterns.save(
            NewPattern.builder(PatternKind.BUILD, PatternSource.BENCHMARK)
                .taskType("quality")
                .request("Improve benchmark " + item.benchmark())
                .solutionSummary(String.join("\n", item.hints()))
                .performanceNotes(String.format(Locale.ROOT, "score %.3f", item.score()))
                .evidence(List.of("benchmark-result:" + item.resultId()))
                .build());
    return "recorded the hints of benchmark result "
        + item.resultId()
        + " as pattern "
        + saved.id()
        + " (seen "
        + saved.occurrences()
        + "x)";
  }
}
