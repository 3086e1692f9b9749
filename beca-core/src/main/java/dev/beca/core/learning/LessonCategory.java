package dev.beca.core.learning;

import dev.beca.core.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Lesson categories: a free, lower-case word (letters, digits, {@code -}) with the suggested ones
 * as constants.
 *
 * <pre>{@code
 * String category = LessonCategory.check(" Testing ");   // "testing"
 * }</pre>
 */
public final class LessonCategory {

  /** Finding and fixing defects. */
  public static final String DEBUGGING = "debugging";

  /** Structure of code and systems. */
  public static final String ARCHITECTURE = "architecture";

  /** Writing and running tests. */
  public static final String TESTING = "testing";

  /** Speed and resource use. */
  public static final String PERFORMANCE = "performance";

  /** Build tools, IDEs, command-line tools and their configuration. */
  public static final String TOOLING = "tooling";

  /** Anything else. */
  public static final String GENERAL = "general";

  /** The suggested categories, in the order shown to models and people. */
  public static final List<String> SUGGESTED =
      List.of(DEBUGGING, ARCHITECTURE, TESTING, PERFORMANCE, TOOLING, GENERAL);

  /** The longest category name. */
  public static final int MAX_CHARS = 40;

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private LessonCategory() {}

  /**
   * Checks a category and returns it stripped and in lower case.
   *
   * @param category the category as given
   * @return the category to store
   * @throws InvalidInputException when it is blank, too long or holds other characters than
   *     letters, digits and {@code -}
   */
  public static String check(String category) {
    if (category == null || category.isBlank()) {
      throw new InvalidInputException(
          "A lesson needs a category.", "Use one of " + SUGGESTED + " or a word of your own.");
    }
    String normal = category.strip().toLowerCase(Locale.ROOT);
    if (normal.length() > MAX_CHARS || !VALID.matcher(normal).matches()) {
      throw new InvalidInputException(
          "The lesson category '"
              + escape(normal)
              + "' is not a word of at most "
              + MAX_CHARS
              + " letters, digits and '-'.",
          "Use one of " + SUGGESTED + " or a short word of your own.");
    }
    return normal;
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(MAX_CHARS + 10)
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
