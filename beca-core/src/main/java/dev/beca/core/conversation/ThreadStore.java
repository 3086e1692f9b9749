package dev.beca.core.conversation;

import java.util.List;
import java.util.Optional;

/**
 * Threads: named groups of messages that outlive sessions, with their stored summaries.
 *
 * <p>Linking moves no text: a message keeps what was said, by whom and when; only its thread
 * changes. Implementations are thread-safe, commit before returning and translate storage errors
 * into {@link dev.beca.core.StorageException}.
 */
public interface ThreadStore {

  /** The longest thread name, in characters. */
  int MAX_NAME_CHARS = 200;

  /**
   * Creates a thread.
   *
   * @param name a non-blank name of at most {@link #MAX_NAME_CHARS} characters
   * @return the new thread
   * @throws dev.beca.core.InvalidInputException when the name is blank, too long or holds a control
   *     character (see {@link ConversationNames#threadName})
   */
  ConversationThread create(String name);

  /**
   * Finds a thread.
   *
   * @param threadId its id
   * @return the thread with its counts, or empty
   */
  Optional<ConversationThread> find(long threadId);

  /**
   * Renames a thread.
   *
   * @throws dev.beca.core.NotFoundException when there is no such thread
   * @throws dev.beca.core.InvalidInputException when the name is blank, too long or holds a control
   *     character (see {@link ConversationNames#threadName})
   */
  ConversationThread rename(long threadId, String name);

  /**
   * Puts a message into a thread (moving it out of any other).
   *
   * @throws dev.beca.core.NotFoundException when the message or the thread does not exist
   */
  void link(long messageId, long threadId);

  /**
   * Takes a message out of its thread; the message itself stays in its session.
   *
   * @throws dev.beca.core.NotFoundException when the message does not exist
   */
  void unlink(long messageId);

  /**
   * All threads, most recently active first, with message counts.
   *
   * @return the threads
   */
  List<ConversationThread> list();

  /**
   * The whole thread in conversation order: each message is followed by its replies (depth first,
   * oldest branch first), roots in the order they were stored.
   *
   * @param threadId the thread
   * @return every message of the thread; empty for a thread without messages
   * @throws dev.beca.core.NotFoundException when there is no such thread
   */
  List<ConversationMessage> messages(long threadId);

  /**
   * The latest messages of a thread, oldest first.
   *
   * @param threadId the thread
   * @param limit how many at most; positive
   * @return up to {@code limit} messages in the order they were stored
   */
  List<ConversationMessage> latest(long threadId, int limit);

  /**
   * Deletes a thread and its messages (the user's explicit choice; nothing else deletes them).
   * Replies outside the thread that answered one of its messages keep their text but lose the
   * reference.
   *
   * @return how many messages were deleted
   * @throws dev.beca.core.NotFoundException when there is no such thread
   */
  long delete(long threadId);

  /**
   * The stored summary of a thread.
   *
   * @param threadId the thread
   * @return the summary, or empty when none was made yet
   */
  Optional<ThreadSummary> summary(long threadId);

  /**
   * Stores a thread's summary, replacing the previous one.
   *
   * @throws dev.beca.core.NotFoundException when there is no such thread
   */
  void saveSummary(ThreadSummary summary);

  /**
   * Makes a thread the one a session currently writes to, or none.
   *
   * @param sessionId the session
   * @param threadId the thread, or empty for none
   * @throws dev.beca.core.NotFoundException when the session or the thread does not exist
   */
  void use(String sessionId, java.util.OptionalLong threadId);

  /**
   * The thread a session currently writes to.
   *
   * @param sessionId the session
   * @return the thread id, or empty when none is in use (or the session is unknown)
   */
  java.util.OptionalLong current(String sessionId);
}
