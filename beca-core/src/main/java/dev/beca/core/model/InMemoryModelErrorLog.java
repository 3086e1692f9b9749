package dev.beca.core.model;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ModelErrorLog} in memory, for an embedding application that keeps no database (the model
 * manager's default). It keeps the latest {@value #DEFAULT_CAPACITY} entries (or as many as given),
 * so a long-running process with a failing server does not grow without bound; the entries live as
 * long as the process. Passes the same contract as the SQLite log. Thread-safe.
 */
public final class InMemoryModelErrorLog implements ModelErrorLog {

  /** How many entries are kept unless told otherwise. */
  public static final int DEFAULT_CAPACITY = 1_000;

  private final Clock clock;
  private final int capacity;
  private final Deque<ModelErrorEntry> entries = new ArrayDeque<>();
  private long lastId;

  /**
   * Creates an empty log keeping the latest {@value #DEFAULT_CAPACITY} entries.
   *
   * @param clock stamps the entries
   */
  public InMemoryModelErrorLog(Clock clock) {
    this(clock, DEFAULT_CAPACITY);
  }

  /**
   * Creates an empty log.
   *
   * @param clock stamps the entries
   * @param capacity how many of the latest entries are kept; at least 1
   */
  public InMemoryModelErrorLog(Clock clock, int capacity) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized ModelErrorEntry record(
      String server, String model, String errorClass, String message, String action) {
    ModelErrorEntry entry =
        new ModelErrorEntry(
            ++lastId,
            clock.instant(),
            server,
            model,
            errorClass,
            ModelErrorLog.cut(message),
            action);
    entries.addFirst(entry);
    if (entries.size() > capacity) {
      entries.removeLast();
    }
    return entry;
  }

  @Override
  public synchronized List<ModelErrorEntry> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    return new ArrayList<>(entries).subList(0, Math.min(limit, entries.size()));
  }
}
