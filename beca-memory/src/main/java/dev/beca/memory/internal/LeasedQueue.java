package dev.beca.memory.internal;

import dev.beca.core.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.apache.ibatis.session.SqlSession;

/**
 * What the knowledge base's work queues (the learning queue, lesson extractions) share: an item is
 * claimed under a lease in one write transaction, so no other connection or process claims it
 * between the read and the update, and only the worker holding it may finish it.
 */
final class LeasedQueue {

  /** The queue's own statements, run inside the claim's transaction. */
  interface Claim<T> {
    /** The oldest open item at {@code now}, or {@code null} when there is none. */
    Long claimable(SqlSession session, long now);

    /** Claims item {@code id} for {@code worker} until {@code until}. */
    void claim(SqlSession session, long id, String worker, long until, long now);

    /** Reads the claimed item. */
    T read(SqlSession session, long id);
  }

  private final SqliteDatabase database;
  private final Clock clock;
  private final String itemName;
  private final String holdRemedy;

  /**
   * Creates the queue's shared part.
   *
   * @param itemName how messages name an item, followed by its id, e.g. {@code Lesson extraction}
   * @param holdRemedy what to do when a worker finishes an item it does not hold
   */
  LeasedQueue(SqliteDatabase database, Clock clock, String itemName, String holdRemedy) {
    this.database = database;
    this.clock = clock;
    this.itemName = itemName;
    this.holdRemedy = holdRemedy;
  }

  /**
   * Claims the oldest open item for {@code worker} for {@code lease}.
   *
   * @param action what is being done, for the storage error's message
   * @return the claimed item; empty when none is open
   * @throws IllegalArgumentException when the worker is blank or the lease not positive
   */
  <T> Optional<T> claim(String worker, Duration lease, String action, Claim<T> statements) {
    if (worker == null || worker.isBlank()) {
      throw new IllegalArgumentException("worker must not be blank");
    }
    if (lease == null || lease.isZero() || lease.isNegative()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    long now = clock.millis();
    try {
      // One BEGIN IMMEDIATE transaction: nobody else claims between the read and the update.
      return database.write(
          session -> {
            Long id = statements.claimable(session, now);
            if (id == null) {
              return Optional.<T>empty();
            }
            statements.claim(session, id, worker, now + lease.toMillis(), now);
            return Optional.of(statements.read(session, id));
          });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(action, database.file(), e);
    }
  }

  /**
   * Finishes (completes, gives back or parks) an item the worker holds, in one write transaction.
   *
   * @param update the statements; they return the rows changed, 0 when the worker does not hold it
   * @param action what is being done, for the storage error's message
   * @throws NotFoundException when the item is not open and claimed by the worker
   */
  void finish(long itemId, String worker, String action, ToIntFunction<SqlSession> update) {
    int updated;
    try {
      updated = database.write(update::applyAsInt);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(action, database.file(), e);
    }
    if (updated == 0) {
      throw new NotFoundException(
          itemName + " " + itemId + " is not open and claimed by " + worker + ".", holdRemedy);
    }
  }
}
