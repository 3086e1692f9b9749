package dev.beca.memory.internal;

import java.util.List;

/**
 * A light English stemmer for lesson search: takes one common ending off a word ({@code
 * configuration}, {@code configured}, {@code configures} → {@code configur}; {@code templates} →
 * {@code templat}) when at least four letters stay, so that a prefix query of the stem finds the
 * word's other forms. Deliberately crude: it only widens the keyword side, whose hits are fused
 * with the semantic side's.
 */
final class LessonStems {

  private static final List<String> ENDINGS =
      List.of("ations", "ation", "ings", "ing", "ers", "er", "ies", "es", "ed", "ly", "s", "e");

  private LessonStems() {}

  /** The word without its ending, or the word itself (lower-case letters and digits expected). */
  static String stem(String word) {
    for (String ending : ENDINGS) {
      if (word.endsWith(ending) && word.length() - ending.length() >= 4) {
        return word.substring(0, word.length() - ending.length());
      }
    }
    return word;
  }
}
