package dev.beca.memory.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.ConversationNames;
import dev.beca.core.conversation.ConversationThread;
import dev.beca.core.conversation.ThreadStore;
import dev.beca.core.conversation.ThreadSummary;
import dev.beca.core.secrets.Redaction;
import dev.beca.core.secrets.SecretScanner;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;

/** {@link ThreadStore} on the SQLite knowledge base. */
public final class SqliteThreadStore implements ThreadStore {

  private static final String NAME_SOURCE = "thread:name";
  private static final String SUMMARY_SOURCE = "thread:summary";

  private final SqliteDatabase database;
  private final Clock clock;
  private final SecretScanner scanner;

  /**
   * Creates the store.
   *
   * @param database the opened database
   * @param clock the source of thread times
   * @param scanner the scanner that redacts names and summaries before they are stored
   */
  public SqliteThreadStore(SqliteDatabase database, Clock clock, SecretScanner scanner) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
  }

  @Override
  public ConversationThread create(String name) {
    Redaction redaction = scanner.redact(NAME_SOURCE, ConversationNames.threadName(name));
    long now = clock.millis();
    ThreadInsert row = new ThreadInsert(redaction.text(), now);
    write(
        "create thread '" + redaction.text() + "'",
        s -> {
          int inserted = s.getMapper(ThreadMapper.class).insert(row);
          SecretAlerts.record(s, NAME_SOURCE, "threads/" + row.id, redaction, now);
          return inserted;
        });
    return find(row.id).orElseThrow();
  }

  @Override
  public Optional<ConversationThread> find(long threadId) {
    return read(
            "read thread " + threadId,
            s -> Optional.ofNullable(s.getMapper(ThreadMapper.class).find(threadId)))
        .map(ThreadRow::toThread);
  }

  @Override
  public ConversationThread rename(long threadId, String name) {
    Redaction redaction = scanner.redact(NAME_SOURCE, ConversationNames.threadName(name));
    long now = clock.millis();
    int updated =
        write(
            "rename thread " + threadId,
            s -> {
              int renamed = s.getMapper(ThreadMapper.class).rename(threadId, redaction.text(), now);
              if (renamed > 0) {
                SecretAlerts.record(s, NAME_SOURCE, "threads/" + threadId, redaction, now);
              }
              return renamed;
            });
    if (updated == 0) {
      throw noThread(threadId);
    }
    return find(threadId).orElseThrow();
  }

  @Override
  public void link(long messageId, long threadId) {
    int updated;
    try {
      updated = database.write(s -> s.getMapper(ThreadMapper.class).link(messageId, threadId));
    } catch (RuntimeException e) {
      if (SqliteErrors.isUnknownThread(e)) {
        throw noThread(threadId);
      }
      throw SqliteErrors.storage(
          "link message " + messageId + " to thread " + threadId, database.file(), e);
    }
    if (updated == 0) {
      throw noMessage(messageId);
    }
  }

  @Override
  public void unlink(long messageId) {
    int updated =
        write(
            "unlink message " + messageId,
            s -> s.getMapper(ThreadMapper.class).link(messageId, null));
    if (updated == 0) {
      throw noMessage(messageId);
    }
  }

  @Override
  public List<ConversationThread> list() {
    return read("list threads", s -> s.getMapper(ThreadMapper.class).list()).stream()
        .map(ThreadRow::toThread)
        .toList();
  }

  @Override
  public List<ConversationMessage> messages(long threadId) {
    List<ConversationMessage> rows =
        read(
            "read thread " + threadId,
            s -> {
              if (s.getMapper(ThreadMapper.class).exists(threadId) == 0) {
                throw noThread(threadId);
              }
              try {
                return HotReads.threadMessages(s.getConnection(), threadId);
              } catch (java.sql.SQLException e) {
                throw new org.apache.ibatis.exceptions.PersistenceException(e);
              }
            });
    return branchOrder(rows);
  }

  @Override
  public List<ConversationMessage> latest(long threadId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    List<ConversationMessage> result = new ArrayList<>();
    for (MessageRow row :
        read(
            "read thread " + threadId,
            s -> s.getMapper(ThreadMapper.class).latest(threadId, limit))) {
      result.add(row.toMessage());
    }
    Collections.reverse(result);
    return result;
  }

  @Override
  public long delete(long threadId) {
    return write(
        "delete thread " + threadId,
        s -> {
          ThreadMapper mapper = s.getMapper(ThreadMapper.class);
          if (mapper.find(threadId) == null) {
            throw noThread(threadId);
          }
          mapper.detachOutsideReplies(threadId);
          int deleted = mapper.deleteMessages(threadId);
          mapper.delete(threadId);
          return (long) deleted;
        });
  }

  @Override
  public Optional<ThreadSummary> summary(long threadId) {
    return read(
            "read the summary of thread " + threadId,
            s -> Optional.ofNullable(s.getMapper(ThreadMapper.class).summary(threadId)))
        .map(SummaryRow::toSummary);
  }

  @Override
  public void saveSummary(ThreadSummary summary) {
    Objects.requireNonNull(summary, "summary");
    // A model's summary can repeat what it was shown; it is redacted like any stored text.
    Redaction redaction = scanner.redact(SUMMARY_SOURCE, summary.content());
    ThreadSummary stored =
        redaction.isClean()
            ? summary
            : new ThreadSummary(
                summary.threadId(),
                redaction.text(),
                summary.kind(),
                summary.model(),
                summary.throughMessageId(),
                summary.messageCount(),
                summary.createdAt());
    write(
        "store the summary of thread " + summary.threadId(),
        s -> {
          ThreadMapper mapper = s.getMapper(ThreadMapper.class);
          if (mapper.find(summary.threadId()) == null) {
            throw noThread(summary.threadId());
          }
          int saved = mapper.saveSummary(SummaryRow.of(stored));
          SecretAlerts.record(
              s,
              SUMMARY_SOURCE,
              "thread_summaries/" + summary.threadId(),
              redaction,
              clock.millis());
          return saved;
        });
  }

  @Override
  public void use(String sessionId, OptionalLong threadId) {
    Objects.requireNonNull(threadId, "threadId");
    write(
        "switch the thread of session " + sessionId,
        s -> {
          ThreadMapper mapper = s.getMapper(ThreadMapper.class);
          if (threadId.isPresent() && mapper.find(threadId.getAsLong()) == null) {
            throw noThread(threadId.getAsLong());
          }
          Long id = threadId.isPresent() ? threadId.getAsLong() : null;
          if (mapper.use(sessionId, id) == 0) {
            throw new NotFoundException(
                "There is no session '" + sessionId + "'.", "Create the session first.");
          }
          return null;
        });
  }

  @Override
  public OptionalLong current(String sessionId) {
    Long id =
        read(
            "read the thread of session " + sessionId,
            s -> s.getMapper(ThreadMapper.class).current(sessionId));
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  /**
   * Orders a thread for reading: every message followed by its replies, depth first; roots (no
   * parent, or a parent outside the thread) and siblings in the order they were stored.
   */
  static List<ConversationMessage> branchOrder(List<ConversationMessage> rowsById) {
    if (isLinear(rowsById)) {
      return rowsById; // already in reading order: the common case, without the maps below
    }
    Map<Long, ConversationMessage> byId = new LinkedHashMap<>();
    for (ConversationMessage row : rowsById) {
      byId.put(row.id(), row);
    }
    Map<Long, List<ConversationMessage>> children = new HashMap<>();
    List<ConversationMessage> roots = new ArrayList<>();
    for (ConversationMessage m : byId.values()) {
      if (m.parentId().isPresent() && byId.containsKey(m.parentId().getAsLong())) {
        children.computeIfAbsent(m.parentId().getAsLong(), k -> new ArrayList<>()).add(m);
      } else {
        roots.add(m);
      }
    }
    List<ConversationMessage> ordered = new ArrayList<>(byId.size());
    Deque<ConversationMessage> stack = new ArrayDeque<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.push(roots.get(i));
    }
    while (!stack.isEmpty()) {
      ConversationMessage m = stack.pop();
      ordered.add(m);
      List<ConversationMessage> replies = children.getOrDefault(m.id(), List.of());
      for (int i = replies.size() - 1; i >= 0; i--) {
        stack.push(replies.get(i));
      }
    }
    return ordered;
  }

  /**
   * Whether every message (in id order) replies to the one before it or to nothing in the thread:
   * then id order is the reading order.
   */
  private static boolean isLinear(List<ConversationMessage> rowsById) {
    long[] ids = new long[rowsById.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rowsById.get(i).id();
    }
    for (int i = 0; i < ids.length; i++) {
      java.util.OptionalLong parent = rowsById.get(i).parentId();
      if (parent.isEmpty() || i > 0 && parent.getAsLong() == ids[i - 1]) {
        continue;
      }
      if (java.util.Arrays.binarySearch(ids, parent.getAsLong()) >= 0) {
        return false; // a reply to an earlier message of the thread: a branch
      }
    }
    return true;
  }

  static NotFoundException noThread(long threadId) {
    return new NotFoundException(
        "There is no thread " + threadId + ".",
        "List the threads with 'beca threads list' and use one of their ids.");
  }

  private static NotFoundException noMessage(long messageId) {
    return new NotFoundException(
        "There is no message " + messageId + ".",
        "Use the id of a stored message (see 'beca threads show' or search).");
  }

  private <T> T read(String doing, Function<SqlSession, T> work) {
    try (SqlSession session = database.autoCommitSession()) {
      return work.apply(session);
    } catch (NotFoundException | InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(doing, database.file(), e);
    }
  }

  private <T> T write(String doing, Function<SqlSession, T> work) {
    try {
      return database.write(work);
    } catch (NotFoundException | InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(doing, database.file(), e);
    }
  }
}
