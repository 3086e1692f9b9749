package dev.beca.memory.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The lesson texts' statistics that the keyword side of lesson search prunes common words with (how
 * many lessons there are, in how many a term occurs), kept in memory for one value of {@code
 * lesson_vectors_version}: the V15 triggers raise it on every insert and delete of a lesson, the
 * only writes that change the texts, so statistics read at one version stay true until it moves.
 * Every query then costs one version read instead of a read per word. At most {@value #MAX_TERMS}
 * terms are kept; beyond that the map starts again. Thread-safe.
 */
final class LessonTermStatistics {

  /** The most terms remembered. */
  static final int MAX_TERMS = 50_000;

  private long version = Long.MIN_VALUE;
  private long lessons = -1;
  private final Map<String, Long> documents = new HashMap<>();

  /**
   * How many lessons there are, by the highest id.
   *
   * @param version the current {@code lesson_vectors_version}
   * @param read reads the figure when it is not known at this version
   */
  synchronized long lessons(long version, LongSupplier read) {
    at(version);
    if (lessons < 0) {
      lessons = read.getAsLong();
    }
    return lessons;
  }

  /**
   * In how many lesson texts a term (or a prefix, as the caller keys it) occurs.
   *
   * @param version the current {@code lesson_vectors_version}
   * @param key the term, or the prefix marked as the caller likes
   * @param read reads the figure when it is not known at this version
   */
  synchronized long documents(long version, String key, ToLongFunction<String> read) {
    at(version);
    Long known = documents.get(key);
    if (known != null) {
      return known;
    }
    if (documents.size() >= MAX_TERMS) {
      documents.clear();
    }
    long docs = read.applyAsLong(key);
    documents.put(key, docs);
    return docs;
  }

  private void at(long current) {
    if (current != version) {
      version = current;
      lessons = -1;
      documents.clear();
    }
  }
}
