package dev.beca.core.quality;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The history of named benchmarks: their results, trends, and the learning queue.
 *
 * <p>Implementations are thread-safe, commit each save before returning, and translate storage
 * errors into {@link dev.beca.core.StorageException}. The contract test {@code
 * dev.beca.core.quality.BenchmarkStoreContract} in beca-core's test-jar states the rules.
 */
public interface BenchmarkStore {

  /** Results scoring below this go onto the learning queue. */
  double LEARNING_THRESHOLD = 0.7;

  /**
   * How often an item may fail ({@link #failLearningItem}) before it leaves the queue as failed
   * instead of being offered again.
   */
  int MAX_LEARNING_ATTEMPTS = 3;

  /**
   * Stores a result, creating its named benchmark on first use, and queues it for learning when its
   * score is below {@link #LEARNING_THRESHOLD} - all in one transaction.
   *
   * @param result the result; its id is ignored
   * @return the result with its new id
   */
  BenchmarkResult save(BenchmarkResult result);

  /**
   * The latest result of a benchmark.
   *
   * @param benchmark the name
   * @return the most recently started result, or empty for an unknown benchmark
   */
  Optional<BenchmarkResult> latest(String benchmark);

  /**
   * One stored result, of any benchmark.
   *
   * @param resultId the id {@link #save} gave it
   * @return the result, or empty when there is none with this id
   */
  Optional<BenchmarkResult> result(long resultId);

  /**
   * The latest result of a benchmark stored under a cache key.
   *
   * @param benchmark the name
   * @param cacheKey a non-empty cache key
   * @return the result, or empty
   */
  Optional<BenchmarkResult> cached(String benchmark, String cacheKey);

  /**
   * The scores of a benchmark since a moment, oldest first.
   *
   * @param benchmark the name
   * @param since the earliest start time included
   * @return the points; empty for an unknown benchmark
   */
  List<TrendPoint> trend(String benchmark, Instant since);

  /** Every benchmark with its latest score, by name. */
  List<BenchmarkSummary> benchmarks();

  /**
   * The oldest items of the learning queue not yet taken.
   *
   * @param limit how many at most; positive
   * @return up to {@code limit} items, oldest first
   */
  List<LearningItem> learningQueue(int limit);

  /**
   * Queues a stored result for learning with the reasons it matters, whatever its score (for
   * example a score that dropped after a change). A result already on the queue (it scored below
   * {@link #LEARNING_THRESHOLD}) stays one item, with the reasons before its hints; a taken one is
   * queued again.
   *
   * @param resultId a stored result
   * @param reasons why it is queued, one per entry, shown as the item's hints
   * @throws dev.beca.core.NotFoundException when there is no such result
   */
  void queueForLearning(long resultId, List<String> reasons);

  /**
   * Marks a learning item as taken, so that it leaves the queue.
   *
   * @param itemId the item
   * @throws dev.beca.core.NotFoundException when there is no such item in the queue
   */
  void takeFromLearningQueue(long itemId);

  /**
   * Claims the oldest open learning item for a worker, atomically: two workers (threads or
   * processes sharing the store) never hold the same item. An item is open when it was not taken,
   * completed or given up, and nobody holds an unexpired lease on it: the item of a worker that
   * crashed is claimable again once its lease has expired.
   *
   * @param worker who claims it (e.g. host and process id); not blank
   * @param lease how long the claim holds; positive
   * @return the item, or empty when none is open
   */
  Optional<LearningItem> claimFromLearningQueue(String worker, java.time.Duration lease);

  /**
   * Completes a claimed item: it leaves the queue for good.
   *
   * @param itemId the item
   * @param worker the worker that claimed it
   * @throws dev.beca.core.NotFoundException when the item is not open and claimed by this worker
   *     (its lease expired and another worker claimed it, or it was completed already)
   */
  void completeLearningItem(long itemId, String worker);

  /**
   * Gives a claimed item back after the work on it failed: it is open again (with the reason kept),
   * or, after {@link #MAX_LEARNING_ATTEMPTS} claims, it leaves the queue as failed.
   *
   * @param itemId the item
   * @param worker the worker that claimed it
   * @param reason what went wrong
   * @throws dev.beca.core.NotFoundException when the item is not open and claimed by this worker
   */
  void failLearningItem(long itemId, String worker, String reason);
}
