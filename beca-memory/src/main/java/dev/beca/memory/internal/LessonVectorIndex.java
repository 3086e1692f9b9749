package dev.beca.memory.internal;

import java.util.Arrays;

/**
 * The vectors of the active lessons in memory, for the semantic side of lesson search and of the
 * merge decision: a sign bit per dimension (48 bytes a vector) and the vector quantised to one byte
 * per dimension (384 bytes), with the lesson and embedding ids. A search ranks every lesson by the
 * Hamming distance of the sign bits, keeps the {@value #HAMMING_CANDIDATES} closest, ranks those by
 * the byte vectors and hands the best {@value #SHORTLIST} to the exact float comparison of the
 * store. Up to {@value #SHORTLIST} lessons, every lesson reaches the exact comparison, so a small
 * store ranks exactly as before.
 *
 * <p>Why: with 100,000 lessons the linear scan read 100,000 vector ids from SQLite and up to
 * 100,000 vectors per search; see docs/performance.md (LessonRetrievalBenchmark) for the figures
 * before and after. The index is rebuilt when {@code lesson_vectors_version} (raised by triggers on
 * every insert, delete, supersede and vector change of {@code lessons}, in any process) differs
 * from the version it was built at.
 */
final class LessonVectorIndex {

  /** Candidates kept by the Hamming distance of the sign bits. */
  static final int HAMMING_CANDIDATES = 2_000;

  /** Candidates kept by the byte vectors, compared exactly by the store. */
  static final int SHORTLIST = 200;

  final long version;
  private final int size;
  private final int dimensions;
  private final int words;
  private final long[] ids;
  private final long[] embeddingIds;
  private final long[] bits;
  private final byte[] bytes;

  /** Collects rows, then {@link #build}s. */
  static final class Builder {
    private final long version;
    private int size;
    private int dimensions = -1;
    private long[] ids = new long[1024];
    private long[] embeddingIds = new long[1024];
    private float[][] vectors = new float[1024][];

    Builder(long version) {
      this.version = version;
    }

    /** Adds one active lesson's vector (any length; normalised here). */
    void add(long id, long embeddingId, float[] vector) {
      if (dimensions < 0) {
        dimensions = vector.length;
      }
      if (vector.length != dimensions) {
        return; // a vector of another model: never comparable with the query
      }
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
        embeddingIds = Arrays.copyOf(embeddingIds, size * 2);
        vectors = Arrays.copyOf(vectors, size * 2);
      }
      ids[size] = id;
      embeddingIds[size] = embeddingId;
      vectors[size] = Vectors.normalized(vector);
      size++;
    }

    LessonVectorIndex build() {
      return new LessonVectorIndex(this);
    }
  }

  private LessonVectorIndex(Builder b) {
    this.version = b.version;
    this.size = b.size;
    this.dimensions = Math.max(0, b.dimensions);
    this.words = (dimensions + 63) / 64;
    this.ids = Arrays.copyOf(b.ids, size);
    this.embeddingIds = Arrays.copyOf(b.embeddingIds, size);
    this.bits = new long[size * words];
    this.bytes = new byte[size * dimensions];
    for (int i = 0; i < size; i++) {
      float[] v = b.vectors[i];
      signs(v, bits, i * words);
      quantise(v, bytes, i * dimensions);
      b.vectors[i] = null;
    }
  }

  int size() {
    return size;
  }

  private static void signs(float[] v, long[] out, int offset) {
    for (int d = 0; d < v.length; d++) {
      if (v[d] > 0) {
        out[offset + d / 64] |= 1L << (d % 64);
      }
    }
  }

  private static void quantise(float[] v, byte[] out, int offset) {
    for (int d = 0; d < v.length; d++) {
      out[offset + d] = (byte) Math.max(-127, Math.min(127, Math.round(v[d] * 127)));
    }
  }

  /**
   * The lessons whose vectors are closest to the query, for the exact comparison: at most {@value
   * #SHORTLIST}, as {@code [lessonId, embeddingId]} pairs, best first by the byte vectors.
   *
   * @param query the normalised query vector
   */
  long[][] shortlist(float[] query) {
    if (size == 0 || query.length != dimensions) {
      return new long[0][];
    }
    int[] candidates = size <= HAMMING_CANDIDATES ? all() : byHamming(query);
    byte[] q = new byte[dimensions];
    quantise(query, q, 0);
    // Score and position packed in one long each, so that a primitive sort orders them (best
    // first, then the earlier position) without boxing.
    long[] ranked = new long[candidates.length];
    for (int c = 0; c < candidates.length; c++) {
      int offset = candidates[c] * dimensions;
      int s = 0;
      for (int d = 0; d < dimensions; d++) {
        s += q[d] * bytes[offset + d];
      }
      ranked[c] = ((long) -s << 32) | c;
    }
    Arrays.sort(ranked);
    int n = Math.min(SHORTLIST, ranked.length);
    long[][] out = new long[n][];
    for (int k = 0; k < n; k++) {
      int i = candidates[(int) ranked[k]];
      out[k] = new long[] {ids[i], embeddingIds[i]};
    }
    return out;
  }

  private int[] all() {
    int[] all = new int[size];
    for (int i = 0; i < size; i++) {
      all[i] = i;
    }
    return all;
  }

  /** The {@value #HAMMING_CANDIDATES} lessons whose sign bits differ least from the query's. */
  private int[] byHamming(float[] query) {
    long[] q = new long[words];
    signs(query, q, 0);
    int[] distance = new int[size];
    int[] histogram = new int[dimensions + 1];
    if (words == 6) { // 384 dimensions (all-MiniLM-L6-v2): the loop unrolled
      long q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5];
      for (int i = 0, offset = 0; i < size; i++, offset += 6) {
        int d =
            Long.bitCount(bits[offset] ^ q0)
                + Long.bitCount(bits[offset + 1] ^ q1)
                + Long.bitCount(bits[offset + 2] ^ q2)
                + Long.bitCount(bits[offset + 3] ^ q3)
                + Long.bitCount(bits[offset + 4] ^ q4)
                + Long.bitCount(bits[offset + 5] ^ q5);
        distance[i] = d;
        histogram[d]++;
      }
    } else {
      for (int i = 0; i < size; i++) {
        int offset = i * words;
        int d = 0;
        for (int w = 0; w < words; w++) {
          d += Long.bitCount(bits[offset + w] ^ q[w]);
        }
        distance[i] = d;
        histogram[d]++;
      }
    }
    int threshold = 0;
    int below = 0;
    while (threshold <= dimensions && below + histogram[threshold] < HAMMING_CANDIDATES) {
      below += histogram[threshold];
      threshold++;
    }
    int[] out = new int[HAMMING_CANDIDATES];
    int n = 0;
    int atThreshold = HAMMING_CANDIDATES - below;
    for (int i = 0; i < size && n < HAMMING_CANDIDATES; i++) {
      if (distance[i] < threshold) {
        out[n++] = i;
      } else if (distance[i] == threshold && atThreshold > 0) {
        out[n++] = i;
        atThreshold--;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
