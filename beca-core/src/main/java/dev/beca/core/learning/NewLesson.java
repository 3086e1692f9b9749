package dev.beca.core.learning;

import dev.beca.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A lesson to store; {@link LessonStore#add} decides whether it is new, repeats a stored one or
 * contradicts one.
 *
 * <pre>{@code
 * store.add(NewLesson.of(LessonCategory.TESTING, "Run Flyway migrations in tests against SQLite.")
 *     .withEvidence("message:42"));
 * }</pre>
 *
 * @param text what was learned; stripped, not blank, at most {@value #MAX_TEXT_CHARS} characters
 * @param category a {@link LessonCategory} word (checked and lower-cased)
 * @param source where it was learned
 * @param evidence links such as {@code message:123}: a word of letters, digits and {@code -}, a
 *     colon, then no white space
 * @param confidence how far it is trusted, 0 to 1
 */
public record NewLesson(
    String text, String category, LessonSource source, List<String> evidence, double confidence) {

  /** The longest lesson text. */
  public static final int MAX_TEXT_CHARS = 2_000;

  /** The confidence a lesson gets when none is given. */
  public static final double DEFAULT_CONFIDENCE = 0.6;

  private static final Pattern LINK = Pattern.compile("[a-z][a-z0-9-]*:\\S{1,200}");

  /** Checks the fields; see the record's description. */
  public NewLesson {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("A lesson needs a text.", "Say what was learned.");
    }
    text = text.strip();
    if (text.length() > MAX_TEXT_CHARS) {
      throw new InvalidInputException(
          "The lesson has " + text.length() + " characters, more than " + MAX_TEXT_CHARS + ".",
          "Keep a lesson to a few sentences.");
    }
    category = LessonCategory.check(category);
    Objects.requireNonNull(source, "source");
    List<String> links = new ArrayList<>();
    for (String link : Objects.requireNonNull(evidence, "evidence")) {
      checkEvidence(link);
      if (!links.contains(link)) {
        links.add(link);
      }
    }
    evidence = List.copyOf(links);
    if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
      throw new InvalidInputException(
          "The confidence " + confidence + " is not between 0 and 1.", "Pass a value in [0, 1].");
    }
  }

  /**
   * Checks an evidence link: {@code kind:reference}, the kind lower-case letters, digits and
   * hyphens, the reference 1 to 200 characters without white space.
   *
   * @param link the link
   * @return the link
   * @throws InvalidInputException when it is not of that form
   */
  public static String checkEvidence(String link) {
    if (link == null || !LINK.matcher(link).matches()) {
      throw new InvalidInputException(
          "The evidence link '" + link + "' is not of the form kind:reference.",
          "Use links such as message:123 or benchmark-result:7.");
    }
    return link;
  }

  /**
   * A lesson learned in conversation, without evidence, with the {@link #DEFAULT_CONFIDENCE}.
   *
   * @param category a {@link LessonCategory} word
   * @param text what was learned
   * @return the lesson
   */
  public static NewLesson of(String category, String text) {
    return new NewLesson(text, category, LessonSource.CONVERSATION, List.of(), DEFAULT_CONFIDENCE);
  }

  /** This lesson with the given evidence links added. */
  public NewLesson withEvidence(String... links) {
    List<String> all = new ArrayList<>(evidence);
    all.addAll(List.of(links));
    return new NewLesson(text, category, source, all, confidence);
  }

  /** This lesson from another source. */
  public NewLesson from(LessonSource source) {
    return new NewLesson(text, category, source, evidence, confidence);
  }

  /** This lesson with another confidence. */
  public NewLesson withConfidence(double confidence) {
    return new NewLesson(text, category, source, evidence, confidence);
  }
}
