package dev.beca.memory.bench;

import dev.beca.core.learning.LessonMatcher;
import dev.beca.core.learning.LessonPairFeatures;
import dev.beca.memory.internal.LazyMiniLmEmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Fits the learned merge decision of {@link LessonMatcher} (a logistic regression over {@link
 * LessonPairFeatures}) on the <b>tuning halves</b> of {@link LessonDedupBenchmark}'s Spring Boot
 * and hand-written sets only (the fresh set and every held-out half are never read), and prints the
 * weights to paste into {@code LessonMatcher}. Not part of {@code verify}; deterministic. The
 * Spring Boot pairs carry their audited labels ({@code learning/dedup-audit.tsv}: the fit of {@code
 * MergeRule.LEARNED_AUDITED}); {@code -Dfit.labels=original} keeps the original ones ({@code
 * MergeRule.LEARNED} was fitted so, with the first seven candidates of {@link #CANDIDATES}); {@code
 * -Dfit.errors=true} prints the tuning pairs the chosen model gets wrong.
 *
 * <p>The feature set, the L2 penalty and the probability threshold are chosen by 5-fold
 * cross-validation inside the tuning pairs (folds stratified by set and label, 4 repetitions with
 * seeds 1-4): for each candidate, the out-of-fold probabilities give, at each threshold, the
 * smallest of the four figures (precision and recall on each set); the candidate and threshold with
 * the best mean of that smallest figure win (ties: fewer features, then the larger penalty). Each
 * set weighs the same in the fit (a pair of the smaller set counts more).
 *
 * <pre>
 * java -cp ... dev.beca.memory.bench.LessonMatcherFit SPRING_BOOT_CHECKOUT OLD_HOWTO_DIR
 * </pre>
 */
public final class LessonMatcherFit {

  private LessonMatcherFit() {}

  /** A tuning pair as numbers: features, label, set index and weight. */
  record Row(double[] x, boolean same, int set, double weight, String a, String b) {}

  /** A fitted model in the raw feature space: probability = 1 / (1 + exp(-(bias + w.x))). */
  record Model(double bias, double[] weights) {
    double probability(double[] x) {
      double z = bias;
      for (int i = 0; i < weights.length; i++) {
        z += weights[i] * x[i];
      }
      return 1 / (1 + Math.exp(-z));
    }
  }

  static final List<String> SETS = List.of("Spring Boot pairs", "hand-written pairs");

  /** Candidate feature sets, by index into {@link LessonPairFeatures#NAMES}. */
  static final Map<String, int[]> CANDIDATES = new java.util.LinkedHashMap<>();

  static {
    CANDIDATES.put("similarity+jaccard", new int[] {0, 1});
    CANDIDATES.put("+containment+balance", new int[] {0, 1, 2, 3});
    CANDIDATES.put("+names", new int[] {0, 1, 2, 3, 4, 5, 6});
    CANDIDATES.put("+numbers+negation", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8});
    CANDIDATES.put("+trigrams", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    CANDIDATES.put("+logLength", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    CANDIDATES.put("names+trigrams+length", new int[] {0, 1, 2, 3, 4, 5, 6, 9, 10});
    CANDIDATES.put("+names+swapped", new int[] {0, 1, 2, 3, 4, 5, 6, 11});
    CANDIDATES.put("+names+swapped+trigrams", new int[] {0, 1, 2, 3, 4, 5, 6, 9, 11});
    CANDIDATES.put("+names+swapped+numbers+negation", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 11});
  }

  /** How far below the best cross-validated figure a simpler candidate may be. */
  static final double SLACK = 0.01;

  static final double[] PENALTIES = {0.001, 0.01, 0.1, 0.3, 1, 3, 10};

  /** Runs the fit; see the class description. */
  public static void main(String[] args) throws Exception {
    LessonMatcher embedder =
        LessonMatcher.builder().embeddingModel(new LazyMiniLmEmbeddingModel()).build();
    Map<String, List<LessonDedupBenchmark.Pair>> sets = LessonDedupBenchmark.sets(args, embedder);
    if (!"original".equals(System.getProperty("fit.labels"))) {
      sets = LessonDedupBenchmark.audited(sets);
    }
    List<Row> rows = new ArrayList<>();
    Map<String, float[]> vectors = new HashMap<>();
    for (int s = 0; s < SETS.size(); s++) {
      List<LessonDedupBenchmark.Pair> tuning =
          sets.get(SETS.get(s)).stream().filter(LessonDedupBenchmark.Pair::tuning).toList();
      double weight = 1.0 / tuning.size();
      for (LessonDedupBenchmark.Pair p : tuning) {
        float[] va = vectors.computeIfAbsent(p.a(), embedder::embed);
        float[] vb = vectors.computeIfAbsent(p.b(), embedder::embed);
        rows.add(
            new Row(
                LessonPairFeatures.of(p.a(), va, p.b(), vb).values(),
                p.same(),
                s,
                weight,
                p.a(),
                p.b()));
      }
      System.out.printf(Locale.ROOT, "%s, tuning half: %d pairs%n", SETS.get(s), tuning.size());
    }
    List<Object[]> results = new ArrayList<>();
    for (Map.Entry<String, int[]> candidate : CANDIDATES.entrySet()) {
      for (double penalty : PENALTIES) {
        double[] curve = crossValidated(rows, candidate.getValue(), penalty);
        int t = argmax(curve);
        System.out.printf(
            Locale.ROOT,
            "  %-24s penalty %-6s threshold %.2f: smallest of the four figures %.3f%n",
            candidate.getKey(),
            penalty,
            threshold(t),
            curve[t]);
        results.add(new Object[] {candidate.getKey(), penalty, threshold(t), curve[t]});
      }
    }
    double top = results.stream().mapToDouble(r -> (double) r[3]).max().orElseThrow();
    // Within SLACK of the best: the fewest features, then the largest penalty (the simplest model
    // the cross-validation cannot tell apart from the best).
    Object[] chosen =
        results.stream()
            .filter(r -> (double) r[3] >= top - SLACK)
            .min(
                java.util.Comparator.<Object[]>comparingInt(
                        r -> CANDIDATES.get((String) r[0]).length)
                    .thenComparing(r -> -(double) r[1]))
            .orElseThrow();
    String bestName = (String) chosen[0];
    double bestPenalty = (double) chosen[1];
    double bestThreshold = (double) chosen[2];
    double bestScore = (double) chosen[3];
    int[] features = CANDIDATES.get(bestName);
    Model model = fit(select(rows, features), labels(rows), weightsOf(rows), bestPenalty);
    System.out.printf(
        Locale.ROOT,
        "Chosen: %s, penalty %s, threshold %.2f (cross-validated smallest figure %.3f)%n",
        bestName,
        bestPenalty,
        bestThreshold,
        bestScore);
    double[] all = new double[LessonPairFeatures.NAMES.size()];
    for (int i = 0; i < features.length; i++) {
      all[features[i]] = model.weights()[i];
    }
    System.out.printf(Locale.ROOT, "  bias %.4f%n", model.bias());
    for (int i = 0; i < all.length; i++) {
      System.out.printf(Locale.ROOT, "  %-16s %.4f%n", LessonPairFeatures.NAMES.get(i), all[i]);
    }
    double[] tuningFigures = figures(rows, predict(model, select(rows, features)), bestThreshold);
    System.out.printf(
        Locale.ROOT,
        "  on the tuning pairs it was fitted on: Spring Boot P %.3f R %.3f, hand-written P %.3f R"
            + " %.3f%n",
        tuningFigures[0],
        tuningFigures[1],
        tuningFigures[2],
        tuningFigures[3]);
    if (Boolean.getBoolean("fit.errors")) {
      double[] probability = predict(model, select(rows, features));
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        if ((probability[i] >= bestThreshold) != r.same()) {
          System.out.printf(
              Locale.ROOT,
              "  wrong (%s, p %.2f) %s%n    A: %s%n    B: %s%n",
              r.same() ? "paraphrase" : "distinct",
              probability[i],
              Arrays.toString(Arrays.stream(r.x()).map(v -> Math.round(v * 100) / 100.0).toArray()),
              r.a(),
              r.b());
        }
      }
    }
  }

  static boolean[] labels(List<Row> rows) {
    boolean[] y = new boolean[rows.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = rows.get(i).same();
    }
    return y;
  }

  static double threshold(int index) {
    return 0.05 + 0.01 * index;
  }

  private static int argmax(double[] curve) {
    int best = 0;
    for (int i = 1; i < curve.length; i++) {
      if (curve[i] > curve[best] + 1e-12) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The mean over repetitions of the smallest of the four out-of-fold figures at each threshold
   * 0.05, 0.06 ... 0.95.
   */
  static double[] crossValidated(List<Row> rows, int[] features, double penalty) {
    int repetitions = 4;
    int folds = 5;
    double[] curve = new double[91];
    double[][] x = select(rows, features);
    double[] w = weightsOf(rows);
    for (int seed = 1; seed <= repetitions; seed++) {
      int[] fold = folds(rows, folds, seed);
      double[] outOfFold = new double[rows.size()];
      for (int f = 0; f < folds; f++) {
        List<Integer> train = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
          if (fold[i] != f) {
            train.add(i);
          }
        }
        double[][] tx = new double[train.size()][];
        double[] tw = new double[train.size()];
        boolean[] ty = new boolean[train.size()];
        for (int k = 0; k < train.size(); k++) {
          tx[k] = x[train.get(k)];
          tw[k] = w[train.get(k)];
          ty[k] = rows.get(train.get(k)).same();
        }
        Model m = fit(tx, ty, tw, penalty);
        for (int i = 0; i < rows.size(); i++) {
          if (fold[i] == f) {
            outOfFold[i] = m.probability(x[i]);
          }
        }
      }
      for (int t = 0; t < curve.length; t++) {
        double[] fig = figures(rows, outOfFold, threshold(t));
        curve[t] += Arrays.stream(fig).min().orElse(0) / repetitions;
      }
    }
    return curve;
  }

  /** Fold of each row, stratified by set and label, shuffled with the seed. */
  private static int[] folds(List<Row> rows, int folds, long seed) {
    int[] out = new int[rows.size()];
    Random random = new Random(seed);
    Map<String, List<Integer>> strata = new java.util.TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      strata
          .computeIfAbsent(rows.get(i).set() + ":" + rows.get(i).same(), k -> new ArrayList<>())
          .add(i);
    }
    int next = 0;
    for (List<Integer> stratum : strata.values()) {
      java.util.Collections.shuffle(stratum, random);
      for (int i : stratum) {
        out[i] = next++ % folds;
      }
    }
    return out;
  }

  /** Precision and recall of each set at the threshold: SB P, SB R, hand P, hand R. */
  static double[] figures(List<Row> rows, double[] probability, double threshold) {
    double[] out = new double[2 * SETS.size()];
    for (int s = 0; s < SETS.size(); s++) {
      int tp = 0;
      int fp = 0;
      int positives = 0;
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        if (r.set() != s) {
          continue;
        }
        boolean merged = probability[i] >= threshold;
        positives += r.same() ? 1 : 0;
        tp += merged && r.same() ? 1 : 0;
        fp += merged && !r.same() ? 1 : 0;
      }
      out[2 * s] = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
      out[2 * s + 1] = positives == 0 ? 0 : tp / (double) positives;
    }
    return out;
  }

  private static double[] predict(Model m, double[][] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = m.probability(x[i]);
    }
    return out;
  }

  static double[][] select(List<Row> rows, int[] features) {
    double[][] out = new double[rows.size()][features.length];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < features.length; j++) {
        out[i][j] = rows.get(i).x()[features[j]];
      }
    }
    return out;
  }

  static double[] weightsOf(List<Row> rows) {
    return rows.stream().mapToDouble(Row::weight).toArray();
  }

  /**
   * Weighted L2-penalised logistic regression by Newton's method on standardised features (the bias
   * is not penalised; weights are normalised to sum to the number of rows), returned in the raw
   * feature space.
   */
  static Model fit(double[][] x, boolean[] y, double[] sampleWeight, double penalty) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    double[] sd = new double[d];
    double total = Arrays.stream(sampleWeight).sum();
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        mean[j] += sampleWeight[i] * x[i][j] / total;
      }
      for (int i = 0; i < n; i++) {
        sd[j] += sampleWeight[i] * Math.pow(x[i][j] - mean[j], 2) / total;
      }
      sd[j] = Math.sqrt(sd[j]);
      if (sd[j] < 1e-9) {
        sd[j] = 1;
      }
    }
    double[][] z = new double[n][d + 1];
    double[] sw = new double[n];
    for (int i = 0; i < n; i++) {
      z[i][0] = 1;
      for (int j = 0; j < d; j++) {
        z[i][j + 1] = (x[i][j] - mean[j]) / sd[j];
      }
      sw[i] = sampleWeight[i] * n / total;
    }
    double[] beta = new double[d + 1];
    for (int iteration = 0; iteration < 100; iteration++) {
      double[] gradient = new double[d + 1];
      double[][] hessian = new double[d + 1][d + 1];
      for (int i = 0; i < n; i++) {
        double eta = 0;
        for (int j = 0; j <= d; j++) {
          eta += beta[j] * z[i][j];
        }
        double p = 1 / (1 + Math.exp(-eta));
        double r = (y[i] ? 1 : 0) - p;
        double h = p * (1 - p);
        for (int j = 0; j <= d; j++) {
          gradient[j] += sw[i] * r * z[i][j];
          for (int k = 0; k <= d; k++) {
            hessian[j][k] += sw[i] * h * z[i][j] * z[i][k];
          }
        }
      }
      for (int j = 1; j <= d; j++) {
        gradient[j] -= penalty * beta[j];
        hessian[j][j] += penalty;
      }
      hessian[0][0] += 1e-9;
      double[] step = solve(hessian, gradient);
      double change = 0;
      for (int j = 0; j <= d; j++) {
        beta[j] += step[j];
        change = Math.max(change, Math.abs(step[j]));
      }
      if (change < 1e-10) {
        break;
      }
    }
    double bias = beta[0];
    double[] weights = new double[d];
    for (int j = 0; j < d; j++) {
      weights[j] = beta[j + 1] / sd[j];
      bias -= beta[j + 1] * mean[j] / sd[j];
    }
    return new Model(bias, weights);
  }

  /** Solves a x = b by Gaussian elimination with partial pivoting. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] tmp = m[c];
      m[c] = m[pivot];
      m[pivot] = tmp;
      for (int r = c + 1; r < n; r++) {
        double factor = m[r][c] / m[c][c];
        for (int k = c; k <= n; k++) {
          m[r][k] -= factor * m[c][k];
        }
      }
    }
    double[] out = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double sum = m[r][n];
      for (int k = r + 1; k < n; k++) {
        sum -= m[r][k] * out[k];
      }
      out[r] = sum / m[r][r];
    }
    return out;
  }
}
