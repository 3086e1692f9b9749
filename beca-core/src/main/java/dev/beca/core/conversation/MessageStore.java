package dev.beca.core.conversation;

import java.util.List;
import java.util.Optional;

/**
 * The append-only history of all conversations.
 *
 * <p>Implementations are thread-safe, commit each append durably before returning, and translate
 * their storage errors into {@link dev.beca.core.StorageException}.
 */
public interface MessageStore {

  /**
   * Appends a message and commits it.
   *
   * @param message the message to store
   * @return the stored message with its id and time
   * @throws dev.beca.core.NotFoundException when the session does not exist
   * @throws dev.beca.core.StorageException when it could not be written
   */
  ConversationMessage append(NewMessage message);

  /**
   * Finds one message by id.
   *
   * @param id the message id
   * @return the message, or empty when no message has that id
   */
  Optional<ConversationMessage> find(long id);

  /**
   * The latest messages of a session, oldest first.
   *
   * @param sessionId the session
   * @param limit how many messages at most; must be positive
   * @return up to {@code limit} messages in the order they were appended; empty for an unknown
   *     session
   */
  List<ConversationMessage> recent(String sessionId, int limit);

  /**
   * Counts the messages of a session.
   *
   * @param sessionId the session
   * @return the number of messages; 0 for an unknown session
   */
  long count(String sessionId);
}
