package dev.beca.memory.bench;

import dev.beca.core.learning.LessonComparison;
import dev.beca.core.learning.LessonMatcher;
import dev.beca.core.learning.LessonRelation;
import dev.beca.memory.internal.LazyMiniLmEmbeddingModel;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Precision and recall of the merge decision ({@link LessonMatcher}) on pairs of text we did not
 * write, beside the hand-written pairs of {@code learning/dedup-pairs.tsv}, for the matcher before
 * issue 15's dedup work ({@code namedScore(-1)}) and the default one, in the same run, with the
 * real quantised all-MiniLM-L6-v2. Not part of {@code verify}.
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
 * </ul>
 *
 * <pre>
 * java -cp ... dev.beca.memory.bench.LessonDedupBenchmark SPRING_BOOT_CHECKOUT OLD_HOWTO_DIR
 * </pre>
 *
 * <p>OLD_HOWTO_DIR holds {@code v1.5.0/howto.adoc} and {@code v2.0.0/howto.adoc} (from the tags
 * {@code v1.5.0.RELEASE} and {@code v2.0.0.RELEASE} of spring-projects/spring-boot).
 */
public final class LessonDedupBenchmark {

  private LessonDedupBenchmark() {}

  /** A labelled pair. */
  record Pair(boolean same, String a, String b) {}

  /** Runs the benchmark; see the class description for the arguments. */
  public static void main(String[] args) throws Exception {
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
    LessonMatcher after =
        LessonMatcher.builder().embeddingModel(new LazyMiniLmEmbeddingModel()).build();
    LessonMatcher before = after.toBuilder().namedScore(-1).build();

    List<Pair> docsPairs = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String version : List.of("v1.5.0", "v2.0.0")) {
      for (LessonRetrievalBenchmark.Section s :
          LessonRetrievalBenchmark.sections(old.resolve(version))) {
        String now = current.get(s.title().toLowerCase(Locale.ROOT));
        String then = oldMarkup(s.paragraph());
        if (now != null
            && !now.equalsIgnoreCase(then)
            && seen.add(then.toLowerCase(Locale.ROOT) + "\n" + now)) {
          docsPairs.add(new Pair(true, then, now));
        }
      }
    }
    int paraphrases = docsPairs.size();
    List<String> paragraphs = new ArrayList<>();
    howTo.forEach(s -> paragraphs.add(s.paragraph()));
    reference.stream()
        .limit(Math.max(0, 300 - howTo.size()))
        .forEach(s -> paragraphs.add(s.paragraph()));
    List<float[]> vectors = paragraphs.stream().map(after::embed).toList();
    Set<String> pairs = new LinkedHashSet<>();
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
      if (pairs.add(Math.min(i, best) + ":" + Math.max(i, best))) {
        docsPairs.add(new Pair(false, paragraphs.get(i), paragraphs.get(best)));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "Spring Boot pairs: %d paraphrases (1.5.0/2.0.0 against now), %d distinct (nearest other"
            + " section of %d paragraphs)%n",
        paraphrases,
        docsPairs.size() - paraphrases,
        paragraphs.size());
    List<Pair> handWritten = handWritten();
    for (Map.Entry<String, LessonMatcher> m :
        Map.of("before", before, "after", after).entrySet().stream()
            .sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
            .toList()) {
      report(m.getKey(), "Spring Boot pairs", m.getValue(), docsPairs);
      report(m.getKey(), "hand-written pairs", m.getValue(), handWritten);
      List<Pair> both = new ArrayList<>(docsPairs);
      both.addAll(handWritten);
      report(m.getKey(), "both sets", m.getValue(), both);
    }
  }

  private static void report(String name, String set, LessonMatcher matcher, List<Pair> pairs) {
    int tp = 0;
    int fp = 0;
    int positives = 0;
    for (Pair p : pairs) {
      LessonComparison c = matcher.compare(p.a(), p.b());
      boolean merged = c.relation() == LessonRelation.DUPLICATE;
      positives += p.same() ? 1 : 0;
      tp += merged && p.same() ? 1 : 0;
      fp += merged && !p.same() ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %s (%d paraphrase, %d distinct) | precision %.3f (%d of %d merged) | recall %.3f"
            + " (%d of %d) |%n",
        name,
        set,
        positives,
        pairs.size() - positives,
        tp + fp == 0 ? 0 : tp / (double) (tp + fp),
        tp,
        tp + fp,
        tp / (double) positives,
        tp,
        positives);
  }

  /** The paraphrase and distinct pairs of the hand-written set (contradictions left out). */
  private static List<Pair> handWritten() throws Exception {
    List<Pair> pairs = new ArrayList<>();
    try (InputStream in =
            LessonDedupBenchmark.class.getResourceAsStream("/learning/dedup-pairs.tsv");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] parts = line.split("\t");
        if (line.startsWith("#") || parts.length != 3 || parts[0].equals("contradiction")) {
          continue;
        }
        pairs.add(new Pair(parts[0].equals("same"), parts[1], parts[2]));
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
