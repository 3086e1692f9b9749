package dev.beca.core.conversation;

import dev.beca.core.InvalidInputException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A message about to be appended to a session; the store assigns its id and time.
 *
 * @param sessionId the session it belongs to
 * @param role who wrote it
 * @param content its text, at most {@link #MAX_CONTENT_CHARS} characters
 * @param threadId the thread it belongs to, if any
 * @param parentId the message it answers or branches from, if any
 * @param toolsJson the tools used to produce it, as a JSON array or object, if any
 * @param success whether what it reports succeeded
 */
public record NewMessage(
    String sessionId,
    MessageRole role,
    String content,
    OptionalLong threadId,
    OptionalLong parentId,
    Optional<String> toolsJson,
    boolean success) {

  /** The longest content a message may have, in characters (about 1 MB of text). */
  public static final int MAX_CONTENT_CHARS = 1_000_000;

  /** A successful message without tools. */
  public NewMessage(
      String sessionId,
      MessageRole role,
      String content,
      OptionalLong threadId,
      OptionalLong parentId) {
    this(sessionId, role, content, threadId, parentId, Optional.empty(), true);
  }

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
    Objects.requireNonNull(toolsJson, "toolsJson");
    toolsJson.ifPresent(NewMessage::checkJsonShape);
    if (sessionId == null || sessionId.isBlank()) {
      throw new InvalidInputException(
          "A message needs a session id.", "Create a session first and pass its id.");
    }
    if (content == null) {
      throw new InvalidInputException(
          "A message needs content.",
          "Pass the text of the message (it may be empty for a reply).");
    }
    if (content.length() > MAX_CONTENT_CHARS) {
      throw new InvalidInputException(
          "The message has "
              + content.length()
              + " characters, more than the limit of "
              + MAX_CONTENT_CHARS
              + ".",
          "Split it into smaller messages or attach the text as a file.");
    }
  }

  /** A message the user wrote in a session, outside any thread. */
  public static NewMessage user(String sessionId, String content) {
    return new NewMessage(
        sessionId, MessageRole.USER, content, OptionalLong.empty(), OptionalLong.empty());
  }

  /** A model's reply in a session, outside any thread. */
  public static NewMessage assistant(String sessionId, String content) {
    return new NewMessage(
        sessionId, MessageRole.ASSISTANT, content, OptionalLong.empty(), OptionalLong.empty());
  }

  /** The same message, placed in the given thread. */
  public NewMessage inThread(long thread) {
    return new NewMessage(
        sessionId, role, content, OptionalLong.of(thread), parentId, toolsJson, success);
  }

  /** The same message, placed in the given thread or in none. */
  public NewMessage inThread(OptionalLong thread) {
    Objects.requireNonNull(thread, "thread");
    return new NewMessage(sessionId, role, content, thread, parentId, toolsJson, success);
  }

  /** The same message, recorded as an answer to (or branch from) the given message. */
  public NewMessage replyingTo(long parent) {
    return new NewMessage(
        sessionId, role, content, threadId, OptionalLong.of(parent), toolsJson, success);
  }

  /** The same message, recorded as not successful (for example a reply that broke off). */
  public NewMessage failed() {
    return new NewMessage(sessionId, role, content, threadId, parentId, toolsJson, false);
  }

  /** The same message, recording the tools used (JSON) and whether they succeeded. */
  public NewMessage withTools(String json, boolean succeeded) {
    return new NewMessage(
        sessionId, role, content, threadId, parentId, Optional.of(json), succeeded);
  }

  /** Rejects text that is not shaped like a JSON array or object (a cheap check, no parser). */
  private static void checkJsonShape(String json) {
    String t = json.strip();
    boolean shaped =
        t.length() >= 2
            && ((t.startsWith("[") && t.endsWith("]")) || (t.startsWith("{") && t.endsWith("}")));
    if (!shaped) {
      throw new InvalidInputException(
          "The tools of a message must be a JSON array or object, got: "
              + (t.length() > 40 ? t.substring(0, 40) + "..." : t),
          "Pass the tool calls as JSON, e.g. [{\"name\":\"search\"}].");
    }
  }
}
