package dev.beca.core.learning;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cheap measures of how alike two lesson texts are, the input of the learned merge decision of
 * {@link LessonMatcher} (and of its fitting harness, {@code LessonMatcherFit} in beca-memory's test
 * sources). Each is computed from the two texts and their unit vectors in microseconds.
 *
 * @param similarity cosine similarity of the embeddings, -1 to 1
 * @param jaccard Jaccard overlap of the content words (as {@link LessonComparison#keywordOverlap})
 * @param containment overlap coefficient of the content words: the share of the smaller set that
 *     the other holds
 * @param balance content words of the shorter text over those of the longer one, 0 to 1
 * @param namesOnlyEach the smaller of the two counts of names ({@link LessonNames}) that one text
 *     holds and the other neither mentions nor holds a variant of: above 0 when each text names
 *     something the other lacks (two lessons of one template)
 * @param namesOnlyOne the larger of the two counts
 * @param namesShared names of one text that the other mentions too
 * @param numbersDiffer 1 when each text holds a number the other lacks, else 0
 * @param negationDiffers 1 when exactly one text holds a negation (not, never, avoid ...), else 0
 * @param trigrams Jaccard overlap of the character trigrams of the two texts (lower case, runs of
 *     other characters than letters and digits as one space)
 * @param logLength natural logarithm of 1 + the mean number of content words of the two texts
 * @param namesSwapped the keyword Jaccard when each text names something the other lacks ({@code
 *     namesOnlyEach} above 0), else 0: high for two lessons of one template that differ in the name
 *     in one slot ("... repository support for MongoDB" / "... for Elasticsearch")
 */
public record LessonPairFeatures(
    double similarity,
    double jaccard,
    double containment,
    double balance,
    double namesOnlyEach,
    double namesOnlyOne,
    double namesShared,
    double numbersDiffer,
    double negationDiffers,
    double trigrams,
    double logLength,
    double namesSwapped) {

  /** The names of {@link #values()}, in order. */
  public static final List<String> NAMES =
      List.of(
          "similarity",
          "jaccard",
          "containment",
          "balance",
          "namesOnlyEach",
          "namesOnlyOne",
          "namesShared",
          "numbersDiffer",
          "negationDiffers",
          "trigrams",
          "logLength",
          "namesSwapped");

  /**
   * The measures of two texts.
   *
   * @param a one text
   * @param aVector its unit vector
   * @param b the other text
   * @param bVector its unit vector
   * @return the measures
   */
  public static LessonPairFeatures of(String a, float[] aVector, String b, float[] bVector) {
    Set<String> wordsA = LessonMatcher.words(a);
    Set<String> wordsB = LessonMatcher.words(b);
    int[] onlyNames = LessonNames.counts(a, b);
    int shared = onlyNames[2];
    double jaccard = LessonMatcher.overlap(wordsA, wordsB);
    return new LessonPairFeatures(
        LessonMatcher.dot(aVector, bVector),
        jaccard,
        LessonMatcher.containment(wordsA, wordsB),
        LessonMatcher.balance(wordsA, wordsB),
        Math.log1p(Math.min(onlyNames[0], onlyNames[1])),
        Math.log1p(Math.max(onlyNames[0], onlyNames[1])),
        Math.log1p(shared),
        numbersDiffer(a, b) ? 1 : 0,
        LessonMatcher.negated(a) != LessonMatcher.negated(b) ? 1 : 0,
        jaccard(trigrams(a), trigrams(b)),
        Math.log1p((wordsA.size() + wordsB.size()) / 2.0),
        Math.min(onlyNames[0], onlyNames[1]) > 0 ? jaccard : 0);
  }

  /** The measures in the order of {@link #NAMES}. */
  public double[] values() {
    return new double[] {
      similarity,
      jaccard,
      containment,
      balance,
      namesOnlyEach,
      namesOnlyOne,
      namesShared,
      numbersDiffer,
      negationDiffers,
      trigrams,
      logLength,
      namesSwapped
    };
  }

  private static boolean numbersDiffer(String a, String b) {
    Set<String> na = numbers(a);
    Set<String> nb = numbers(b);
    return !nb.containsAll(na) && !na.containsAll(nb);
  }

  /** The numbers of a text: runs of digits with the dots between them ({@code 3}, {@code 8.5}). */
  private static Set<String> numbers(String text) {
    Set<String> out = new HashSet<>();
    java.util.regex.Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("\\d+(?:\\.\\d+)*");

  private static Set<Long> trigrams(String text) {
    String t = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    Set<Long> out = new HashSet<>();
    for (int i = 0; i + 3 <= t.length(); i++) {
      out.add(((long) t.charAt(i) << 32) | ((long) t.charAt(i + 1) << 16) | t.charAt(i + 2));
    }
    return out;
  }

  private static double jaccard(Set<Long> a, Set<Long> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    int common = 0;
    for (Long g : a) {
      if (b.contains(g)) {
        common++;
      }
    }
    return (double) common / (a.size() + b.size() - common);
  }
}
