package dev.beca.core.agent;

import dev.beca.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commit messages with git trailers, the one way every {@link ProjectHistory} builds and reads
 * them: the message, a blank line, then one {@code Key: value} line per trailer.
 */
public final class CommitMessages {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
  private static final Pattern TRAILER_LINE =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*):\\s*(.*)");

  private CommitMessages() {}

  /**
   * The full message of a commit.
   *
   * @param message what the commit does, not blank
   * @param trailers trailers to append; keys letters, digits and {@code -}, values one non-blank
   *     line
   * @return the message, stripped, with the trailers as its last paragraph
   * @throws InvalidInputException when the message is blank or a trailer is malformed
   */
  public static String compose(String message, Map<String, String> trailers) {
    Objects.requireNonNull(trailers, "trailers");
    if (message == null || message.isBlank()) {
      throw new InvalidInputException(
          "The commit message is empty.", "Say in one line what the change does.");
    }
    StringBuilder text = new StringBuilder(message.strip().replace("\r\n", "\n"));
    if (!trailers.isEmpty()) {
      text.append("\n\n");
      for (Map.Entry<String, String> trailer : trailers.entrySet()) {
        checkTrailer(trailer.getKey(), trailer.getValue());
        text.append(trailer.getKey()).append(": ").append(trailer.getValue().strip()).append('\n');
      }
    } else {
      text.append('\n');
    }
    return text.toString();
  }

  /**
   * Checks one trailer.
   *
   * @throws InvalidInputException when the key or value is malformed
   */
  public static void checkTrailer(String key, String value) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new InvalidInputException(
          "The trailer key '" + key + "' is not valid.",
          "Use letters, digits and '-', starting with a letter or digit (e.g. BECA-Session).");
    }
    if (value == null || value.isBlank() || value.contains("\n") || value.contains("\r")) {
      throw new InvalidInputException(
          "The value of trailer " + key + " must be one non-blank line.",
          "Pass a single-line value such as a session id.");
    }
  }

  /**
   * The trailers of a commit message: the {@code Key: value} lines of its last paragraph, when the
   * message has more than one paragraph and every line of the last one is a trailer.
   *
   * @param message a commit message
   * @return the trailers in order; for a key given twice, the last value; empty when there are none
   */
  public static Map<String, String> trailers(String message) {
    String text = message.replace("\r\n", "\n").strip();
    int split = text.lastIndexOf("\n\n");
    if (split < 0) {
      return Map.of();
    }
    Map<String, String> trailers = new LinkedHashMap<>();
    for (String line : text.substring(split + 2).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m = TRAILER_LINE.matcher(line.strip());
      if (!m.matches()) {
        return Map.of();
      }
      trailers.put(m.group(1), m.group(2).strip());
    }
    return trailers;
  }
}
