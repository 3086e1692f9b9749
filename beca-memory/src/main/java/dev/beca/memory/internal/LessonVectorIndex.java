package dev.beca.memory.internal;

import java.util.Arrays;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The vectors of the active lessons in memory, for the semantic side of lesson search and of the
 * merge decision: a sign bit per dimension (48 bytes a vector) and the vector quantised to one byte
 * per dimension (384 bytes), with the lesson and embedding ids, in the order of the lesson ids. A
 * search ranks every lesson by the Hamming distance of the sign bits, keeps the {@value
 * #HAMMING_CANDIDATES} closest (chosen by a histogram of the distances, not a sort), ranks those by
 * the query's own values at their sign bits (the dot product of the query with the candidate's
 * signs, read from a table per four bits) and keeps the {@value #SIGN_CANDIDATES} best, ranks those
 * by the byte vectors and hands the best {@value #SHORTLIST} to the exact float comparison of the
 * store. Up to {@value #SHORTLIST} lessons, every lesson reaches the exact comparison, so a small
 * store ranks exactly as before.
 *
 * <p><b>Lists</b> (from {@value #LISTED_FROM} lessons): an inverted file over the sign bits. About
 * the square root of the lessons' count of centroids, trained on the lessons' sign bits ({@link
 * #trainCentroids}) and persisted by the store, sort every lesson into the list of its nearest
 * centroid, its sign bits stored with the list's; a search then reads only the lists nearest the
 * query until they hold {@value #PROBED} lessons (or a {@value #PROBED_SHARE}th of them) instead of
 * every lesson's bits, which the model of a chat has pushed out of the processor's caches by the
 * next turn. Measured on 100,000 lessons: the same recall against an exact scan (docs/learning.md).
 *
 * <p>Why: with 100,000 lessons the linear scan read 100,000 vector ids from SQLite and up to
 * 100,000 vectors per search; see docs/performance.md (LessonRetrievalBenchmark) for the figures
 * before and after.
 *
 * <p>Kept up to date in place: the store {@link #append}s the lesson it adds and {@link #remove}s
 * the ones it supersedes or forgets, so that the next search does not rebuild (2-4 s at 100,000
 * lessons). A removed lesson is marked, skipped by every search and dropped at the next compaction;
 * the order of the others never changes, and a lesson added joins the list a build would sort it
 * into, so an updated index ranks exactly as one built anew from the same lessons and lists. {@link
 * #version()} is the {@code lesson_vectors_version} (raised by triggers on every insert, delete,
 * supersede and vector change of {@code lessons}, in any process) that the contents match; the
 * store rebuilds when the database's differs. Thread-safe: searches share a read lock, changes take
 * the write lock.
 */
final class LessonVectorIndex {

  /** Every how many lessons one is sampled for the bound of {@link #byHamming}. */
  static final int SAMPLE_STEP = 50;

  /** Candidates kept by the Hamming distance of the sign bits. */
  static final int HAMMING_CANDIDATES = 1_000;

  /**
   * Candidates kept by the dot product of the query with their signs, for the byte vectors. The
   * Hamming distance treats every dimension alike; this weighs each by the query's value, so far
   * fewer byte vectors (random reads of 384 bytes, most of a search's time before) are compared.
   */
  static final int SIGN_CANDIDATES = 300;

  /** Candidates kept by the byte vectors, compared exactly by the store. */
  static final int SHORTLIST = 100;

  /** From how many lessons the index asks for lists ({@link #wantsLists}). */
  static final int LISTED_FROM = 20_000;

  /** At least how many lessons a search with lists reads ({@link #byLists}). */
  static final int PROBED = 12_000;

  /** A search with lists reads at least this share of the lessons (1 / PROBED_SHARE). */
  static final int PROBED_SHARE = 16;

  /** How many lessons (evenly spaced) the lists' centroids are trained on. */
  static final int TRAINING_SAMPLE = 20_000;

  /** Rounds of the centroids' training. */
  static final int TRAINING_ROUNDS = 8;

  /** The lists are trained again once the index holds this many times the lessons they had. */
  static final int RETRAIN_GROWTH = 4;

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final int hammingCandidates;
  private final int signCandidates;
  private final int shortlistSize;
  private final int listedFrom;
  private final int probedAtLeast;
  private final int dimensions;
  private final int words;
  private final java.util.concurrent.atomic.AtomicBoolean trainingClaimed =
      new java.util.concurrent.atomic.AtomicBoolean();
  private long version;
  private int size;
  private int removed;
  private long[] ids;
  private long[] embeddingIds;
  private boolean[] gone;
  private long[] bits;
  private byte[] bytes;
  // The lists (null without): a centroid's sign bits per list, and per list its lessons' positions
  // (ascending) and their sign bits side by side, so that a search reads a few lists' bits in
  // order instead of every lesson's.
  private long[] centroids;
  private long trainedOn;
  private int[][] members;
  private long[][] memberBits;
  private int[] listSizes;
  private int[] listActive; // members not removed: what a search counts (as a rebuild would)
  private int[] listOf; // per position

  /** Collects rows, then {@link #build}s. */
  static final class Builder {
    private final long version;
    private final int hammingCandidates;
    private final int signCandidates;
    private final int shortlistSize;
    private int listedFrom = LISTED_FROM;
    private int probed = PROBED;
    private long[] centroids;
    private long trainedOn;
    private int size;
    private int dimensions = -1;
    private long[] ids = new long[1024];
    private long[] embeddingIds = new long[1024];
    private float[][] vectors = new float[1024][];

    Builder(long version) {
      this(version, HAMMING_CANDIDATES, SIGN_CANDIDATES, SHORTLIST);
    }

    /**
     * With other candidate counts than the defaults (for the recall harness); {@code
     * signCandidates} equal to {@code hammingCandidates} leaves that stage out.
     */
    Builder(long version, int hammingCandidates, int signCandidates, int shortlistSize) {
      if (shortlistSize < 1
          || signCandidates < shortlistSize
          || hammingCandidates < signCandidates) {
        throw new IllegalArgumentException(
            "need 1 <= shortlist <= sign candidates <= Hamming candidates, were "
                + shortlistSize
                + ", "
                + signCandidates
                + " and "
                + hammingCandidates);
      }
      this.version = version;
      this.hammingCandidates = hammingCandidates;
      this.signCandidates = signCandidates;
      this.shortlistSize = shortlistSize;
    }

    /**
     * The lists to sort the lessons into: the centroids' sign bits ({@link #centroids()} of an
     * index, as persisted), trained on {@code trainedOn} lessons. Left out when their length does
     * not fit the lessons' dimensions (another model's).
     */
    Builder lists(long[] centroids, long trainedOn) {
      this.centroids = centroids;
      this.trainedOn = trainedOn;
      return this;
    }

    /** From how many lessons {@link #wantsLists} says yes ({@value #LISTED_FROM} by default). */
    Builder listedFrom(int lessons) {
      this.listedFrom = lessons;
      return this;
    }

    /** At least how many lessons a search with lists reads ({@value #PROBED} by default). */
    Builder probed(int lessons) {
      this.probed = lessons;
      return this;
    }

    /** Adds one active lesson's vector (any length; normalised here), in any order of ids. */
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
    this.hammingCandidates = b.hammingCandidates;
    this.signCandidates = b.signCandidates;
    this.shortlistSize = b.shortlistSize;
    this.listedFrom = b.listedFrom;
    this.probedAtLeast = b.probed;
    this.dimensions = Math.max(0, b.dimensions);
    this.words = (dimensions + 63) / 64;
    int n = b.size;
    // By id, so that appending a newer lesson keeps the order a rebuild would give.
    long[] order = new long[n];
    boolean sorted = true;
    for (int i = 0; i < n; i++) {
      order[i] = i;
      sorted &= i == 0 || b.ids[i - 1] < b.ids[i];
    }
    Integer[] positions = null;
    if (!sorted) {
      positions = new Integer[n];
      for (int i = 0; i < n; i++) {
        positions[i] = i;
      }
      long[] byId = b.ids;
      Arrays.sort(positions, (x, y) -> Long.compare(byId[x], byId[y]));
    }
    int capacity = Math.max(16, n + n / 8);
    this.ids = new long[capacity];
    this.embeddingIds = new long[capacity];
    this.gone = new boolean[capacity];
    this.bits = new long[capacity * words];
    this.bytes = new byte[capacity * dimensions];
    for (int k = 0; k < n; k++) {
      int i = positions == null ? k : positions[k];
      ids[k] = b.ids[i];
      embeddingIds[k] = b.embeddingIds[i];
      float[] v = b.vectors[i];
      signs(v, bits, k * words);
      quantise(v, bytes, k * dimensions);
      b.vectors[i] = null;
    }
    this.size = n;
    if (b.centroids != null && fits(b.centroids)) {
      sortIntoLists(b.centroids, b.trainedOn);
    }
  }

  private boolean fits(long[] someCentroids) {
    return words > 0 && someCentroids.length > 0 && someCentroids.length % words == 0;
  }

  /** The {@code lesson_vectors_version} whose active lessons this index holds. */
  long version() {
    lock.readLock().lock();
    try {
      return version;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many lessons the index holds (removed ones not counted). */
  int size() {
    lock.readLock().lock();
    try {
      return size - removed;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Applies one committed write of this process: adds {@code added} (may be null), removes {@code
   * removedIds}, and moves the index from version {@code from} to {@code to}. Nothing changes when
   * the index is not at {@code from} (another write came between; the next search rebuilds).
   *
   * @return whether the index is at {@code to} now
   */
  boolean apply(long from, long to, Addition added, long[] removedIds) {
    lock.writeLock().lock();
    try {
      if (version != from) {
        return false;
      }
      for (long id : removedIds) {
        removeLocked(id);
      }
      if (added != null && !appendLocked(added.id(), added.embeddingId(), added.vector())) {
        version = Long.MIN_VALUE; // changed in part: never taken for any version again
        return false;
      }
      compactIfSparse();
      version = to;
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A lesson added by a write, with its vector. */
  record Addition(long id, long embeddingId, float[] vector) {}

  private boolean appendLocked(long id, long embeddingId, float[] vector) {
    if (size > 0 && ids[size - 1] >= id) {
      int at = Arrays.binarySearch(ids, 0, size, id);
      return at >= 0 && !gone[at] && embeddingIds[at] == embeddingId; // already held
    }
    if (vector.length != dimensions) {
      // Another model's vector: left out, as a build does (none held yet: rebuild instead).
      return dimensions != 0;
    }
    if (size == ids.length) {
      int capacity = size + Math.max(16, size / 8);
      ids = Arrays.copyOf(ids, capacity);
      embeddingIds = Arrays.copyOf(embeddingIds, capacity);
      gone = Arrays.copyOf(gone, capacity);
      bits = Arrays.copyOf(bits, capacity * words);
      bytes = Arrays.copyOf(bytes, capacity * dimensions);
    }
    float[] v = Vectors.normalized(vector);
    ids[size] = id;
    embeddingIds[size] = embeddingId;
    gone[size] = false;
    Arrays.fill(bits, size * words, (size + 1) * words, 0L);
    signs(v, bits, size * words);
    quantise(v, bytes, size * dimensions);
    if (centroids != null) {
      addToList(nearestList(centroids, bits, size * words), size);
    }
    size++;
    return true;
  }

  private void removeLocked(long id) {
    int at = Arrays.binarySearch(ids, 0, size, id);
    if (at >= 0 && !gone[at]) {
      gone[at] = true;
      removed++;
      if (centroids != null) {
        listActive[listOf[at]]--;
      }
    }
  }

  /** Drops the removed lessons once they are a quarter of the index, keeping the others' order. */
  private void compactIfSparse() {
    if (removed == 0 || removed * 4 < size) {
      return;
    }
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (gone[i]) {
        continue;
      }
      if (kept != i) {
        ids[kept] = ids[i];
        embeddingIds[kept] = embeddingIds[i];
        System.arraycopy(bits, i * words, bits, kept * words, words);
        System.arraycopy(bytes, i * dimensions, bytes, kept * dimensions, dimensions);
      }
      gone[kept] = false;
      kept++;
    }
    Arrays.fill(gone, kept, size, false);
    size = kept;
    removed = 0;
    if (centroids != null) {
      sortIntoLists(centroids, trainedOn); // the positions moved
    }
  }

  /** The lessons held, as {@code [lessonId, embeddingId]} pairs in the order searches see them. */
  long[][] contents() {
    lock.readLock().lock();
    try {
      long[][] out = new long[size - removed][];
      for (int i = 0, k = 0; i < size; i++) {
        if (!gone[i]) {
          out[k++] = new long[] {ids[i], embeddingIds[i]};
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
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
    lock.readLock().lock();
    try {
      if (size - removed == 0 || query.length != dimensions) {
        return new long[0][];
      }
      int active = size - removed;
      int[] candidates;
      long[] candidateBits = null;
      if (active <= hammingCandidates) {
        candidates = active();
      } else if (centroids != null && active > probed()) {
        Listed listed = byLists(query);
        candidates = listed.positions();
        candidateBits = listed.bits();
      } else {
        candidates = byHamming(query);
      }
      if (candidates.length > signCandidates) {
        candidates = bySigns(query, candidates, candidateBits);
      }
      byte[] q = new byte[dimensions];
      quantise(query, q, 0);
      // Score and position packed in one long each, so that a primitive sort orders them (best
      // first, then the earlier position) without boxing.
      long[] ranked = new long[candidates.length];
      for (int c = 0; c < candidates.length; c++) {
        ranked[c] = ((long) -dot(q, candidates[c] * dimensions) << 32) | c;
      }
      Arrays.sort(ranked);
      int n = Math.min(shortlistSize, ranked.length);
      long[][] out = new long[n][];
      for (int k = 0; k < n; k++) {
        int i = candidates[(int) ranked[k]];
        out[k] = new long[] {ids[i], embeddingIds[i]};
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  private int dot(byte[] q, int offset) {
    // Four sums (exact integers, so the order of additions does not matter): independent chains
    // that the processor overlaps.
    int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int d = 0;
    for (int end = dimensions - 3; d < end; d += 4) {
      s0 += q[d] * bytes[offset + d];
      s1 += q[d + 1] * bytes[offset + d + 1];
      s2 += q[d + 2] * bytes[offset + d + 2];
      s3 += q[d + 3] * bytes[offset + d + 3];
    }
    for (; d < dimensions; d++) {
      s0 += q[d] * bytes[offset + d];
    }
    return s0 + s1 + s2 + s3;
  }

  private int[] active() {
    int[] all = new int[size - removed];
    for (int i = 0, k = 0; i < size; i++) {
      if (!gone[i]) {
        all[k++] = i;
      }
    }
    return all;
  }

  /**
   * The {@value #SIGN_CANDIDATES} candidates with the largest sum of the query's values where their
   * sign bit is set (the dot product of the query with their signs, up to a constant), best first,
   * then the earlier position. The values are scaled to integers and summed four bits at a time
   * from a table built per query (16 sums per four dimensions). {@code candidateBits}: the
   * candidates' sign bits in their order, or null to read them by position.
   */
  private int[] bySigns(float[] query, int[] candidates, long[] candidateBits) {
    int[] table = new int[words * 16 * 16];
    float largest = 0;
    for (float v : query) {
      largest = Math.max(largest, Math.abs(v));
    }
    // At most 2^20 a value: 384 of them (or 2,047 dimensions) still fit an int.
    double scale = largest > 0 ? (1 << 20) / (double) largest : 0;
    for (int nibble = 0; nibble < words * 16; nibble++) {
      int base = nibble * 16;
      for (int m = 1; m < 16; m++) {
        int d = nibble * 4 + Integer.numberOfTrailingZeros(m);
        int value = d < dimensions ? (int) Math.round(query[d] * scale) : 0;
        table[base + m] = table[base + (m & (m - 1))] + value;
      }
    }
    long[] ranked = new long[candidates.length];
    // The candidates' sign bits side by side when the lists gathered them, else where they lie.
    long[] codes = candidateBits == null ? bits : candidateBits;
    for (int c = 0; c < candidates.length; c++) {
      int offset = (candidateBits == null ? candidates[c] : c) * words;
      int sum = 0;
      for (int w = 0; w < words; w++) {
        long word = codes[offset + w];
        int base = w * 256;
        for (int n = 0; n < 16; n++) {
          sum += table[base + n * 16 + (int) ((word >>> (n * 4)) & 15)];
        }
      }
      ranked[c] = ((long) -sum << 32) | c;
    }
    Arrays.sort(ranked);
    int[] out = new int[signCandidates];
    for (int k = 0; k < signCandidates; k++) {
      out[k] = candidates[(int) ranked[k]];
    }
    return out;
  }

  /**
   * The {@value #HAMMING_CANDIDATES} lessons whose sign bits differ least from the query's, in the
   * order of their positions; among lessons at the last distance taken, the first ones.
   */
  private int[] byHamming(float[] query) {
    long[] q = new long[words];
    signs(query, q, 0);
    if (words == 6) {
      int[] found = bySampledBound(q);
      if (found != null) {
        return found;
      }
    }
    return byHistogram(q);
  }

  /** {@link #byHamming}, by the sampled bound where it can (for tests: the same result). */
  int[] hammingCandidates(float[] query) {
    lock.readLock().lock();
    try {
      return byHamming(query);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** {@link #byHamming} by a histogram of every lesson's distance (for tests). */
  int[] hammingCandidatesByHistogram(float[] query) {
    lock.readLock().lock();
    try {
      long[] q = new long[words];
      signs(query, q, 0);
      return byHistogram(q);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@link #byHamming} for 384 dimensions without a histogram of every distance: the distances of
   * every {@value #SAMPLE_STEP}th lesson give a bound under which about twice the wanted share of
   * lessons lie; one pass keeps the lessons within it, and the candidates are chosen among those
   * alone, exactly as among all (the bound holds every lesson up to the last distance taken). Null
   * when the bound kept too few (then the histogram). Why: the histogram's increments, one per
   * lesson, made the pass over 100,000 lessons about 40% slower than the distances alone.
   */
  private int[] bySampledBound(long[] q) {
    int active = size - removed;
    if (active <= hammingCandidates) {
      return null;
    }
    long q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5];
    int[] sampled = new int[dimensions + 1];
    int samples = 0;
    for (int i = 0; i < size; i += SAMPLE_STEP) {
      if (!gone[i]) {
        int offset = i * 6;
        sampled[distance(bits, offset, q0, q1, q2, q3, q4, q5)]++;
        samples++;
      }
    }
    long wanted = 2L * hammingCandidates * samples / active + 4;
    int bound = 0;
    for (long below = sampled[0]; bound < dimensions && below < wanted; ) {
      below += sampled[++bound];
    }
    int[] found = new int[2 * hammingCandidates];
    int[] distances = new int[found.length];
    int n = 0;
    for (int i = 0, offset = 0; i < size; i++, offset += 6) {
      int d = distance(bits, offset, q0, q1, q2, q3, q4, q5);
      if (d <= bound && !gone[i]) {
        if (n == found.length) {
          found = Arrays.copyOf(found, n * 2);
          distances = Arrays.copyOf(distances, n * 2);
        }
        found[n] = i;
        distances[n++] = d;
      }
    }
    if (n < hammingCandidates) {
      return null;
    }
    int[] histogram = new int[dimensions + 2];
    for (int k = 0; k < n; k++) {
      histogram[distances[k]]++;
    }
    return closest(histogram, distances, found, n, dimensions + 1);
  }

  /**
   * The {@value #HAMMING_CANDIDATES} of {@code n} lessons with the smallest distances, in their
   * order, the first ones among those at the last distance taken; lesson {@code k} has {@code
   * distances[k]} and is at position {@code positions[k]} (or {@code k} when null). {@code
   * histogram} counts the distances; {@code unreachable} is never taken.
   */
  private int[] closest(int[] histogram, int[] distances, int[] positions, int n, int unreachable) {
    int threshold = 0;
    int below = 0;
    while (threshold < unreachable && below + histogram[threshold] < hammingCandidates) {
      below += histogram[threshold];
      threshold++;
    }
    int[] out = new int[hammingCandidates];
    int m = 0;
    int atThreshold = hammingCandidates - below;
    for (int k = 0; k < n && m < hammingCandidates; k++) {
      int d = distances[k];
      if (d < threshold || d == threshold && atThreshold-- > 0) {
        out[m++] = positions == null ? k : positions[k];
      }
    }
    return m == out.length ? out : Arrays.copyOf(out, m);
  }

  /** The Hamming distance of the six words at {@code offset} to the query's (384 dimensions). */
  private static int distance(
      long[] bits, int offset, long q0, long q1, long q2, long q3, long q4, long q5) {
    return Long.bitCount(bits[offset] ^ q0)
        + Long.bitCount(bits[offset + 1] ^ q1)
        + Long.bitCount(bits[offset + 2] ^ q2)
        + Long.bitCount(bits[offset + 3] ^ q3)
        + Long.bitCount(bits[offset + 4] ^ q4)
        + Long.bitCount(bits[offset + 5] ^ q5);
  }

  private int[] byHistogram(long[] q) {
    int[] histogram = new int[dimensions + 2];
    int none = dimensions + 1; // the distance given to removed lessons: never selected
    int[] distance = new int[size];
    if (words == 6) { // 384 dimensions (all-MiniLM-L6-v2): the loop unrolled
      long q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5];
      for (int i = 0, offset = 0; i < size; i++, offset += 6) {
        int d = distance(bits, offset, q0, q1, q2, q3, q4, q5);
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
    if (removed > 0) { // counted above; moved out of reach
      for (int i = 0; i < size; i++) {
        if (gone[i]) {
          histogram[distance[i]]--;
          distance[i] = none;
        }
      }
    }
    return closest(histogram, distance, null, size, none);
  }

  // ---- Lists: an inverted file over the sign bits -------------------------------------------

  /**
   * Whether this index should be given lists and has not asked before: it holds at least {@code
   * listedFrom} lessons and has no lists, or holds {@value #RETRAIN_GROWTH} times the lessons its
   * lists were trained on. True once per index, to the first caller (who then trains them with
   * {@link #trainCentroids} and hands them to {@link #useLists}, or gives up).
   */
  boolean claimTraining() {
    lock.readLock().lock();
    try {
      int active = size - removed;
      boolean wanted =
          active >= listedFrom && (centroids == null || active > (long) RETRAIN_GROWTH * trainedOn);
      return wanted && trainingClaimed.compareAndSet(false, true);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The lists' centroids (the sign bits of each, in list order), or null without lists. */
  long[] centroids() {
    lock.readLock().lock();
    try {
      return centroids == null ? null : centroids.clone();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many 64-bit words one lesson's (and one centroid's) sign bits take. */
  int codeWords() {
    return words;
  }

  /** How many lessons the lists were trained on (0 without lists). */
  long trainedOn() {
    lock.readLock().lock();
    try {
      return trainedOn;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Centroids for about the square root of the active lessons' count of lists (at least 16),
   * trained on at most {@value #TRAINING_SAMPLE} of them taken evenly by position: k-modes over the
   * sign bits (each lesson to the centroid whose bits differ least, each centroid's bit the
   * majority of its lessons'), {@value #TRAINING_ROUNDS} rounds from evenly spaced lessons.
   * Deterministic: the same lessons give the same centroids.
   */
  long[] trainCentroids() {
    // The sample's codes are copied under the read lock and trained on without it, so that a write
    // of this process (the write lock) never waits for the training (about a second at 100,000).
    long[] codes;
    int taken;
    int lists;
    lock.readLock().lock();
    try {
      int active = size - removed;
      if (active == 0 || words == 0) {
        return new long[0];
      }
      int step = Math.max(1, active / TRAINING_SAMPLE);
      codes = new long[(active + step - 1) / step * words];
      taken = 0;
      for (int i = 0, k = 0; i < size && taken * words < codes.length; i++) {
        if (!gone[i] && k++ % step == 0) {
          System.arraycopy(bits, i * words, codes, taken * words, words);
          taken++;
        }
      }
      lists = Math.min(taken, Math.max(16, (int) Math.round(Math.sqrt(active))));
    } finally {
      lock.readLock().unlock();
    }
    long[] trained = new long[lists * words];
    for (int l = 0; l < lists; l++) {
      int from = (int) ((long) l * taken / lists) * words;
      System.arraycopy(codes, from, trained, l * words, words);
    }
    int[] ones = new int[lists * dimensions];
    int[] counts = new int[lists];
    for (int round = 0; round < TRAINING_ROUNDS; round++) {
      Arrays.fill(ones, 0);
      Arrays.fill(counts, 0);
      for (int offset = 0; offset < taken * words; offset += words) {
        int l = nearestList(trained, codes, offset);
        counts[l]++;
        for (int d = 0; d < dimensions; d++) {
          if ((codes[offset + d / 64] >>> (d % 64) & 1) != 0) {
            ones[l * dimensions + d]++;
          }
        }
      }
      for (int l = 0; l < lists; l++) {
        if (counts[l] == 0) {
          continue; // an empty list keeps its centroid
        }
        Arrays.fill(trained, l * words, (l + 1) * words, 0L);
        for (int d = 0; d < dimensions; d++) {
          if (2 * ones[l * dimensions + d] > counts[l]) {
            trained[l * words + d / 64] |= 1L << (d % 64);
          }
        }
      }
    }
    return trained;
  }

  /**
   * Sorts the lessons into the lists of these centroids (trained on {@code trainedOn} lessons) and
   * moves the index from version {@code from} to {@code to} (the persisted lists raise the
   * database's version). Nothing changes when the index is not at {@code from}.
   *
   * @return whether the index is at {@code to} now
   */
  boolean useLists(long[] trained, long trainedOn, long from, long to) {
    lock.writeLock().lock();
    try {
      if (version != from || !fits(trained)) {
        return false;
      }
      sortIntoLists(trained, trainedOn);
      version = to;
      trainingClaimed.set(false); // asks again once the lessons have grown past the new lists
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void sortIntoLists(long[] trained, long trainedFor) {
    int lists = trained.length / words;
    int[] list = new int[size];
    int[] counts = new int[lists];
    for (int i = 0; i < size; i++) {
      list[i] = nearestList(trained, bits, i * words);
      counts[list[i]]++;
    }
    members = new int[lists][];
    memberBits = new long[lists][];
    listSizes = new int[lists];
    listActive = new int[lists];
    listOf = new int[ids.length];
    for (int l = 0; l < lists; l++) {
      int capacity = Math.max(4, counts[l] + counts[l] / 8);
      members[l] = new int[capacity];
      memberBits[l] = new long[capacity * words];
    }
    for (int i = 0; i < size; i++) {
      addToList(list[i], i);
    }
    centroids = trained.clone();
    trainedOn = trainedFor;
  }

  private void addToList(int l, int position) {
    int n = listSizes[l];
    if (n == members[l].length) {
      int capacity = n + Math.max(4, n / 2);
      members[l] = Arrays.copyOf(members[l], capacity);
      memberBits[l] = Arrays.copyOf(memberBits[l], capacity * words);
    }
    members[l][n] = position;
    System.arraycopy(bits, position * words, memberBits[l], n * words, words);
    listSizes[l] = n + 1;
    if (listOf.length <= position) {
      listOf = Arrays.copyOf(listOf, ids.length);
    }
    listOf[position] = l;
    if (!gone[position]) {
      listActive[l]++;
    }
  }

  /** The list whose centroid's bits differ least from the code at {@code offset}; the first. */
  private int nearestList(long[] trained, long[] codes, int offset) {
    int best = 0;
    int bestDistance = Integer.MAX_VALUE;
    for (int l = 0, at = 0; at < trained.length; l++, at += words) {
      int d = 0;
      for (int w = 0; w < words; w++) {
        d += Long.bitCount(trained[at + w] ^ codes[offset + w]);
      }
      if (d < bestDistance) {
        bestDistance = d;
        best = l;
      }
    }
    return best;
  }

  /** How many lessons a search with lists reads at least. */
  private int probed() {
    return Math.max(probedAtLeast, (size - removed) / PROBED_SHARE);
  }

  /** Candidates with their sign bits side by side, in the same order. */
  private record Listed(int[] positions, long[] bits) {}

  /**
   * {@link #byHamming} among the lessons of the lists nearest the query (by their centroids' bits)
   * instead of every lesson: the nearest lists until they hold {@link #probed()} lessons (about 12%
   * of 100,000; reading them costs a fraction of every lesson's 4.8 MB, which a chat's model has
   * pushed out of the processor's caches by the next turn). The candidates come in the order of the
   * lists read, then of their positions; among lessons at the last distance taken, the first ones.
   * Their sign bits are gathered for the sign stage (already in the caches).
   */
  private Listed byLists(float[] query) {
    long[] q = new long[words];
    signs(query, q, 0);
    int lists = centroids.length / words;
    long[] order = new long[lists];
    for (int l = 0; l < lists; l++) {
      order[l] = ((long) nearness(centroids, l * words, q) << 32) | l;
    }
    Arrays.sort(order);
    int wanted = probed();
    int total = 0;
    int read = 0;
    while (read < lists && total < wanted) {
      total += listActive[(int) order[read++]];
    }
    for (int k = 0, held = 0; k < read; k++) {
      held += listSizes[(int) order[k]];
      total = Math.max(total, held); // the arrays below hold removed members until skipped
    }
    // Two passes over the lists read: the distances and their histogram, then the candidates by
    // the threshold the histogram gives (no array of positions per lesson read: fewer bytes).
    boolean anyGone = removed > 0;
    int[] distances = new int[total];
    int[] histogram = new int[dimensions + 2];
    int n = 0;
    for (int k = 0; k < read; k++) {
      int l = (int) order[k];
      int[] listed = members[l];
      long[] codes = memberBits[l];
      for (int j = 0, offset = 0; j < listSizes[l]; j++, offset += words) {
        if (anyGone && gone[listed[j]]) {
          continue;
        }
        int d = nearness(codes, offset, q);
        distances[n++] = d;
        histogram[d]++;
      }
    }
    int taken = Math.min(n, hammingCandidates);
    int threshold = 0;
    int below = 0;
    while (threshold <= dimensions && below + histogram[threshold] < taken) {
      below += histogram[threshold];
      threshold++;
    }
    int atThreshold = taken - below;
    int[] out = new int[taken];
    long[] gathered = new long[taken * words];
    int m = 0;
    for (int k = 0, i = 0; k < read && m < taken; k++) {
      int l = (int) order[k];
      int[] listed = members[l];
      long[] codes = memberBits[l];
      for (int j = 0; j < listSizes[l] && m < taken; j++) {
        if (anyGone && gone[listed[j]]) {
          continue;
        }
        int d = distances[i++];
        if (d < threshold || d == threshold && atThreshold-- > 0) {
          out[m] = listed[j];
          System.arraycopy(codes, j * words, gathered, m * words, words);
          m++;
        }
      }
    }
    return new Listed(out, gathered);
  }

  /** {@link #byLists}' candidates (lesson ids, in its order), for tests; null without lists. */
  long[] listCandidates(float[] query) {
    lock.readLock().lock();
    try {
      return centroids == null
          ? null
          : Arrays.stream(byLists(query).positions()).mapToLong(p -> ids[p]).toArray();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The Hamming distance of the code at {@code offset} to {@code q}. */
  private int nearness(long[] codes, int offset, long[] q) {
    if (words == 6) {
      return distance(codes, offset, q[0], q[1], q[2], q[3], q[4], q[5]);
    }
    int d = 0;
    for (int w = 0; w < words; w++) {
      d += Long.bitCount(codes[offset + w] ^ q[w]);
    }
    return d;
  }
}
