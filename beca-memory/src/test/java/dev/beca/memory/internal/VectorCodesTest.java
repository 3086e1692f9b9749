package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The integer codes leave out only vectors that cannot be among the best: the exact top k over the
 * survivors equals the exact top k over all vectors, ties, near-copies and odd vectors included.
 */
class VectorCodesTest {

  private static final int DIMENSIONS = 384;

  @Test
  void exactTopOfTheSurvivorsEqualsTheExactTopOfAllVectors() {
    Random random = new Random(42);
    int n = 2_000;
    float[] matrix = new float[n * DIMENSIONS];
    float[][] centres = new float[20][];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = gaussian(random, 1);
    }
    for (int i = 0; i < n; i++) {
      float[] v;
      if (i % 10 == 9) {
        v = Arrays.copyOfRange(matrix, (i - 1) * DIMENSIONS, i * DIMENSIONS); // an identical copy
      } else if (i % 10 == 8) {
        v = Arrays.copyOfRange(matrix, (i - 1) * DIMENSIONS, i * DIMENSIONS);
        v[random.nextInt(DIMENSIONS)] += 1e-4f; // a near-copy
      } else {
        float[] noise = gaussian(random, 0.3);
        float[] centre = centres[random.nextInt(centres.length)];
        v = new float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
          v[d] = centre[d] + noise[d];
        }
      }
      System.arraycopy(Vectors.normalized(v), 0, matrix, i * DIMENSIONS, DIMENSIONS);
    }
    Coded coded = code(matrix, n);
    int[] rows = new int[n];
    Arrays.setAll(rows, i -> i);
    int survivorsSeen = 0;
    for (int t = 0; t < 50; t++) {
      float[] q =
          t % 5 == 0
              ? Arrays.copyOfRange(matrix, (t * 37) * DIMENSIONS, (t * 37 + 1) * DIMENSIONS)
              : Vectors.normalized(gaussian(random, 1));
      for (int k : new int[] {1, 10, 50}) {
        int[] kept =
            VectorCodes.survivors(
                VectorCodes.query(q), coded.codes, coded.stats, rows, DIMENSIONS, k);
        assertThat(top(q, matrix, kept, k))
            .as("query %d, k %d", t, k)
            .containsExactlyElementsOf(top(q, matrix, all(n), k));
        survivorsSeen += kept.length;
      }
    }
    // The point of the codes: most vectors are ruled out without an exact comparison.
    assertThat(survivorsSeen).isLessThan(50 * 3 * n / 10);
  }

  @Test
  void aVectorWithAValueThatIsNotFiniteIsNeverLeftOut() {
    Random random = new Random(7);
    int n = 200;
    float[] matrix = new float[n * DIMENSIONS];
    for (int i = 0; i < n; i++) {
      System.arraycopy(
          Vectors.normalized(gaussian(random, 1)), 0, matrix, i * DIMENSIONS, DIMENSIONS);
    }
    matrix[17 * DIMENSIONS + 3] = Float.NaN;
    matrix[18 * DIMENSIONS + 5] = Float.POSITIVE_INFINITY;
    Coded coded = code(matrix, n);
    int[] rows = new int[n];
    Arrays.setAll(rows, i -> i);
    int[] kept =
        VectorCodes.survivors(
            VectorCodes.query(Vectors.normalized(gaussian(random, 1))),
            coded.codes,
            coded.stats,
            rows,
            DIMENSIONS,
            5);
    assertThat(kept).contains(17, 18);
  }

  @Test
  void anAllZeroVectorIsCodedExactly() {
    float[] zero = new float[DIMENSIONS];
    VectorCodes.Query q = VectorCodes.query(zero);
    assertThat(q.codes()).containsOnly(0);
    assertThat(q.residual()).isZero();
    assertThat(q.norm()).isZero();
  }

  @Test
  void codesOfTheLongestVectorsStillFitAnIntDotProduct() {
    for (int dimensions : new int[] {16, 384, 768, 1024, 4096}) {
      long max = VectorCodes.maxCode(dimensions);
      assertThat(dimensions * max * max).isLessThanOrEqualTo(Integer.MAX_VALUE);
    }
  }

  @Test
  void kthLargestIsTheKthOfTheSortedValues() {
    Random random = new Random(3);
    double[] values = new double[500];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(50) / 10.0; // many ties
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    for (int k : new int[] {1, 2, 17, 250, 500}) {
      assertThat(VectorCodes.kthLargest(values, k)).isEqualTo(sorted[values.length - k]);
    }
  }

  private record Coded(int[] codes, double[] stats) {}

  private static Coded code(float[] matrix, int n) {
    int[] codes = new int[n * DIMENSIONS];
    double[] stats = new double[n * VectorCodes.STATS];
    for (int i = 0; i < n; i++) {
      VectorCodes.encode(
          matrix, i * DIMENSIONS, DIMENSIONS, codes, i * DIMENSIONS, stats, i * VectorCodes.STATS);
    }
    return new Coded(codes, stats);
  }

  private static int[] all(int n) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    return all;
  }

  /** The exact best k as "index:score", best first, the later index first among equal scores. */
  private static List<String> top(float[] q, float[] matrix, int[] candidates, int k) {
    List<double[]> scored = new ArrayList<>();
    for (int i : candidates) {
      scored.add(new double[] {Vectors.dot(q, matrix, i * DIMENSIONS, DIMENSIONS), i});
    }
    scored.sort(Comparator.<double[]>comparingDouble(s -> -s[0]).thenComparingDouble(s -> -s[1]));
    return scored.stream().limit(k).map(s -> (int) s[1] + ":" + s[0]).toList();
  }

  private static float[] gaussian(Random random, double scale) {
    float[] v = new float[DIMENSIONS];
    for (int d = 0; d < DIMENSIONS; d++) {
      v[d] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }
}
