package dev.beca.memory.bench;

import dev.beca.core.learning.LessonMatcher;
import dev.beca.memory.internal.LazyMiniLmEmbeddingModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the Spring Boot and fresh pairs of {@link LessonDedupBenchmark} for a blind label audit:
 * each pair's key ({@link LessonDedupBenchmark.Pair#key()}) and its two texts, ordered by key, with
 * neither the original label, nor the set's half, nor any score or decision of a rule; only the
 * pairs that {@code learning/dedup-audit.tsv} has no label for yet. Not part of {@code verify}.
 *
 * <pre>
 * java -cp ... dev.beca.memory.bench.LessonPairDump SPRING_BOOT_CHECKOUT OLD_HOWTO_DIR
 * </pre>
 */
public final class LessonPairDump {

  private LessonPairDump() {}

  /** Prints the pairs; see the class description for the arguments. */
  public static void main(String[] args) throws Exception {
    LessonMatcher embedder =
        LessonMatcher.builder().embeddingModel(new LazyMiniLmEmbeddingModel()).build();
    Map<String, List<LessonDedupBenchmark.Pair>> sets = LessonDedupBenchmark.sets(args, embedder);
    Map<String, Boolean> labelled = LessonDedupBenchmark.auditLabels();
    List<LessonDedupBenchmark.Pair> pairs = new ArrayList<>();
    for (Map.Entry<String, List<LessonDedupBenchmark.Pair>> set : sets.entrySet()) {
      if (!set.getKey().startsWith("hand-written")) {
        set.getValue().stream().filter(p -> !labelled.containsKey(p.key())).forEach(pairs::add);
      }
    }
    pairs.sort(Comparator.comparing(LessonDedupBenchmark.Pair::key));
    for (LessonDedupBenchmark.Pair p : pairs) {
      System.out.printf(Locale.ROOT, "== %s%nA: %s%nB: %s%n%n", p.key(), p.a(), p.b());
    }
  }
}
