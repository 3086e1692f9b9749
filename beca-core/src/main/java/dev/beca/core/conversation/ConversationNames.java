package dev.beca.core.conversation;

import dev.beca.core.InvalidInputException;
import java.util.Locale;
import java.util.Objects;

/**
 * The rules for the names people give threads and sessions, checked by every store so that each
 * front end gets the same answer: names are shown in tables and terminals, so they hold no control
 * characters (an escape sequence in a name would rewrite the terminal's title or clear its screen
 * when listed, a line break would break the table).
 *
 * <pre>{@code
 * String name = ConversationNames.threadName("  billing migration ");  // "billing migration"
 * }</pre>
 */
public final class ConversationNames {

  private ConversationNames() {}

  /**
   * Checks a thread name and returns it stripped of surrounding white space.
   *
   * @param name the name as given
   * @return the name to store
   * @throws InvalidInputException when the name is blank, longer than {@link
   *     ThreadStore#MAX_NAME_CHARS} characters, or holds a control character
   */
  public static String threadName(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(
          "A thread needs a name.", "Give the thread a short, non-blank name.");
    }
    String stripped = name.strip();
    if (stripped.length() > ThreadStore.MAX_NAME_CHARS) {
      throw new InvalidInputException(
          "The thread name has "
              + stripped.length()
              + " characters, more than "
              + ThreadStore.MAX_NAME_CHARS
              + ".",
          "Use a shorter name.");
    }
    checkPrintable("thread name", stripped);
    return stripped;
  }

  /**
   * Checks a session title.
   *
   * @param title the title as given; may be empty
   * @return the title to store, unchanged
   * @throws InvalidInputException when the title holds a control character
   */
  public static String sessionTitle(String title) {
    Objects.requireNonNull(title, "title");
    checkPrintable("session title", title);
    return title;
  }

  private static void checkPrintable(String what, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidInputException(
            "The "
                + what
                + " contains a control character (U+"
                + String.format(Locale.ROOT, "%04X", (int) c)
                + " at position "
                + (i + 1)
                + "); names are shown in tables and terminals, where control "
                + "characters would move the cursor, rewrite the title or break lines.",
            "Use printable characters only: no tabs, line breaks or escape sequences.");
      }
    }
  }
}
