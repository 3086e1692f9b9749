package dev.beca.memory.internal;

import java.util.Arrays;

/**
 * Vectors as integer codes with a bound on what the codes get wrong, so that a search finds the
 * exact best {@code k} of many vectors while computing exact (float) dot products for few of them.
 *
 * <p>A vector's code is each value times the vector's own scale, rounded, the scale mapping the
 * largest absolute value to {@link #maxCode}. The integer dot product of two codes, divided by both
 * scales, is the dot product of the decoded vectors {@code q'} and {@code v'}; since {@code q = q'
 * + e} and {@code v = v' + f}, Cauchy-Schwarz bounds its error by {@code |q'||f| + |e||v'| +
 * |e||f|} (about 0.001 for normalised 384-dimension vectors). A vector whose exact score cannot
 * reach the {@code k}-th best lower bound is left out; the others are compared exactly, so the
 * result is the exact one.
 *
 * <p>Why: an integer dot product in a plain loop is compiled to vector instructions by HotSpot's
 * C2, a float one is not (its additions must stay in order); on this project's two-core machine
 * 2,000 integer dot products of 384 values took 0.2 ms against 0.5 ms in float (see
 * docs/learning.md, Retrieval and cost).
 */
final class VectorCodes {

  /** Values kept per vector beside its code: 1 / scale, |decoded vector|, |residual|. */
  static final int STATS = 3;

  /**
   * Room for the rounding of the exact float comparison (at most about {@code n * 2^-24} for
   * normalised vectors, 2.3e-5 at 384 dimensions) and of the bound's own arithmetic.
   */
  static final double SLACK = 1e-4;

  private VectorCodes() {}

  /** The largest code for vectors of this length: the dot product of two codes fits an int. */
  static int maxCode(int dimensions) {
    return (int)
        Math.min(2047, Math.floor(Math.sqrt((double) Integer.MAX_VALUE / Math.max(1, dimensions))));
  }

  /** A query's code and the terms of its error bound. */
  record Query(int[] codes, double inverseScale, double norm, double residual) {}

  /** The code of a query vector. */
  static Query query(float[] vector) {
    int[] codes = new int[vector.length];
    double[] stats = new double[STATS];
    encode(vector, 0, vector.length, codes, 0, stats, 0);
    return new Query(codes, stats[0], stats[1], stats[2]);
  }

  /**
   * Encodes {@code values[from, from + n)} into {@code codes[to, to + n)} and its three stats into
   * {@code stats[at, at + 3)}. A vector with a value that is not finite gets an infinite residual:
   * it is never left out.
   */
  static void encode(float[] values, int from, int n, int[] codes, int to, double[] stats, int at) {
    double largest = 0;
    boolean finite = true;
    for (int i = 0; i < n; i++) {
      float v = values[from + i];
      finite &= Float.isFinite(v);
      largest = Math.max(largest, Math.abs(v));
    }
    if (!finite || largest == 0) {
      Arrays.fill(codes, to, to + n, 0);
      stats[at] = 0;
      stats[at + 1] = 0;
      stats[at + 2] = finite ? 0 : Double.POSITIVE_INFINITY; // all zeros: the code is exact
      return;
    }
    double scale = maxCode(n) / largest;
    double inverse = 1 / scale;
    double decoded = 0;
    double residual = 0;
    for (int i = 0; i < n; i++) {
      double v = values[from + i];
      int c = (int) Math.round(v * scale);
      codes[to + i] = c;
      double d = c * inverse;
      decoded += d * d;
      residual += (v - d) * (v - d);
    }
    stats[at] = inverse;
    stats[at + 1] = Math.sqrt(decoded);
    stats[at + 2] = Math.sqrt(residual);
  }

  /**
   * The candidates that may be among the {@code k} best by exact dot product with the query:
   * positions {@code i} into {@code rows}, ascending. Candidate {@code i} is the vector whose code
   * starts at {@code codes[rows[i] * dimensions]} and whose stats start at {@code stats[rows[i] *
   * STATS]}. Every candidate whose exact score could reach the {@code k}-th best is kept, ties
   * included; with {@code k} or fewer candidates, all are.
   */
  static int[] survivors(
      Query query, int[] codes, double[] stats, int[] rows, int dimensions, int k) {
    int n = rows.length;
    if (n <= k || query.codes().length != dimensions) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] q = query.codes();
    double[] lower = new double[n];
    double[] upper = new double[n];
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      double residual = stats[r * STATS + 2];
      if (query.residual() == Double.POSITIVE_INFINITY || residual == Double.POSITIVE_INFINITY) {
        lower[i] = Double.NEGATIVE_INFINITY;
        upper[i] = Double.POSITIVE_INFINITY;
        continue;
      }
      double approx =
          dot(q, codes, r * dimensions, dimensions) * query.inverseScale() * stats[r * STATS];
      double bound =
          query.norm() * residual
              + query.residual() * stats[r * STATS + 1]
              + query.residual() * residual
              + SLACK;
      lower[i] = approx - bound;
      upper[i] = approx + bound;
    }
    double kth = kthLargest(lower, k);
    int[] kept = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (upper[i] >= kth) {
        kept[m++] = i;
      }
    }
    return Arrays.copyOf(kept, m);
  }

  /** Kept a plain loop over ints so that C2 compiles it to vector instructions. */
  static int dot(int[] a, int[] b, int offset, int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) {
      sum += a[i] * b[offset + i];
    }
    return sum;
  }

  /** The {@code k}-th largest value ({@code 1 <= k <= values.length}), by a min-heap of size k. */
  static double kthLargest(double[] values, int k) {
    double[] heap = new double[k];
    int size = 0;
    for (double v : values) {
      if (size < k) {
        int at = size++;
        while (at > 0 && heap[(at - 1) / 2] > v) {
          heap[at] = heap[(at - 1) / 2];
          at = (at - 1) / 2;
        }
        heap[at] = v;
      } else if (v > heap[0]) {
        int at = 0;
        while (true) {
          int child = 2 * at + 1;
          if (child >= k) {
            break;
          }
          if (child + 1 < k && heap[child + 1] < heap[child]) {
            child++;
          }
          if (heap[child] >= v) {
            break;
          }
          heap[at] = heap[child];
          at = child;
        }
        heap[at] = v;
      }
    }
    return heap[0];
  }
}
