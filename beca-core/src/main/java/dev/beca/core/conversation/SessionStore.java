package dev.beca.core.conversation;

import java.util.List;
import java.util.Optional;

/**
 * Sessions of use, so that a conversation can be continued later.
 *
 * <p>Implementations are thread-safe and translate their storage errors into {@link
 * dev.beca.core.StorageException}.
 */
public interface SessionStore {

  /**
   * Creates and commits a new session.
   *
   * @param title a human-readable name; may be empty, never {@code null}
   * @return the new session
   * @throws dev.beca.core.InvalidInputException when the title holds a control character (see
   *     {@link ConversationNames#sessionTitle})
   */
  Session create(String title);

  /**
   * Finds a session by id.
   *
   * @param id the session id
   * @return the session, or empty when none has that id
   */
  Optional<Session> find(String id);

  /**
   * Records activity in a session now.
   *
   * @param id the session id
   * @throws dev.beca.core.NotFoundException when the session does not exist
   */
  void touch(String id);

  /**
   * The most recently active sessions, most recent first.
   *
   * @param limit how many at most; must be positive
   * @return up to {@code limit} sessions
   */
  List<Session> recent(int limit);
}
