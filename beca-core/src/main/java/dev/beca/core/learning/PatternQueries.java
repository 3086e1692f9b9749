package dev.beca.core.learning;

import dev.beca.core.InvalidInputException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * How a {@link PatternStore#search} query becomes words, shared by the stores so that they agree:
 * letters and digits make words (as SQLite FTS5's {@code unicode61} tokenizer splits them), lower
 * case, diacritics removed, each word once.
 */
public final class PatternQueries {

  /** The most words of a query that are used; the rest are ignored. */
  public static final int MAX_WORDS = 32;

  private PatternQueries() {}

  /**
   * The words of a query.
   *
   * @param query any text
   * @return its distinct words, in order, at most {@link #MAX_WORDS}
   * @throws InvalidInputException when it holds no word
   */
  public static List<String> words(String query) {
    List<String> words = split(query == null ? "" : query);
    if (words.isEmpty()) {
      throw new InvalidInputException(
          "The search '" + (query == null ? "" : query) + "' has no word to look for.",
          "Give one or more words, e.g. 'spring boot'.");
    }
    return words.size() <= MAX_WORDS ? words : words.subList(0, MAX_WORDS);
  }

  /**
   * The words of any text (for stores that match in memory).
   *
   * @param text the text
   * @return its distinct words, in order
   */
  public static List<String> split(String text) {
    String folded =
        Normalizer.normalize(text, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT);
    LinkedHashSet<String> words = new LinkedHashSet<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < folded.length(); ) {
      int c = folded.codePointAt(i);
      if (Character.isLetterOrDigit(c)) {
        word.appendCodePoint(c);
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
      i += Character.charCount(c);
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return new ArrayList<>(words);
  }
}
