package dev.beca.core.learning;

import java.util.Objects;

/**
 * The outcome of comparing two lesson texts.
 *
 * @param relation the decision
 * @param similarity cosine similarity of the embeddings, -1 to 1; {@link Double#NaN} without an
 *     embedding model
 * @param keywordOverlap Jaccard overlap of the content words, 0 to 1
 */
public record LessonComparison(LessonRelation relation, double similarity, double keywordOverlap) {

  /** Checks that the relation is there. */
  public LessonComparison {
    Objects.requireNonNull(relation, "relation");
  }
}
