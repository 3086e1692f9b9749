package dev.beca.selfimprove;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the unified diff out of a model's reply: the first fenced block marked {@code diff} or
 * {@code patch} (three or more backticks or tildes), else the first unmarked fenced block that
 * holds {@code ---}/{@code +++} lines, else the whole reply when it starts like a diff.
 */
public final class FencedDiff {

  private static final Pattern FENCE =
      Pattern.compile(
          "(?m)^[ \\t]*(```+|~~~+)[ \\t]*([A-Za-z0-9_-]*)[^\\n]*\\n(.*?)^[ \\t]*\\1[ \\t]*$",
          Pattern.DOTALL);

  private FencedDiff() {}

  /**
   * The diff in a reply.
   *
   * @param reply the model's reply
   * @return the diff ending with a line break, or empty when the reply holds none
   */
  public static Optional<String> extract(String reply) {
    if (reply == null || reply.isBlank()) {
      return Optional.empty();
    }
    String text = reply.replace("\r\n", "\n");
    Matcher m = FENCE.matcher(text);
    String unmarked = null;
    while (m.find()) {
      String language = m.group(2).toLowerCase(java.util.Locale.ROOT);
      String body = m.group(3);
      if (language.equals("diff") || language.equals("patch") || language.equals("udiff")) {
        return nonBlank(body);
      }
      if (unmarked == null && language.isEmpty() && looksLikeDiff(body)) {
        unmarked = body;
      }
    }
    if (unmarked != null) {
      return nonBlank(unmarked);
    }
    String stripped = text.strip();
    if (stripped.startsWith("diff --git ") || stripped.startsWith("--- ")) {
      return nonBlank(stripped + "\n");
    }
    return Optional.empty();
  }

  private static boolean looksLikeDiff(String body) {
    return body.contains("\n+++ ") || body.startsWith("+++ ") || body.startsWith("diff --git ");
  }

  private static Optional<String> nonBlank(String body) {
    if (body.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(body.endsWith("\n") ? body : body + "\n");
  }
}
