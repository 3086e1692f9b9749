package dev.beca.core.conversation;

import dev.beca.core.InvalidInputException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A message about to be appended to a session; the store assigns its id and time.
 *
 * @param sessionId the session it belongs to
 * @param role who wrote it
 * @param content its text, at most {@link #MAX_CONTENT_CHARS} characters
 * @param threadId the thread it belongs to, if any
 * @param parentId the message it answers or branches from, if any
 */
public record NewMessage(
    String sessionId, MessageRole role, String content, OptionalLong threadId, OptionalLong parentId) {

  /** The longest content a message may have, in characters (about 1 MB of text). */
  public static final int MAX_CONTENT_CHARS = 1_000_000;

  /**
   * Validates the message.
   *
   * @throws InvalidInputException when the session id is blank or the content is missing or too
   *     long
   */
  public NewMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(parentId, "parentId");
    if (sessionId == null || sessionId.isBlank()) {
      throw new InvalidInputException(
          "A message needs a session id.", "Create a session first and pass its id.");
    }
    if (content == null) {
      throw new InvalidInputException(
          "A message needs content.", "Pass the text of the message (it may be empty for a reply).");
    }
    if (content.length() > MAX_CONTENT_CHARS) {
      throw new InvalidInputException(
          "The message has " + content.length() + " characters, more than the limit of "
              + MAX_CONTENT_CHARS + ".",
          "Split it into smaller messages or attach the text as a file.");
    }
  }

  /** A message the user wrote in a session, outside any thread. */
  public static NewMessage user(String sessionId, String content) {
    return new NewMessage(sessionId, MessageRole.USER, content, OptionalLong.empty(), OptionalLong.empty());
  }

  /** A model's reply in a session, outside any thread. */
  public static NewMessage assistant(String sessionId, String content) {
    return new NewMessage(
        sessionId, MessageRole.ASSISTANT, content, OptionalLong.empty(), OptionalLong.empty());
  }

  /** The same message, placed in the given thread. */
  public NewMessage inThread(long thread) {
    return new NewMessage(sessionId, role, content, OptionalLong.of(thread), parentId);
  }

  /** The same message, recorded as an answer to (or branch from) the given message. */
  public NewMessage replyingTo(long parent) {
    return new NewMessage(sessionId, role, content, threadId, OptionalLong.of(parent));
  }
}
