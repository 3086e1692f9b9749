package dev.beca.core.model;

import java.util.regex.Pattern;

/**
 * Hides the credentials a URL may carry in its user-info ({@code http://user:secret@host:11434})
 * wherever a server's URL is shown or stored: error messages, the model error log, health checks,
 * settings' {@code toString()}. The whole user-info is replaced, the user name included (it is
 * often a token), so what is left still says which server was meant: {@code http://***@host:11434}.
 *
 * <p>This is the one place that does it: {@link ServerAdvice}, {@link ServerHealth}, {@link
 * ModelFailures} and {@link ModelErrorLog#cut} apply it, so every message built from them is safe.
 * The secret scanner's {@code url-credentials} rule guards the log files as well, but it looks for
 * passwords in free text by heuristics; a configured URL's user-info is removed without any.
 */
public final class UrlCredentials {

  /** What replaces the user-info. */
  public static final String MASK = "***";

  // scheme://user-info@ : the user-info ends at the last '@' before the path, query or fragment.
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s?#@]*(?:@[^/\\s?#@]*)*@");

  private UrlCredentials() {}

  /**
   * Replaces the user-info of every URL in a text with {@value #MASK}.
   *
   * @param text a URL or any text with URLs in it; {@code null} is returned unchanged
   * @return the text without credentials; the same string when it had none
   */
  public static String redact(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    return USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
  }
}
