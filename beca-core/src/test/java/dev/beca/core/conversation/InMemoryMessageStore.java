package dev.beca.core.conversation;

import dev.beca.core.NotFoundException;
import dev.beca.core.secrets.SecretScanner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link MessageStore} in a list: the reference implementation of the contract, for tests. Like
 * every store, it redacts secrets before keeping a message.
 */
public final class InMemoryMessageStore implements MessageStore {

  private final List<ConversationMessage> messages = new ArrayList<>();
  private final SessionStore sessions;
  private final Clock clock;

  /** Checks sessions against the given store and stamps messages with the clock. */
  public InMemoryMessageStore(SessionStore sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  @Override
  public synchronized ConversationMessage append(NewMessage message) {
    if (sessions.find(message.sessionId()).isEmpty()) {
      throw new NotFoundException(
          "There is no session '" + message.sessionId() + "'.", "Create the session first.");
    }
    if (message.parentId().isPresent() && find(message.parentId().getAsLong()).isEmpty()) {
      throw new NotFoundException(
          "Message " + message.parentId().getAsLong() + " does not exist.", "Pass a stored id.");
    }
    ConversationMessage stored =
        new ConversationMessage(
            messages.size() + 1L,
            message.sessionId(),
            message.role(),
            redacted(message.content()),
            clock.instant(),
            message.threadId(),
            message.parentId(),
            message.toolsJson().map(InMemoryMessageStore::redacted),
            message.success(),
            TokenEstimator.DEFAULT.estimate(message.content()));
    messages.add(stored);
    return stored;
  }

  private static String redacted(String text) {
    return SecretScanner.standard().redact("message", text).text();
  }

  @Override
  public synchronized Optional<ConversationMessage> find(long id) {
    return id >= 1 && id <= messages.size()
        ? Optional.of(messages.get((int) id - 1))
        : Optional.empty();
  }

  @Override
  public synchronized List<ConversationMessage> recent(String sessionId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    List<ConversationMessage> ofSession =
        messages.stream().filter(m -> m.sessionId().equals(sessionId)).toList();
    return new ArrayList<>(
        ofSession.subList(Math.max(0, ofSession.size() - limit), ofSession.size()));
  }

  @Override
  public synchronized long count(String sessionId) {
    return messages.stream().filter(m -> m.sessionId().equals(sessionId)).count();
  }
}
