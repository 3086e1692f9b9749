package dev.beca.memory.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The keyword side of lesson search in memory: an inverted index of every lesson text that {@code
 * lessons_fts} holds (superseded lessons too, as FTS5's statistics count them), ranked by the same
 * BM25 as FTS5's {@code bm25()} (k1 = 1.2, b = 0.75, idf floored at 1e-6, the same order of
 * additions), so that a query gives the lessons FTS5 gives, in the same order (ties by id). The
 * tokenizer follows FTS5's {@code unicode61 remove_diacritics 2}: runs of letters, numbers and
 * private-use characters, lower-cased, diacritics removed (by canonical decomposition, which agrees
 * with SQLite's table for the Latin letters; other scripts may differ in rare cases). A phrase that
 * is not one token (e.g. {@code foo_bar}) is not handled: {@link #handles} says so and the caller
 * asks FTS5. It also answers the document frequencies that {@code lessons_fts_terms} would.
 *
 * <p>Kept up to date in place, like {@link LessonVectorIndex}: the store applies each of its
 * committed writes ({@link #apply}: a lesson added, superseded or deleted) and the index moves from
 * one {@code lesson_vectors_version} to the next; a deleted text stays in the postings, marked, and
 * counts nowhere (FTS5 forgets it too). Another process's change moves the database's version past
 * the index's, and the store rebuilds. Thread-safe: searches share a read lock, changes take the
 * write lock.
 */
final class LessonKeywordIndex {

  private static final double K1 = 1.2;
  private static final double B = 0.75;

  /** One query phrase: a token, or a prefix ({@code "configur"*}). */
  record Phrase(String token, boolean prefix) {}

  /** A lesson text deleted by a write (its text says which postings to discount). */
  record Deletion(long id, String text) {}

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final NavigableMap<String, Postings> terms;
  private long version;
  private int size;
  private int present;
  private long totalTokens;
  private long[] ids;
  private int[] lengths;
  private boolean[] active;
  private boolean[] deleted;

  private LessonKeywordIndex(long version, List<LessonTextRow> rows) {
    this.version = version;
    int n = rows.size();
    int capacity = Math.max(16, n + n / 8);
    this.ids = new long[capacity];
    this.lengths = new int[capacity];
    this.active = new boolean[capacity];
    this.deleted = new boolean[capacity];
    Map<String, Postings> byTerm = new HashMap<>();
    for (LessonTextRow row : rows) {
      appendLocked(row.id(), row.text(), row.active(), byTerm);
    }
    this.terms = new TreeMap<>(byTerm);
  }

  /** The {@code lesson_vectors_version} whose lesson texts this index holds. */
  long version() {
    lock.readLock().lock();
    try {
      return version;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many lesson texts are indexed, superseded ones included. */
  int size() {
    lock.readLock().lock();
    try {
      return present;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The highest lesson id held (as {@code SELECT max(id) FROM lessons}); 0 when empty. */
  long maxId() {
    lock.readLock().lock();
    try {
      for (int doc = size - 1; doc >= 0; doc--) {
        if (!deleted[doc]) {
          return ids[doc];
        }
      }
      return 0;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * In how many lesson texts a term occurs ({@code prefix}: the sum over the terms it begins, as
   * {@code lessons_fts_terms} is summed by the store).
   */
  long documents(String term, boolean prefix) {
    lock.readLock().lock();
    try {
      if (!prefix) {
        Postings p = terms.get(term);
        return p == null ? 0 : p.live;
      }
      long sum = 0;
      for (Map.Entry<String, Postings> e :
          terms.subMap(term, true, term + Character.MAX_VALUE, true).entrySet()) {
        if (e.getKey().startsWith(term)) {
          sum += e.getValue().live;
        }
      }
      return sum;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Applies one committed write of this process: adds {@code added} (may be null), marks {@code
   * superseded} inactive, drops {@code deletions}, and moves the index from version {@code from} to
   * {@code to}. Nothing changes when the index is not at {@code from}.
   *
   * @return whether the index is at {@code to} now (false: the caller rebuilds it)
   */
  boolean apply(
      long from, long to, LessonTextRow added, long[] superseded, List<Deletion> deletions) {
    lock.writeLock().lock();
    try {
      if (version != from) {
        return false;
      }
      for (Deletion d : deletions) {
        int doc = position(d.id());
        if (doc < 0 || deleted[doc]) {
          continue;
        }
        deleted[doc] = true;
        active[doc] = false;
        present--;
        totalTokens -= lengths[doc];
        for (String token : new LinkedHashSet<>(tokens(d.text() == null ? "" : d.text()))) {
          Postings p = terms.get(token);
          if (p != null) {
            p.live--;
          }
        }
      }
      for (long id : superseded) {
        int doc = position(id);
        if (doc >= 0) {
          active[doc] = false;
        }
      }
      if (added != null) {
        int doc = position(added.id());
        if (doc >= 0 && !deleted[doc]) {
          active[doc] = added.active(); // already held (a rebuild saw it)
        } else if (size > 0 && ids[size - 1] >= added.id()) {
          version = Long.MIN_VALUE; // changed in part: never taken for any version again
          return false; // an id below one held: only a rebuild keeps the order
        } else {
          appendLocked(added.id(), added.text(), added.active(), terms);
        }
      }
      version = to;
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private int position(long id) {
    int at = Arrays.binarySearch(ids, 0, size, id);
    return at < 0 ? -1 : at;
  }

  private void appendLocked(long id, String text, boolean isActive, Map<String, Postings> byTerm) {
    if (size == ids.length) {
      int capacity = size + Math.max(16, size / 8);
      ids = Arrays.copyOf(ids, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
      active = Arrays.copyOf(active, capacity);
      deleted = Arrays.copyOf(deleted, capacity);
    }
    int doc = size;
    List<String> tokens = tokens(text == null ? "" : text);
    ids[doc] = id;
    lengths[doc] = tokens.size();
    active[doc] = isActive;
    deleted[doc] = false;
    totalTokens += tokens.size();
    for (String token : tokens) {
      byTerm.computeIfAbsent(token, t -> new Postings()).add(doc);
    }
    size++;
    present++;
  }

  /** Whether every phrase is one token as the tokenizer reads it, so that this index can rank. */
  static boolean handles(List<Phrase> phrases) {
    for (Phrase p : phrases) {
      List<String> tokens = tokens(p.token());
      if (tokens.size() != 1 || !tokens.get(0).equals(p.token())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The active lessons matching any phrase, best BM25 first (ties: lower id first), at most {@code
   * limit}; the phrases must be {@link #handles handled}.
   */
  List<Long> search(List<Phrase> phrases, int limit) {
    lock.readLock().lock();
    try {
      return searchLocked(phrases, limit);
    } finally {
      lock.readLock().unlock();
    }
  }

  private List<Long> searchLocked(List<Phrase> phrases, int limit) {
    int n = phrases.size();
    Map<Integer, double[]> frequencies = new HashMap<>();
    double[] idf = new double[n];
    for (int i = 0; i < n; i++) {
      Phrase phrase = phrases.get(i);
      Map<String, Postings> matching =
          phrase.prefix()
              ? terms.subMap(phrase.token(), true, phrase.token() + Character.MAX_VALUE, true)
              : terms.subMap(phrase.token(), true, phrase.token(), true);
      int hits = 0;
      for (Map.Entry<String, Postings> e : matching.entrySet()) {
        if (!e.getKey().startsWith(phrase.token())) {
          continue;
        }
        Postings postings = e.getValue();
        for (int k = 0; k < postings.size; k++) {
          int doc = postings.docs[k];
          if (deleted[doc]) {
            continue;
          }
          double[] f = frequencies.computeIfAbsent(doc, d -> new double[n]);
          if (f[i] == 0) {
            hits++;
          }
          f[i] += postings.counts[k];
        }
      }
      double rows = present;
      double value = Math.log((rows - hits + 0.5) / (hits + 0.5));
      idf[i] = value <= 0.0 ? 1e-6 : value;
    }
    double averageLength = (double) totalTokens / (double) present;
    List<double[]> scored = new ArrayList<>();
    for (Map.Entry<Integer, double[]> e : frequencies.entrySet()) {
      int doc = e.getKey();
      if (!active[doc]) {
        continue;
      }
      double[] f = e.getValue();
      double length = lengths[doc];
      double score = 0.0;
      for (int i = 0; i < n; i++) {
        score +=
            idf[i] * ((f[i] * (K1 + 1.0)) / (f[i] + K1 * (1 - B + B * length / averageLength)));
      }
      scored.add(new double[] {-1.0 * score, doc});
    }
    scored.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    List<Long> result = new ArrayList<>(Math.min(limit, scored.size()));
    for (int k = 0; k < scored.size() && k < limit; k++) {
      result.add(ids[(int) scored.get(k)[1]]);
    }
    return result;
  }

  /** The tokens of a text as FTS5's {@code unicode61 remove_diacritics 2} reads them. */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isTokenChar(cp)) {
        token.appendCodePoint(cp);
      } else if (token.length() > 0) {
        tokens.add(fold(token.toString()));
        token.setLength(0);
      }
    }
    if (token.length() > 0) {
      tokens.add(fold(token.toString()));
    }
    return tokens;
  }

  private static boolean isTokenChar(int cp) {
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
      Character.LOWERCASE_LETTER,
      Character.TITLECASE_LETTER,
      Character.MODIFIER_LETTER,
      Character.OTHER_LETTER,
      Character.DECIMAL_DIGIT_NUMBER,
      Character.LETTER_NUMBER,
      Character.OTHER_NUMBER,
      Character.PRIVATE_USE:
        return true;
      default:
        return false;
    }
  }

  private static String fold(String token) {
    boolean ascii = true;
    for (int k = 0; k < token.length() && ascii; k++) {
      ascii = token.charAt(k) < 128;
    }
    if (ascii) {
      return token.toLowerCase(Locale.ROOT);
    }
    String decomposed = Normalizer.normalize(token, Normalizer.Form.NFD);
    StringBuilder folded = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
        .forEach(folded::appendCodePoint);
    return folded.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * One term's documents (positions in the index), how often it occurs in each, and in how many
   * texts not deleted it occurs.
   */
  private static final class Postings {
    int[] docs = new int[2];
    int[] counts = new int[2];
    int size;
    int live;

    void add(int doc) {
      if (size > 0 && docs[size - 1] == doc) {
        counts[size - 1]++;
        return;
      }
      if (size == docs.length) {
        docs = Arrays.copyOf(docs, size * 2);
        counts = Arrays.copyOf(counts, size * 2);
      }
      docs[size] = doc;
      counts[size] = 1;
      size++;
      live++;
    }
  }

  /** Collects lesson texts (in any order) and builds the index. Not thread-safe. */
  static final class Builder {
    private final long version;
    private final List<LessonTextRow> rows = new ArrayList<>();

    Builder(long version) {
      this.version = version;
    }

    Builder add(LessonTextRow row) {
      rows.add(row);
      return this;
    }

    LessonKeywordIndex build() {
      rows.sort((a, b) -> Long.compare(a.id(), b.id()));
      return new LessonKeywordIndex(version, rows);
    }
  }
}
