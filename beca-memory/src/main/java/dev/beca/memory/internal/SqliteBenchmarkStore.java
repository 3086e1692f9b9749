package dev.beca.memory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.StorageException;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.quality.BenchmarkSummary;
import dev.beca.core.quality.LearningItem;
import dev.beca.core.quality.TrendPoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/**
 * {@link BenchmarkStore} on the SQLite knowledge base. The queried figures are columns; the whole
 * result (probe reports, score, hints) is one JSON document per row.
 */
public final class SqliteBenchmarkStore implements BenchmarkStore {

  /**
   * Created on the first read or write of a result, not when the knowledge base opens: Jackson's
   * databind loads several hundred classes, which every command paid at start-up (about a fifth of
   * a {@code beca chat} start in a class-loading trace) although few of them touch benchmarks.
   */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private final SqliteDatabase database;
  private final Clock clock;
  private final LeasedQueue queue;

  /**
   * Creates the store.
   *
   * @param database the opened database
   * @param clock stamps learning queue items
   */
  public SqliteBenchmarkStore(SqliteDatabase database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.queue =
        new LeasedQueue(
            database,
            clock,
            "Learning queue item",
            "Claim an item before completing it; a claim whose lease expired may be taken by"
                + " another worker.");
  }

  @Override
  public BenchmarkResult save(BenchmarkResult result) {
    Objects.requireNonNull(result, "result");
    if (result.benchmark().isBlank()) {
      throw new InvalidInputException(
          "A benchmark result needs a name.", "Give the benchmark a name.");
    }
    String json = write(result.withId(0));
    long now = clock.millis();
    try {
      long id =
          database.write(
              session -> {
                BenchmarkMapper mapper = session.getMapper(BenchmarkMapper.class);
                mapper.upsertBenchmark(result.benchmark(), result.projectPath(), now);
                long benchmarkId = mapper.benchmarkId(result.benchmark());
                BenchmarkResultInsert insert =
                    new BenchmarkResultInsert(
                        benchmarkId,
                        result.startedAt().toEpochMilli(),
                        result.duration().toMillis(),
                        result.score().value(),
                        result.revision().commit(),
                        result.revision().dirty(),
                        result.revision().treeHash(),
                        result.cacheKey(),
                        result.timedOut(),
                        json);
                mapper.insertResult(insert);
                if (result.score().value() < LEARNING_THRESHOLD) {
                  mapper.enqueue(insert.id, String.join("\n", result.score().hints()), now);
                }
                return insert.id;
              });
      return result.withId(id);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "store the result of benchmark " + result.benchmark(), database.file(), e);
    }
  }

  @Override
  public Optional<BenchmarkResult> latest(String benchmark) {
    try (SqlSession session = database.autoCommitSession()) {
      return Optional.ofNullable(session.getMapper(BenchmarkMapper.class).latest(benchmark))
          .map(this::read);
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "read the latest result of benchmark " + benchmark, database.file(), e);
    }
  }

  @Override
  public Optional<BenchmarkResult> result(long resultId) {
    try (SqlSession session = database.autoCommitSession()) {
      return Optional.ofNullable(session.getMapper(BenchmarkMapper.class).result(resultId))
          .map(this::read);
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read benchmark result " + resultId, database.file(), e);
    }
  }

  @Override
  public Optional<BenchmarkResult> cached(String benchmark, String cacheKey) {
    if (cacheKey == null || cacheKey.isEmpty()) {
      return Optional.empty();
    }
    try (SqlSession session = database.autoCommitSession()) {
      return Optional.ofNullable(
              session.getMapper(BenchmarkMapper.class).cached(benchmark, cacheKey))
          .map(this::read);
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "look up a cached result of benchmark " + benchmark, database.file(), e);
    }
  }

  @Override
  public List<TrendPoint> trend(String benchmark, Instant since) {
    Objects.requireNonNull(since, "since");
    try (SqlSession session = database.autoCommitSession()) {
      return session
          .getMapper(BenchmarkMapper.class)
          .trend(benchmark, since.toEpochMilli())
          .stream()
          .map(
              r ->
                  new TrendPoint(
                      r.id(),
                      Instant.ofEpochMilli(r.startedAt()),
                      r.score(),
                      r.commitId(),
                      r.dirty()))
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read the trend of benchmark " + benchmark, database.file(), e);
    }
  }

  @Override
  public List<BenchmarkSummary> benchmarks() {
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(BenchmarkMapper.class).summaries().stream()
          .map(
              r ->
                  new BenchmarkSummary(
                      r.name(),
                      r.projectPath(),
                      r.runs(),
                      r.latestScore(),
                      Instant.ofEpochMilli(r.latestAt()),
                      r.latestCommit()))
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("list the benchmarks", database.file(), e);
    }
  }

  @Override
  public void queueForLearning(long resultId, List<String> reasons) {
    Objects.requireNonNull(reasons, "reasons");
    long now = clock.millis();
    int queued;
    try {
      queued =
          database.write(
              session ->
                  session
                      .getMapper(BenchmarkMapper.class)
                      .enqueueExisting(resultId, String.join("\n", reasons), now));
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("queue result " + resultId + " for learning", database.file(), e);
    }
    if (queued == 0) {
      throw new NotFoundException(
          "There is no benchmark result " + resultId + ".", "Store the result first.");
    }
  }

  @Override
  public List<LearningItem> learningQueue(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(BenchmarkMapper.class).learningQueue(limit).stream()
          .map(
              r ->
                  new LearningItem(
                      r.id(),
                      r.resultId(),
                      r.benchmark(),
                      r.score(),
                      r.hints().isEmpty() ? List.of() : Arrays.asList(r.hints().split("\n")),
                      Instant.ofEpochMilli(r.queuedAt())))
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read the learning queue", database.file(), e);
    }
  }

  @Override
  public void takeFromLearningQueue(long itemId) {
    int updated;
    try (SqlSession session = database.autoCommitSession()) {
      updated = session.getMapper(BenchmarkMapper.class).take(itemId, clock.millis());
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "take item " + itemId + " from the learning queue", database.file(), e);
    }
    if (updated == 0) {
      throw new NotFoundException(
          "There is no open learning queue item " + itemId + ".",
          "List the queue for the open items' ids.");
    }
  }

  @Override
  public Optional<LearningItem> claimFromLearningQueue(String worker, java.time.Duration lease) {
    return queue.claim(
        worker,
        lease,
        "claim an item of the learning queue",
        new LeasedQueue.Claim<>() {
          @Override
          public Long claimable(SqlSession session, long now) {
            return session.getMapper(BenchmarkMapper.class).claimable(now);
          }

          @Override
          public void claim(SqlSession session, long id, String worker, long until, long now) {
            session.getMapper(BenchmarkMapper.class).claim(id, worker, until);
          }

          @Override
          public LearningItem read(SqlSession session, long id) {
            return item(session.getMapper(BenchmarkMapper.class).learningItem(id));
          }
        });
  }

  @Override
  public void completeLearningItem(long itemId, String worker) {
    Objects.requireNonNull(worker, "worker");
    queue.finish(
        itemId,
        worker,
        "complete learning item " + itemId,
        session ->
            session.getMapper(BenchmarkMapper.class).complete(itemId, worker, clock.millis()));
  }

  @Override
  public void failLearningItem(long itemId, String worker, String reason) {
    Objects.requireNonNull(worker, "worker");
    String why = reason == null ? "" : reason;
    queue.finish(
        itemId,
        worker,
        "give back learning item " + itemId,
        session -> {
          BenchmarkMapper mapper = session.getMapper(BenchmarkMapper.class);
          Integer attempts = mapper.heldAttempts(itemId, worker);
          if (attempts == null) {
            return 0;
          }
          return attempts >= MAX_LEARNING_ATTEMPTS
              ? mapper.park(itemId, worker, why, clock.millis())
              : mapper.release(itemId, worker, why);
        });
  }

  private static LearningItem item(LearningRow r) {
    return new LearningItem(
        r.id(),
        r.resultId(),
        r.benchmark(),
        r.score(),
        r.hints().isEmpty() ? List.of() : Arrays.asList(r.hints().split("\n")),
        Instant.ofEpochMilli(r.queuedAt()));
  }

  private BenchmarkResult read(StoredResultRow row) {
    try {
      return Json.MAPPER.readValue(row.resultJson(), BenchmarkResult.class).withId(row.id());
    } catch (JsonProcessingException e) {
      throw new StorageException(
          "Stored benchmark result "
              + row.id()
              + " in "
              + database.file()
              + " is unreadable ("
              + e.getOriginalMessage()
              + ").",
          "Run the benchmark again with --force.",
          e);
    }
  }

  private static String write(BenchmarkResult result) {
    try {
      return Json.MAPPER.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A benchmark result could not be written as JSON", e);
    }
  }
}
