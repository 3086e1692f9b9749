package dev.beca.memory.bench;

import dev.beca.core.learning.LessonMatcher;
import dev.beca.core.learning.LessonRelation;
import dev.beca.memory.internal.LazyMiniLmEmbeddingModel;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Precision and recall of the merge decision ({@link LessonMatcher}) on pairs of text we did not
 * write, beside the hand-written pairs of {@code learning/dedup-pairs.tsv}, for four rules in the
 * same run: the rule of commit d3d5111 ({@code MergeRule.SCORE, duplicateScore 0.72, namedScore
 * 0.95}, no name variants, no length balance), the hand-set score rule with its chosen thresholds
 * ({@code MergeRule.SCORE}), the learned rule ({@code MergeRule.LEARNED}, the default, fitted by
 * {@link LessonMatcherFit} on the tuning halves of the first two sets) and its refit on the audited
 * labels ({@code MergeRule.LEARNED_AUDITED}), with the real quantised all-MiniLM-L6-v2, on each
 * set's tuning half, held-out half and whole, under the original labels and under the audited ones
 * ({@code learning/dedup-audit.tsv}, a blind audit of the Spring Boot and fresh pairs, see {@link
 * LessonPairDump}), and the cost of one decision. Not part of {@code verify}.
 *
 * <ul>
 *   <li><b>Paraphrases</b>: the first paragraph of a how-to section of Spring Boot 1.5.0 or 2.0.0
 *       ({@code howto.adoc}) against the first paragraph of the section of the same title in the
 *       current how-to guide, where the two texts differ: the same how-to fact as the project
 *       itself reworded it between versions (some pairs also renamed a property or a class).
 *   <li><b>Distinct pairs</b>: for each of the 300 paragraphs of {@link LessonRetrievalBenchmark}
 *       (how-to and reference sections), the most similar paragraph of another section by the
 *       embedding: the hardest distinct pair each paragraph has, as the store meets it (it compares
 *       a new lesson with its nearest stored ones).
 *   <li><b>Fresh pairs</b> (when OLD_HOWTO_DIR also holds {@code v2.3.0/} and {@code v3.0.0/}):
 *       built the same way from the how-to guides of 2.3.0 and 3.0.0 (pairs already in the first
 *       set left out) and from the next 300 reference paragraphs; added after the rule was chosen,
 *       so none of it was looked at while choosing.
 * </ul>
 *
 * <p>Each pair falls in the tuning half when the first byte of the SHA-256 of its two texts (joined
 * by a line break) is even, else in the held-out half. The rule was designed on the tuning halves
 * only.
 *
 * <pre>
 * java -cp ... dev.beca.memory.bench.LessonDedupBenchmark SPRING_BOOT_CHECKOUT OLD_HOWTO_DIR [--cost-only]
 * </pre>
 *
 * <p>{@code --cost-only} skips the figures and times the decisions only.
 *
 * <p>When OLD_HOWTO_DIR also holds {@code v2.5.0/}, {@code v2.7.0/} and {@code v3.2.0/} (the files
 * of {@code spring-boot-project/spring-boot-docs/src/docs/asciidoc/howto/} at those tags), a
 * <b>second fresh set</b> is built the same way from them and from the 300 reference paragraphs
 * after the fresh set's; built and labelled blind after the refit {@code LEARNED_AUDITED} was
 * measured, to measure it once more on pairs nobody had looked at.
 *
 * <p>OLD_HOWTO_DIR holds {@code v1.5.0/howto.adoc} and {@code v2.0.0/howto.adoc} (from the tags
 * {@code v1.5.0.RELEASE} and {@code v2.0.0.RELEASE} of spring-projects/spring-boot), optionally
 * {@code v2.3.0/howto.adoc} ({@code v2.3.0.RELEASE}) and {@code v3.0.0/*.adoc} ({@code v3.0.0}, the
 * files of {@code spring-boot-docs/src/docs/asciidoc/howto/}).
 */
public final class LessonDedupBenchmark {

  private LessonDedupBenchmark() {}

  /** A labelled pair. */
  record Pair(boolean same, String a, String b) {

    boolean tuning() {
      return (digest()[0] & 1) == 0;
    }

    /**
     * The pair's key in the audited labels: the first 12 hex digits of the SHA-256 of its two texts
     * joined by a line break (the digest that also picks its half).
     */
    String key() {
      return java.util.HexFormat.of().formatHex(digest(), 0, 6);
    }

    private byte[] digest() {
      try {
        return MessageDigest.getInstance("SHA-256")
            .digest((a + "\n" + b).getBytes(StandardCharsets.UTF_8));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Runs the benchmark; see the class description for the arguments. */
  public static void main(String[] args) throws Exception {
    LessonMatcher learned =
        LessonMatcher.builder()
            .embeddingModel(new LazyMiniLmEmbeddingModel())
            .mergeRule(LessonMatcher.MergeRule.LEARNED)
            .build();
    // The hand-set score rule with its chosen thresholds (the default before the learned rule).
    LessonMatcher score = learned.toBuilder().mergeRule(LessonMatcher.MergeRule.SCORE).build();
    // The learned rule refitted on the audited labels with namesSwapped (not the default).
    LessonMatcher audited =
        learned.toBuilder().mergeRule(LessonMatcher.MergeRule.LEARNED_AUDITED).build();
    LessonMatcher before =
        score.toBuilder()
            .duplicateScore(0.72)
            .namedScore(0.95)
            .nameVariants(false)
            .lengthBalance(0)
            .build();

    Map<String, List<Pair>> original = sets(args, learned);
    boolean costOnly = args.length > 2 && args[2].equals("--cost-only");
    List<Pair> all = new ArrayList<>();
    original.values().forEach(all::addAll);
    if (!costOnly) {
      for (Map.Entry<String, Map<String, List<Pair>>> labels :
          Map.of("original labels", original, "audited labels", audited(original))
              .entrySet()
              .stream()
              .sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
              .toList()) {
        System.out.printf(
            Locale.ROOT,
            "%n%s | rule of d3d5111 | score rule (SCORE) | learned (LEARNED, the default) |"
                + " refit on audited labels (LEARNED_AUDITED) |%n",
            labels.getKey());
        table(labels.getValue(), before, score, learned, audited);
      }
    }
    cost(List.of(score, learned, audited), all);
  }

  private static void table(
      Map<String, List<Pair>> labelled,
      LessonMatcher before,
      LessonMatcher score,
      LessonMatcher learned,
      LessonMatcher audited) {
    Map<String, List<Pair>> sets = new java.util.LinkedHashMap<>(labelled);
    List<Pair> all = new ArrayList<>();
    sets.values().forEach(all::addAll);
    sets.put("all sets", all);
    for (Map.Entry<String, List<Pair>> set : sets.entrySet()) {
      for (Map.Entry<String, Predicate<Pair>> half :
          Map.<String, Predicate<Pair>>of(
                  "tuning", Pair::tuning, "held-out", p -> !p.tuning(), "whole", p -> true)
              .entrySet()
              .stream()
              .sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
              .toList()) {
        List<Pair> pairs = set.getValue().stream().filter(half.getValue()).toList();
        System.out.printf(
            Locale.ROOT,
            "| %s, %s | %s | %s | %s | %s |%n",
            set.getKey(),
            half.getKey(),
            figures(before, pairs),
            figures(score, pairs),
            figures(learned, pairs),
            figures(audited, pairs));
      }
    }
  }

  /**
   * The same sets with the Spring Boot and fresh pairs labelled as in {@code
   * learning/dedup-audit.tsv} (the blind audit; the hand-written pairs keep their labels).
   *
   * @param sets the sets of {@link #sets}
   * @return the relabelled sets, in the same order
   * @throws IllegalStateException when a pair has no audited label
   */
  static Map<String, List<Pair>> audited(Map<String, List<Pair>> sets) throws Exception {
    Map<String, Boolean> audit = auditLabels();
    Map<String, List<Pair>> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, List<Pair>> set : sets.entrySet()) {
      if (set.getKey().startsWith("hand-written")) {
        out.put(set.getKey(), set.getValue());
        continue;
      }
      List<Pair> relabelled = new ArrayList<>();
      for (Pair p : set.getValue()) {
        Boolean same = audit.get(p.key());
        if (same == null) {
          throw new IllegalStateException("no audited label for pair " + p.key());
        }
        relabelled.add(new Pair(same, p.a(), p.b()));
      }
      out.put(set.getKey(), relabelled);
    }
    return out;
  }

  /** The audited labels of {@code learning/dedup-audit.tsv} by pair key: true for same. */
  static Map<String, Boolean> auditLabels() throws Exception {
    Map<String, Boolean> audit = new HashMap<>();
    for (String[] row : rows("/learning/dedup-audit.tsv")) {
      audit.put(row[0], row[1].equals("same"));
    }
    return audit;
  }

  /** The rows of three tab-separated columns of a test resource; comment lines left out. */
  private static List<String[]> rows(String resource) throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = LessonDedupBenchmark.class.getResourceAsStream(resource);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] parts = line.split("\t");
        if (!line.startsWith("#") && parts.length == 3) {
          rows.add(parts);
        }
      }
    }
    return rows;
  }

  /**
   * The labelled sets by name ("Spring Boot pairs", "hand-written pairs" and, when OLD_HOWTO_DIR
   * holds the newer guides, "fresh Spring Boot pairs"), from the arguments of {@link #main}.
   *
   * @param args SPRING_BOOT_CHECKOUT OLD_HOWTO_DIR
   * @param embedder the matcher whose model finds each paragraph's nearest other one
   */
  static Map<String, List<Pair>> sets(String[] args, LessonMatcher embedder) throws Exception {
    Path docs = Path.of(args[0]).resolve("documentation/spring-boot-docs/src/docs/antora/modules");
    Path old = Path.of(args[1]);
    List<LessonRetrievalBenchmark.Section> howTo =
        LessonRetrievalBenchmark.sections(docs.resolve("how-to/pages"));
    List<LessonRetrievalBenchmark.Section> reference =
        LessonRetrievalBenchmark.sections(docs.resolve("reference/pages"));
    Map<String, String> current = new HashMap<>();
    for (LessonRetrievalBenchmark.Section s : howTo) {
      current.putIfAbsent(s.title().toLowerCase(Locale.ROOT), s.paragraph());
    }
    Set<String> seen = new LinkedHashSet<>();
    List<Pair> docsPairs = paraphrases(old, List.of("v1.5.0", "v2.0.0"), current, seen);
    int paraphrases = docsPairs.size();
    List<String> paragraphs = new ArrayList<>();
    howTo.forEach(s -> paragraphs.add(s.paragraph()));
    int fromReference = Math.max(0, 300 - howTo.size());
    reference.stream().limit(fromReference).forEach(s -> paragraphs.add(s.paragraph()));
    docsPairs.addAll(nearestPairs(paragraphs, embedder));
    System.out.printf(
        Locale.ROOT,
        "Spring Boot pairs: %d paraphrases (1.5.0/2.0.0 against now), %d distinct (nearest other"
            + " section of %d paragraphs)%n",
        paraphrases,
        docsPairs.size() - paraphrases,
        paragraphs.size());
    List<Pair> fresh = new ArrayList<>();
    if (Files.isDirectory(old.resolve("v2.3.0")) && Files.isDirectory(old.resolve("v3.0.0"))) {
      fresh.addAll(paraphrases(old, List.of("v2.3.0", "v3.0.0"), current, seen));
      int freshParaphrases = fresh.size();
      List<String> next =
          reference.stream()
              .skip(fromReference)
              .limit(300)
              .map(LessonRetrievalBenchmark.Section::paragraph)
              .toList();
      fresh.addAll(nearestPairs(next, embedder));
      System.out.printf(
          Locale.ROOT,
          "Fresh pairs: %d paraphrases (2.3.0/3.0.0 against now, not in the first set), %d"
              + " distinct (nearest other section of the next %d reference paragraphs)%n",
          freshParaphrases,
          fresh.size() - freshParaphrases,
          next.size());
    }
    List<Pair> second = new ArrayList<>();
    List<String> secondVersions = List.of("v2.5.0", "v2.7.0", "v3.2.0");
    if (secondVersions.stream().allMatch(v -> Files.isDirectory(old.resolve(v)))) {
      second.addAll(paraphrases(old, secondVersions, current, seen));
      int secondParaphrases = second.size();
      List<String> after =
          reference.stream()
              .skip(fromReference + 300L)
              .limit(300)
              .map(LessonRetrievalBenchmark.Section::paragraph)
              .toList();
      second.addAll(nearestPairs(after, embedder));
      System.out.printf(
          Locale.ROOT,
          "Second fresh pairs: %d paraphrases (2.5.0/2.7.0/3.2.0 against now, not in the sets"
              + " before), %d distinct (nearest other section of the %d reference paragraphs after"
              + " those)%n",
          secondParaphrases,
          second.size() - secondParaphrases,
          after.size());
    }
    List<Pair> handWritten = handWritten();
    Map<String, List<Pair>> sets = new java.util.LinkedHashMap<>();
    sets.put("Spring Boot pairs", docsPairs);
    sets.put("hand-written pairs", handWritten);
    if (!fresh.isEmpty()) {
      sets.put("fresh Spring Boot pairs", fresh);
    }
    if (!second.isEmpty()) {
      sets.put("second fresh Spring Boot pairs", second);
    }
    return sets;
  }

  /** Old paragraph against today's of the same how-to title, where the two differ. */
  private static List<Pair> paraphrases(
      Path old, List<String> versions, Map<String, String> current, Set<String> seen)
      throws Exception {
    List<Pair> out = new ArrayList<>();
    for (String version : versions) {
      for (LessonRetrievalBenchmark.Section s :
          LessonRetrievalBenchmark.sections(old.resolve(version))) {
        String now = current.get(s.title().toLowerCase(Locale.ROOT));
        String then = oldMarkup(s.paragraph());
        if (now != null
            && !now.equalsIgnoreCase(then)
            && seen.add(then.toLowerCase(Locale.ROOT) + "\n" + now)) {
          out.add(new Pair(true, then, now));
        }
      }
    }
    return out;
  }

  /** For each paragraph, the most similar other one (each unordered pair once). */
  private static List<Pair> nearestPairs(List<String> paragraphs, LessonMatcher matcher) {
    List<float[]> vectors = paragraphs.stream().map(matcher::embed).toList();
    Set<String> pairs = new LinkedHashSet<>();
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < paragraphs.size(); i++) {
      int best = -1;
      double bestSimilarity = -2;
      for (int j = 0; j < paragraphs.size(); j++) {
        double similarity = dot(vectors.get(i), vectors.get(j));
        if (j != i && !paragraphs.get(j).equals(paragraphs.get(i)) && similarity > bestSimilarity) {
          best = j;
          bestSimilarity = similarity;
        }
      }
      if (best >= 0 && pairs.add(Math.min(i, best) + ":" + Math.max(i, best))) {
        out.add(new Pair(false, paragraphs.get(i), paragraphs.get(best)));
      }
    }
    return out;
  }

  private static String figures(LessonMatcher matcher, List<Pair> pairs) {
    int tp = 0;
    int fp = 0;
    int positives = 0;
    for (Pair p : pairs) {
      boolean merged = matcher.compare(p.a(), p.b()).relation() == LessonRelation.DUPLICATE;
      positives += p.same() ? 1 : 0;
      tp += merged && p.same() ? 1 : 0;
      fp += merged && !p.same() ? 1 : 0;
    }
    return String.format(
        Locale.ROOT,
        "%d/%d | P %.3f (%d of %d) | R %.3f (%d of %d)",
        positives,
        pairs.size() - positives,
        tp + fp == 0 ? 0 : tp / (double) (tp + fp),
        tp,
        tp + fp,
        positives == 0 ? 0 : tp / (double) positives,
        tp,
        positives);
  }

  /**
   * The time of one decision with both vectors computed (what the store pays per candidate on top
   * of the one embedding of the new lesson) for each matcher (the score rule, the learned rule, the
   * refit on audited labels), in alternating rounds.
   */
  private static void cost(List<LessonMatcher> matchers, List<Pair> pairs) {
    LessonMatcher embedder = matchers.get(0);
    List<float[][]> vectors =
        pairs.stream()
            .map(p -> new float[][] {embedder.embed(p.a()), embedder.embed(p.b())})
            .toList();
    long[] nanos = new long[matchers.size()];
    int rounds = 20;
    int sink = 0;
    for (int round = 0; round < rounds + 5; round++) {
      for (int m = 0; m < matchers.size(); m++) {
        LessonMatcher matcher = matchers.get(m);
        long start = System.nanoTime();
        for (int i = 0; i < pairs.size(); i++) {
          Pair p = pairs.get(i);
          sink +=
              matcher
                  .compare(p.a(), vectors.get(i)[0], p.b(), vectors.get(i)[1])
                  .relation()
                  .ordinal();
        }
        if (round >= 5) {
          nanos[m] += System.nanoTime() - start;
        }
      }
    }
    long embedStart = System.nanoTime();
    for (int i = 0; i < Math.min(100, pairs.size()); i++) {
      sink += embedder.embed(pairs.get(i).a()).length;
    }
    double embedMicros = (System.nanoTime() - embedStart) / 1e3 / Math.min(100, pairs.size());
    double decisions = (double) rounds * pairs.size();
    System.out.printf(
        Locale.ROOT,
        "Cost of one decision (vectors given, %d pairs x %d rounds): score rule %.1f us, learned"
            + " %.1f us, refit on audited labels %.1f us (%.2fx the learned rule, %.2fx the score"
            + " rule); one embedding of a lesson text %.0f us (%d)%n",
        pairs.size(),
        rounds,
        nanos[0] / 1e3 / decisions,
        nanos[1] / 1e3 / decisions,
        nanos[2] / 1e3 / decisions,
        nanos[2] / (double) nanos[1],
        nanos[2] / (double) nanos[0],
        embedMicros,
        sink & 1);
  }

  /** The paraphrase and distinct pairs of the hand-written set (contradictions left out). */
  private static List<Pair> handWritten() throws Exception {
    List<Pair> pairs = new ArrayList<>();
    for (String[] row : rows("/learning/dedup-pairs.tsv")) {
      if (!row[0].equals("contradiction")) {
        pairs.add(new Pair(row[0].equals("same"), row[1], row[2]));
      }
    }
    return pairs;
  }

  /**
   * Links of the old single-file guide: {@code <<anchor,Text>>} and {@code {dc-root}/...[Text]}.
   */
  static String oldMarkup(String text) {
    return text.replaceAll("<<[^,>]*,([^>]*)>>", "$1")
        .replaceAll("<<[^>]*>>", "")
        .replaceAll("\\S*/\\S*\\[([^\\]]*)\\]", "$1")
        .replaceAll("\\s+", " ")
        .strip();
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
