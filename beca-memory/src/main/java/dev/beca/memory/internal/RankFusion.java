package dev.beca.memory.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion of ranked lists of ids, the way history search and lesson search combine
 * their keyword side with their side by meaning: an id at (0-based) rank {@code r} of a list gains
 * {@code 1 / (60 + r + 1)}; the best ids have the largest sums, and among equal sums the larger id
 * (the newer row) comes first. Not thread-safe: one per search.
 */
final class RankFusion {

  /** The constant of reciprocal rank fusion (60, as in its paper and most search engines). */
  static final int K = 60;

  private final Map<Long, Double> scores = new HashMap<>();

  /** Adds an id found at this rank of one list. */
  void add(long id, int rank) {
    scores.merge(id, 1.0 / (K + rank + 1), Double::sum);
  }

  /** Adds a list of ids, best first. */
  void addAll(List<Long> ranked) {
    for (int rank = 0; rank < ranked.size(); rank++) {
      add(ranked.get(rank), rank);
    }
  }

  /** The best {@code limit} ids with their sums, best first. */
  List<Map.Entry<Long, Double>> top(int limit) {
    return scores.entrySet().stream()
        .sorted(
            Map.Entry.<Long, Double>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .limit(limit)
        .toList();
  }
}
