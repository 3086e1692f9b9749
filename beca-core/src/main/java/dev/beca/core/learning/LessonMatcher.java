package dev.beca.core.learning;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a new lesson repeats a stored one (merge), contradicts it (supersede) or is a
 * lesson of its own, from the cosine similarity of their embeddings and the overlap of their
 * content words.
 *
 * <ul>
 *   <li><b>Duplicate</b>, by default ({@link MergeRule#LEARNED}): the probability that the two are
 *       one lesson, from a logistic regression over cheap measures of the pair ({@link
 *       LessonPairFeatures}: similarity, keyword Jaccard and overlap coefficient, length balance,
 *       names only one text holds, shared names; the refit also the Jaccard again when each text
 *       names something the other lacks, which marks two lessons of one template), is at least
 *       {@link Builder#mergeProbability}. The weights were fitted on the tuning halves of the
 *       labelled sets (see {@link MergeRule#LEARNED}; {@link MergeRule#LEARNED_AUDITED} is a refit
 *       on audited labels, not the default). The rule before, {@link MergeRule#SCORE}:
 *   <li><b>Duplicate</b> ({@link MergeRule#SCORE}): cosine similarity + {@link
 *       Builder#overlapWeight} &times; keyword overlap (Jaccard of the content words) is at least
 *       {@link Builder#duplicateScore}. Without an embedding model: keyword overlap at least {@link
 *       Builder#keywordOnlyOverlap}. When each text names something specific that the other never
 *       mentions (an identifier such as {@code management.server.port} or {@code
 *       MongoMetricsCommandListener}, a version, a capitalised name such as Jetty or Graphite),
 *       they are two lessons of one template ("Metrics are exported to Ganglia ..." / "... to
 *       Graphite ...") and merge only from {@link Builder#namedScore}; a renamed or versioned name
 *       ({@code management.port} / {@code management.server.port}) is not something different
 *       ({@link Builder#nameVariants}). Nor do two lessons merge when one has less than {@link
 *       Builder#lengthBalance} of the other's content words.
 *   <li><b>Contradiction</b>: the two are about the same subject (similarity at least {@link
 *       Builder#subjectSimilarity}, or half the keyword-only overlap without a model), nearly every
 *       content word of the shorter one is in the other (overlap coefficient at least {@link
 *       Builder#contradictionOverlap}: a contradiction says the same thing the other way round,
 *       while a paraphrase that happens to hold a "not" uses other words), and one recommends
 *       against what the other recommends: exactly one of them holds a negation ({@code never},
 *       {@code don't}, {@code avoid}, {@code not} ...), or they prefer the same two things the
 *       other way round ({@code prefer A over B} against {@code prefer B over A}).
 * </ul>
 *
 * <p>The default thresholds were chosen with the quantised all-MiniLM-L6-v2 model on the tuning
 * half of two labelled sets: hand-written coding lessons and paragraphs of Spring Boot's
 * documentation (docs/learning.md has both halves' figures and the command).
 *
 * <pre>{@code
 * LessonMatcher matcher = LessonMatcher.builder().embeddingModel(model).build();
 * LessonComparison c = matcher.compare("Always close JDBC connections", "Close every JDBC connection");
 * }</pre>
 */
public final class LessonMatcher {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+(?:'[a-z]+)?");
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "does", "for", "from",
          "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "so",
          "that", "the", "this", "to", "was", "we", "what", "when", "which", "with", "you", "your",
          "should", "always", "use", "using", "used", "can", "will", "than", "then", "there",
          "their", "they", "them", "those", "these", "all", "any", "each", "every", "one", "before",
          "after", "instead", "rather", "over", "prefer", "better", "must", "make", "sure");
  private static final Set<String> NEGATIONS =
      Set.of(
          "not",
          "never",
          "no",
          "don't",
          "doesn't",
          "shouldn't",
          "mustn't",
          "can't",
          "cannot",
          "avoid",
          "avoids",
          "avoiding",
          "without",
          "stop",
          "isn't",
          "aren't",
          "won't",
          "nothing",
          "neither",
          "nor");
  private static final Pattern PREFERENCE =
      Pattern.compile(
          "(?:prefer|use|choose|pick)\\s+(.{2,60}?)\\s+(?:over|instead of|rather than)\\s+(.{2,80}?)(?:[.,;]|$)");

  private final EmbeddingModel model;
  private final double duplicateScore;
  private final double overlapWeight;
  private final double subjectSimilarity;
  private final double contradictionOverlap;
  private final double keywordOnlyOverlap;
  private final double namedScore;
  private final boolean nameVariants;
  private final double lengthBalance;
  private final MergeRule mergeRule;
  private final double mergeProbability;
  // As given to the builder (NaN: the rule's own threshold), for toBuilder.
  private final double mergeProbabilitySetting;
  private final Weights weights;

  /** How the merge decision is taken when there is an embedding model. */
  public enum MergeRule {
    /**
     * A logistic regression over {@link LessonPairFeatures}: similarity, jaccard, containment,
     * balance, namesOnlyEach, namesOnlyOne and namesShared (the other measures weigh 0), merging
     * from a probability of 0.47. Fitted by {@code LessonMatcherFit} (beca-memory test sources,
     * with {@code -Dfit.labels=original}) on the tuning halves of the Spring Boot and hand-written
     * sets of {@code LessonDedupBenchmark} only: the feature set, the L2 penalty (10, on
     * standardised measures) and the threshold chosen by 5-fold cross-validation inside them, each
     * set weighing the same; weights rounded to 4 decimals.
     */
    LEARNED,
    /**
     * The same regression plus namesSwapped, fitted the same way on the <b>audited</b> labels of
     * the Spring Boot pairs ({@code learning/dedup-audit.tsv}), merging from 0.41. Not the default:
     * on the held-out halves it merges fewer templates (fresh set precision 0.346 to 0.409) but
     * loses Spring Boot paraphrases and holds the hand-written set to precision 0.885 only
     * (docs/learning.md).
     */
    LEARNED_AUDITED,
    /**
     * Similarity + weighted keyword overlap against {@link Builder#duplicateScore}, with the names
     * rule ({@link Builder#namedScore}) and the length balance: the rule of before the learned one.
     */
    SCORE
  }

  /** The fitted weights of a learned rule and the probability it merges from. */
  private record Weights(
      double bias,
      double similarity,
      double jaccard,
      double containment,
      double balance,
      double namesOnlyEach,
      double namesOnlyOne,
      double namesShared,
      double namesSwapped,
      double threshold) {}

  // LessonMatcherFit's output (docs/learning.md has the runs): bias, then the weights of
  // similarity, jaccard, containment, balance, namesOnlyEach, namesOnlyOne, namesShared and
  // namesSwapped, then the chosen threshold. The names terms weigh against a merge except the
  // shared names (learnedDuplicate relies on it).
  private static final Weights AUDITED_FIT =
      new Weights(-4.1393, 4.1984, 1.3812, 2.1604, 1.1588, -0.6200, -1.6250, 0.0505, -2.5223, 0.41);
  private static final Weights FIRST_FIT =
      new Weights(-3.6657, 4.1575, 1.2656, 2.0063, 0.6859, -0.9134, -1.4911, 0.1066, 0, 0.47);

  private LessonMatcher(Builder builder) {
    this.model = builder.model;
    this.duplicateScore = builder.duplicateScore;
    this.overlapWeight = builder.overlapWeight;
    this.subjectSimilarity = builder.subjectSimilarity;
    this.contradictionOverlap = builder.contradictionOverlap;
    this.keywordOnlyOverlap = builder.keywordOnlyOverlap;
    this.namedScore = builder.namedScore;
    this.nameVariants = builder.nameVariants;
    this.lengthBalance = builder.lengthBalance;
    this.mergeRule = builder.mergeRule;
    this.weights = builder.mergeRule == MergeRule.LEARNED_AUDITED ? AUDITED_FIT : FIRST_FIT;
    this.mergeProbabilitySetting = builder.mergeProbability;
    this.mergeProbability =
        Double.isNaN(builder.mergeProbability) ? weights.threshold() : builder.mergeProbability;
  }

  /** A builder with the measured default thresholds and no embedding model. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this matcher's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.duplicateScore = duplicateScore;
    b.overlapWeight = overlapWeight;
    b.subjectSimilarity = subjectSimilarity;
    b.contradictionOverlap = contradictionOverlap;
    b.keywordOnlyOverlap = keywordOnlyOverlap;
    b.namedScore = namedScore;
    b.nameVariants = nameVariants;
    b.lengthBalance = lengthBalance;
    b.mergeRule = mergeRule;
    b.mergeProbability = mergeProbabilitySetting;
    return b;
  }

  /** A matcher that compares keywords only (for stores without embeddings). */
  public static LessonMatcher keywordsOnly() {
    return builder().build();
  }

  /** The embedding model, when there is one. */
  public Optional<EmbeddingModel> embeddingModel() {
    return Optional.ofNullable(model);
  }

  /**
   * The text's embedding scaled to length 1, or {@code null} without an embedding model.
   *
   * @param text the text
   * @return the unit vector or null
   */
  public float[] embed(String text) {
    if (model == null) {
      return null;
    }
    return normalized(model.embed(text).content().vector());
  }

  /**
   * Compares two texts, embedding both when there is a model.
   *
   * @param candidate the new lesson's text
   * @param stored the stored lesson's text
   * @return the decision with its measures
   */
  public LessonComparison compare(String candidate, String stored) {
    return compare(candidate, embed(candidate), stored, embed(stored));
  }

  /**
   * Compares two texts whose embeddings were computed already (by {@link #embed}).
   *
   * @param candidate the new lesson's text
   * @param candidateVector its unit vector, or null
   * @param stored the stored lesson's text
   * @param storedVector its unit vector, or null
   * @return the decision with its measures
   */
  public LessonComparison compare(
      String candidate, float[] candidateVector, String stored, float[] storedVector) {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(stored, "stored");
    Set<String> a = words(candidate);
    Set<String> b = words(stored);
    double overlap = overlap(a, b);
    boolean vectors = candidateVector != null && storedVector != null;
    double similarity = vectors ? dot(candidateVector, storedVector) : Double.NaN;
    boolean sameSubject;
    boolean duplicate;
    if (vectors && mergeRule != MergeRule.SCORE) {
      sameSubject = similarity >= subjectSimilarity;
      duplicate = learnedDuplicate(candidate, a, stored, b, similarity);
    } else if (vectors) {
      sameSubject = similarity >= subjectSimilarity;
      double score = similarity + overlapWeight * overlap;
      duplicate =
          score >= duplicateScore
              && balance(a, b) >= lengthBalance
              && (score >= namedScore || !namesDiffer(candidate, stored));
    } else {
      sameSubject = overlap >= keywordOnlyOverlap / 2;
      duplicate = overlap >= keywordOnlyOverlap;
    }
    if (sameSubject && containment(a, b) >= contradictionOverlap && opposite(candidate, stored)) {
      return new LessonComparison(LessonRelation.CONTRADICTION, similarity, overlap);
    }
    return new LessonComparison(
        duplicate ? LessonRelation.DUPLICATE : LessonRelation.DISTINCT, similarity, overlap);
  }

  /**
   * The probability, by this matcher's learned rule ({@link MergeRule#LEARNED}, or {@link
   * MergeRule#LEARNED_AUDITED} when that is the rule), that two texts are one lesson; whatever rule
   * this matcher decides by.
   *
   * @param candidate the new lesson's text
   * @param candidateVector its unit vector
   * @param stored the stored lesson's text
   * @param storedVector its unit vector
   * @return the probability, 0 to 1
   */
  public double mergeProbability(
      String candidate, float[] candidateVector, String stored, float[] storedVector) {
    Objects.requireNonNull(candidateVector, "candidateVector");
    Objects.requireNonNull(storedVector, "storedVector");
    Set<String> a = words(candidate);
    Set<String> b = words(stored);
    double jaccard = overlap(a, b);
    return sigmoid(
        wordsLogit(a, b, jaccard, dot(candidateVector, storedVector))
            + namesLogit(candidate, stored, jaccard));
  }

  /**
   * Whether the learned probability reaches {@link #mergeProbability}. The names (the costly part)
   * are only looked at when they could lift the pair over it: the names-only and swapped terms
   * weigh against a merge, and the shared names are at most as many as the tokens of the two texts.
   */
  private boolean learnedDuplicate(
      String candidate, Set<String> a, String stored, Set<String> b, double similarity) {
    double jaccard = overlap(a, b);
    double words = wordsLogit(a, b, jaccard, similarity);
    int mostShared = tokens(candidate) + tokens(stored);
    if (sigmoid(words + weights.namesShared() * Math.log1p(mostShared)) < mergeProbability) {
      return false;
    }
    return sigmoid(words + namesLogit(candidate, stored, jaccard)) >= mergeProbability;
  }

  private double wordsLogit(Set<String> a, Set<String> b, double jaccard, double similarity) {
    return weights.bias()
        + weights.similarity() * similarity
        + weights.jaccard() * jaccard
        + weights.containment() * containment(a, b)
        + weights.balance() * balance(a, b);
  }

  private double namesLogit(String candidate, String stored, double jaccard) {
    int[] counts = LessonNames.counts(candidate, stored);
    int onlyEach = Math.min(counts[0], counts[1]);
    return weights.namesOnlyEach() * Math.log1p(onlyEach)
        + weights.namesOnlyOne() * Math.log1p(Math.max(counts[0], counts[1]))
        + weights.namesShared() * Math.log1p(counts[2])
        + weights.namesSwapped() * (onlyEach > 0 ? jaccard : 0);
  }

  /** The number of runs of non-space characters (a bound on the names a text holds). */
  private static int tokens(String text) {
    int count = 0;
    boolean inToken = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inToken) {
        count++;
      }
      inToken = !space;
    }
    return count;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** A stored lesson as a candidate for {@link #best}. */
  public record Candidate(long id, String text, float[] vector) {}

  /** The stored lesson a new one relates to, and how. */
  public record Match(long id, LessonComparison comparison) {}

  /**
   * The candidate a new lesson repeats or contradicts: of those that are not {@link
   * LessonRelation#DISTINCT}, the most similar (by embedding, else by keywords); empty when all are
   * distinct.
   *
   * @param text the new lesson's text
   * @param vector its unit vector, or null
   * @param candidates stored lessons to compare with
   * @return the match, if any
   */
  public Optional<Match> best(String text, float[] vector, List<Candidate> candidates) {
    Match best = null;
    for (Candidate c : candidates) {
      LessonComparison comparison = compare(text, vector, c.text(), c.vector());
      if (comparison.relation() == LessonRelation.DISTINCT) {
        continue;
      }
      if (best == null || closeness(comparison) > closeness(best.comparison())) {
        best = new Match(c.id(), comparison);
      }
    }
    return Optional.ofNullable(best);
  }

  private boolean namesDiffer(String candidate, String stored) {
    return nameVariants
        ? LessonNames.substituted(candidate, stored)
        : LessonNames.differ(candidate, stored);
  }

  /** The number of content words of the shorter text over that of the longer one (1 if equal). */
  static double balance(Set<String> a, Set<String> b) {
    int longer = Math.max(a.size(), b.size());
    return longer == 0 ? 1 : (double) Math.min(a.size(), b.size()) / longer;
  }

  private static double closeness(LessonComparison c) {
    return Double.isNaN(c.similarity()) ? c.keywordOverlap() : c.similarity();
  }

  /**
   * The content words of a text: lower case, without stop words and negations, plural and
   * participle endings taken off, so that "tests" and "test" count as one.
   */
  static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
    while (m.find()) {
      String word = m.group();
      if (!STOP_WORDS.contains(word) && !NEGATIONS.contains(word)) {
        words.add(stem(word));
      }
    }
    return words;
  }

  private static String stem(String word) {
    if (word.length() > 5 && word.endsWith("ing")) {
      return word.substring(0, word.length() - 3);
    }
    if (word.length() > 4 && word.endsWith("ed")) {
      return word.substring(0, word.length() - 2);
    }
    if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }

  static double overlap(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    int common = 0;
    for (String w : a) {
      if (b.contains(w)) {
        common++;
      }
    }
    return (double) common / (a.size() + b.size() - common);
  }

  /** The share of the smaller word set that is in the other (the overlap coefficient). */
  static double containment(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (String w : a) {
      if (b.contains(w)) {
        common++;
      }
    }
    return (double) common / Math.min(a.size(), b.size());
  }

  /** Whether one text recommends against what the other recommends. */
  static boolean opposite(String a, String b) {
    if (negated(a) != negated(b)) {
      return true;
    }
    Optional<String[]> pa = preference(a);
    Optional<String[]> pb = preference(b);
    if (pa.isPresent() && pb.isPresent()) {
      Set<String> aFirst = words(pa.get()[0]);
      Set<String> aSecond = words(pa.get()[1]);
      Set<String> bFirst = words(pb.get()[0]);
      Set<String> bSecond = words(pb.get()[1]);
      return containment(aFirst, bSecond) >= 0.5
          && containment(aSecond, bFirst) >= 0.5
          && containment(aFirst, bFirst) < 0.5;
    }
    if (pa.isPresent() != pb.isPresent()) {
      // "Use Y" against "use X instead of Y": the other recommends what this one prefers against.
      String[] preferred = pa.orElseGet(pb::get);
      Set<String> other = words(pa.isPresent() ? b : a);
      Set<String> chosen = words(preferred[0]);
      Set<String> rejected = words(preferred[1]);
      Set<String> chosenOnly = new HashSet<>(chosen);
      chosenOnly.removeAll(rejected);
      Set<String> rejectedOnly = new HashSet<>(rejected);
      rejectedOnly.removeAll(chosen);
      return !chosenOnly.isEmpty()
          && !rejectedOnly.isEmpty()
          && other.containsAll(rejectedOnly)
          && chosenOnly.stream().noneMatch(other::contains);
    }
    return false;
  }

  static boolean negated(String text) {
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
    while (m.find()) {
      if (NEGATIONS.contains(m.group())) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String[]> preference(String text) {
    Matcher m = PREFERENCE.matcher(text.toLowerCase(Locale.ROOT));
    return m.find() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
  }

  private static float[] normalized(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += v * v;
    }
    if (sum == 0) {
      return vector.clone();
    }
    float scale = (float) (1 / Math.sqrt(sum));
    float[] out = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      out[i] = vector[i] * scale;
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Configures a {@link LessonMatcher}; each setter names its range and default. */
  public static final class Builder {
    private EmbeddingModel model;
    // Chosen on the tuning half of LessonDedupBenchmark's two sets (Spring Boot's documentation
    // and learning/dedup-pairs.tsv, split by the SHA-256 of each pair) together with
    // lengthBalance, nameVariants and namedScore; docs/learning.md has both halves' figures. It
    // was 0.72 (chosen on the hand-written pairs alone).
    private double duplicateScore = 0.78;
    private double overlapWeight = 0.5;
    // Every labelled contradiction has similarity >= 0.61; no paraphrase with a negation on one
    // side
    // only has an overlap coefficient above 0.75, every negated contradiction but two has 1.0.
    private double subjectSimilarity = 0.6;
    private double contradictionOverlap = 0.8;
    private double keywordOnlyOverlap = 0.6;
    // Templated paragraphs naming different things score up to 1.36; since renamed and versioned
    // names no longer count as different things (nameVariants), few paraphrases need a way
    // through. Chosen with duplicateScore (it was 0.95).
    private double namedScore = 1.0;
    private boolean nameVariants = true;
    private double lengthBalance = 0.5;
    private MergeRule mergeRule = MergeRule.LEARNED;
    // NaN: the threshold chosen with the rule's weights by cross-validation (0.47 for LEARNED).
    private double mergeProbability = Double.NaN;

    private Builder() {}

    /**
     * How duplicates are decided when there is an embedding model; {@link MergeRule#LEARNED}.
     * {@link MergeRule#SCORE} is the rule before (with {@link #duplicateScore}, {@link
     * #namedScore}, {@link #nameVariants} and {@link #lengthBalance}, which the learned rule
     * ignores).
     */
    public Builder mergeRule(MergeRule value) {
      this.mergeRule = Objects.requireNonNull(value, "mergeRule");
      return this;
    }

    /**
     * The least probability of the learned rule from which two lessons merge, 0 to 1; by default
     * the threshold chosen with the rule's weights (0.47 for {@link MergeRule#LEARNED}, 0.41 for
     * {@link MergeRule#LEARNED_AUDITED}).
     */
    public Builder mergeProbability(double value) {
      this.mergeProbability = check("mergeProbability", value, 0, 1);
      return this;
    }

    /** The model that embeds lesson texts; none by default (keywords only). */
    public Builder embeddingModel(EmbeddingModel model) {
      this.model = model;
      return this;
    }

    /** Similarity + weighted keyword overlap from which two lessons are duplicates; 0.78. */
    public Builder duplicateScore(double value) {
      this.duplicateScore = check("duplicateScore", value, -1, 2);
      return this;
    }

    /** The weight of the keyword overlap in the duplicate score; 0.5. */
    public Builder overlapWeight(double value) {
      this.overlapWeight = check("overlapWeight", value, 0, 1);
      return this;
    }

    /** Cosine similarity from which two lessons are about the same subject; 0.6. */
    public Builder subjectSimilarity(double value) {
      this.subjectSimilarity = check("subjectSimilarity", value, -1, 1);
      return this;
    }

    /** Overlap coefficient of the content words from which opposite advice contradicts; 0.8. */
    public Builder contradictionOverlap(double value) {
      this.contradictionOverlap = check("contradictionOverlap", value, 0, 1);
      return this;
    }

    /**
     * The duplicate score from which two lessons merge although each names something specific the
     * other never mentions (see the class description); 1.0. Above 2 the names never block a merge
     * (the rule before issue 15's dedup work).
     */
    public Builder namedScore(double value) {
      this.namedScore = check("namedScore", value, -1, 3);
      return this;
    }

    /**
     * Whether a renamed or versioned name ({@code management.port} / {@code
     * management.server.port}, {@code Jackson2} / {@code Jackson 3}) and a joined name whose parts
     * the other text mentions ({@code addBatch/executeBatch} beside {@code addBatch}) count as
     * mentioned by the other text for the names rule; true. False is the rule before (kept for the
     * same-run comparison of LessonDedupBenchmark).
     */
    public Builder nameVariants(boolean value) {
      this.nameVariants = value;
      return this;
    }

    /**
     * The least share the shorter lesson's content words may make of the longer one's for the two
     * to merge; 0.5. A lesson that says twice as much as another holds something the other lacks,
     * and a merge would keep only one of the texts. 0 leaves it out.
     */
    public Builder lengthBalance(double value) {
      this.lengthBalance = check("lengthBalance", value, 0, 1);
      return this;
    }

    /** Keyword overlap from which lessons are duplicates when there is no embedding model. */
    public Builder keywordOnlyOverlap(double value) {
      this.keywordOnlyOverlap = check("keywordOnlyOverlap", value, 0, 1);
      return this;
    }

    private static double check(String field, double value, double min, double max) {
      if (Double.isNaN(value) || value < min || value > max) {
        throw new IllegalArgumentException(
            field + " must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    }

    /** The matcher. */
    public LessonMatcher build() {
      return new LessonMatcher(this);
    }
  }
}
