package dev.beca.core.conversation;

import dev.beca.core.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link SessionStore} in a map: the reference implementation of the contract, for tests. */
public final class InMemorySessionStore implements SessionStore {

  private record Entry(Session session, long order) {}

  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
  private final AtomicLong order = new AtomicLong();
  private final Clock clock;

  /** Stamps sessions with the given clock. */
  public InMemorySessionStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Session create(String title) {
    Session session =
        new Session(
            UUID.randomUUID().toString(),
            ConversationNames.sessionTitle(title),
            clock.instant(),
            clock.instant());
    sessions.put(session.id(), new Entry(session, order.incrementAndGet()));
    return session;
  }

  @Override
  public Optional<Session> find(String id) {
    return Optional.ofNullable(sessions.get(id)).map(Entry::session);
  }

  @Override
  public void touch(String id) {
    Entry updated =
        sessions.computeIfPresent(
            id,
            (key, entry) ->
                new Entry(
                    new Session(
                        key, entry.session().title(), entry.session().createdAt(), clock.instant()),
                    order.incrementAndGet()));
    if (updated == null) {
      throw new NotFoundException("There is no session '" + id + "'.", "Create the session first.");
    }
  }

  @Override
  public List<Session> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    List<Entry> entries = new ArrayList<>(sessions.values());
    entries.sort(
        Comparator.comparing((Entry e) -> e.session().lastActiveAt())
            .thenComparingLong(Entry::order)
            .reversed());
    return entries.stream().limit(limit).map(Entry::session).toList();
  }
}
