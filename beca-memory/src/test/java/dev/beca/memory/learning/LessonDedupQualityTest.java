package dev.beca.memory.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.learning.LessonComparison;
import dev.beca.core.learning.LessonMatcher;
import dev.beca.core.learning.LessonRelation;
import dev.beca.memory.internal.LazyMiniLmEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quality of the merge decision of {@link LessonMatcher} with the real quantised all-MiniLM-L6-v2
 * on the hand-written labelled pairs of {@code learning/dedup-pairs.tsv} (paraphrases, distinct but
 * related lessons, contradictions). Prints the figures of docs/learning.md.
 */
class LessonDedupQualityTest {

  private record Scored(String label, LessonComparison comparison) {}

  @Test
  void mergeDecisionKeepsPrecisionAboveNinetyAndRecallAboveEightyPercent() {
    LessonMatcher matcher =
        LessonMatcher.builder().embeddingModel(new LazyMiniLmEmbeddingModel()).build();
    List<Scored> scored = new ArrayList<>();
    for (LabelledPairs p : LabelledPairs.load()) {
      scored.add(new Scored(p.label(), matcher.compare(p.a(), p.b())));
    }
    long same = scored.stream().filter(s -> s.label().equals("same")).count();
    long distinct = scored.stream().filter(s -> s.label().equals("distinct")).count();
    long contradictions = scored.stream().filter(s -> s.label().equals("contradiction")).count();
    assertThat(same).isGreaterThanOrEqualTo(60);
    assertThat(distinct).isGreaterThanOrEqualTo(60);

    // The merge decision on paraphrases (should merge) against distinct pairs (should not).
    long truePositives = count(scored, "same", LessonRelation.DUPLICATE);
    long falsePositives = count(scored, "distinct", LessonRelation.DUPLICATE);
    double precision = (double) truePositives / (truePositives + falsePositives);
    double recall = (double) truePositives / same;
    // A paraphrase taken for a contradiction still leaves one active lesson (it supersedes).
    long oneActive = truePositives + count(scored, "same", LessonRelation.CONTRADICTION);
    long distinctKept = count(scored, "distinct", LessonRelation.DISTINCT);
    long contradictionsFound = count(scored, "contradiction", LessonRelation.CONTRADICTION);
    long contradictionsMerged = count(scored, "contradiction", LessonRelation.DUPLICATE);

    System.out.printf(
        "Lesson dedup (quantised all-MiniLM-L6-v2, %d paraphrase, %d distinct, %d contradiction"
            + " pairs):%n  merge precision %.3f, recall %.3f (%d of %d paraphrases merged, %d of %d"
            + " distinct pairs merged)%n  paraphrases leaving one active lesson (merged or"
            + " superseded) %d of %d; distinct pairs kept apart %d of %d%n  contradictions"
            + " superseding %d of %d, merged %d%n",
        same,
        distinct,
        contradictions,
        precision,
        recall,
        truePositives,
        same,
        falsePositives,
        distinct,
        oneActive,
        same,
        distinctKept,
        distinct,
        contradictionsFound,
        contradictions,
        contradictionsMerged);
    twoFold(scored);
    List<LabelledPairs> pairs = LabelledPairs.load();
    for (int i = 0; i < scored.size(); i++) {
      Scored s = scored.get(i);
      boolean right =
          switch (s.label()) {
            case "same" -> s.comparison().relation() == LessonRelation.DUPLICATE;
            case "distinct" -> s.comparison().relation() == LessonRelation.DISTINCT;
            default -> s.comparison().relation() == LessonRelation.CONTRADICTION;
          };
      if (!right) {
        System.out.printf(
            "  wrong: %s taken for %s (similarity %.3f, overlap %.3f): %s | %s%n",
            s.label(),
            s.comparison().relation(),
            s.comparison().similarity(),
            s.comparison().keywordOverlap(),
            pairs.get(i).a(),
            pairs.get(i).b());
      }
    }

    // The goal is 0.9 each, not met (docs/learning.md has every set's figures, per half). The
    // learned rule (MergeRule.LEARNED, fitted on the tuning halves of this set and of Spring Boot's
    // documentation pairs by LessonMatcherFit) holds precision 0.911 and recall 0.836 here, against
    // 1.0 and 0.77 for the hand-set score rule before it: it merges more paraphrases and five
    // distinct pairs ("SQLite needs WAL mode ..." / "A SQLite WAL file grows ..."). The floors
    // catch regressions.
    assertThat(precision).isGreaterThanOrEqualTo(0.9);
    assertThat(recall).isGreaterThanOrEqualTo(0.8);
  }

  /**
   * How much the figures of the score rule ({@code MergeRule.SCORE}: similarity + 0.5 x overlap)
   * owe to tuning on this very set: its threshold is chosen on the odd pairs and measured on the
   * even ones, and the other way round.
   */
  private static void twoFold(List<Scored> scored) {
    for (int fold = 0; fold < 2; fold++) {
      List<Scored> train = new ArrayList<>();
      List<Scored> test = new ArrayList<>();
      for (int i = 0; i < scored.size(); i++) {
        (i % 2 == fold ? train : test).add(scored.get(i));
      }
      double bestThreshold = 0;
      double bestMin = -1;
      for (int t = 50; t <= 100; t++) {
        double[] pr = precisionRecall(train, t / 100.0);
        if (Math.min(pr[0], pr[1]) > bestMin) {
          bestMin = Math.min(pr[0], pr[1]);
          bestThreshold = t / 100.0;
        }
      }
      double[] pr = precisionRecall(test, bestThreshold);
      System.out.printf(
          "  fold %d: threshold %.2f chosen on %d pairs, on the other %d: precision %.3f, recall"
              + " %.3f%n",
          fold, bestThreshold, train.size(), test.size(), pr[0], pr[1]);
    }
  }

  private static double[] precisionRecall(List<Scored> pairs, double threshold) {
    long tp = 0;
    long fp = 0;
    long positives = 0;
    for (Scored s : pairs) {
      if (s.label().equals("contradiction")) {
        continue;
      }
      boolean merged =
          s.comparison().similarity() + 0.5 * s.comparison().keywordOverlap() >= threshold;
      boolean same = s.label().equals("same");
      positives += same ? 1 : 0;
      tp += merged && same ? 1 : 0;
      fp += merged && !same ? 1 : 0;
    }
    return new double[] {tp + fp == 0 ? 0 : (double) tp / (tp + fp), (double) tp / positives};
  }

  private static long count(List<Scored> scored, String label, LessonRelation relation) {
    return scored.stream()
        .filter(s -> s.label().equals(label) && s.comparison().relation() == relation)
        .count();
  }
}
