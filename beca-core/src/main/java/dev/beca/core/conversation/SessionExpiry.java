package dev.beca.core.conversation;

import java.time.Duration;
import java.util.List;

/**
 * Ending sessions: clearing their working state by hand or when they have been idle too long.
 *
 * <p>A session's working state is its current thread and its messages that belong to no thread.
 * Messages in threads are kept (as are loose messages that a kept message answers), and the session
 * record stays so that those messages keep their session.
 */
public interface SessionExpiry {

  /**
   * Clears a session's working state now and marks it expired.
   *
   * @param sessionId the session
   * @return how many messages were removed
   * @throws dev.beca.core.NotFoundException when there is no such session
   */
  long clear(String sessionId);

  /**
   * Clears every session idle for at least the given time and not yet expired.
   *
   * @param idleFor how long without activity; positive
   * @return the ids of the sessions expired by this call
   */
  List<String> expireIdle(Duration idleFor);
}
