package dev.beca.core.quality;

import dev.beca.core.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The smallest {@link BenchmarkStore} that passes the contract; a reference for other
 * implementations.
 */
public final class InMemoryBenchmarkStore implements BenchmarkStore {

  private final Clock clock;
  private final List<BenchmarkResult> results = new ArrayList<>();
  private final Map<Long, LearningItem> queue = new LinkedHashMap<>();

  /** The claim of an open item: who holds it until when, and how often it was claimed. */
  private record Claim(String worker, Instant leaseUntil, int attempts) {}

  private final Map<Long, Claim> claims = new java.util.HashMap<>();
  private long lastItemId;

  /** A store stamping queue items with the system clock. */
  public InMemoryBenchmarkStore() {
    this(Clock.systemUTC());
  }

  /** A store stamping queue items with a clock. */
  public InMemoryBenchmarkStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized BenchmarkResult save(BenchmarkResult result) {
    BenchmarkResult saved = result.withId(results.size() + 1L);
    results.add(saved);
    if (saved.score().value() < LEARNING_THRESHOLD) {
      long id = ++lastItemId;
      queue.put(
          id,
          new LearningItem(
              id,
              saved.id(),
              saved.benchmark(),
              saved.score().value(),
              saved.score().hints(),
              clock.instant()));
    }
    return saved;
  }

  @Override
  public synchronized void queueForLearning(long resultId, List<String> reasons) {
    BenchmarkResult result =
        results.stream()
            .filter(r -> r.id() == resultId)
            .findFirst()
            .orElseThrow(
                () ->
                    new dev.beca.core.NotFoundException(
                        "There is no benchmark result " + resultId + ".", "Store it first."));
    for (LearningItem open : queue.values()) {
      if (open.resultId() == resultId) {
        List<String> hints = new ArrayList<>(reasons);
        hints.addAll(open.hints());
        queue.put(
            open.id(),
            new LearningItem(
                open.id(), resultId, open.benchmark(), open.score(), hints, open.queuedAt()));
        claims.remove(open.id());
        return;
      }
    }
    long id = ++lastItemId;
    queue.put(
        id,
        new LearningItem(
            id, resultId, result.benchmark(), result.score().value(), reasons, clock.instant()));
  }

  private List<BenchmarkResult> of(String benchmark) {
    return results.stream()
        .filter(r -> r.benchmark().equals(benchmark))
        .sorted(
            Comparator.comparing(BenchmarkResult::startedAt).thenComparingLong(BenchmarkResult::id))
        .toList();
  }

  @Override
  public synchronized Optional<BenchmarkResult> latest(String benchmark) {
    List<BenchmarkResult> list = of(benchmark);
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
  }

  @Override
  public synchronized Optional<BenchmarkResult> result(long resultId) {
    return results.stream().filter(r -> r.id() == resultId).findFirst();
  }

  @Override
  public synchronized Optional<BenchmarkResult> cached(String benchmark, String cacheKey) {
    if (cacheKey == null || cacheKey.isEmpty()) {
      return Optional.empty();
    }
    List<BenchmarkResult> list =
        of(benchmark).stream().filter(r -> r.cacheKey().equals(cacheKey)).toList();
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
  }

  @Override
  public synchronized List<TrendPoint> trend(String benchmark, Instant since) {
    return of(benchmark).stream()
        .filter(r -> !r.startedAt().isBefore(since))
        .map(
            r ->
                new TrendPoint(
                    r.id(),
                    r.startedAt(),
                    r.score().value(),
                    r.revision().commit(),
                    r.revision().dirty()))
        .toList();
  }

  @Override
  public synchronized List<BenchmarkSummary> benchmarks() {
    Map<String, List<BenchmarkResult>> byName = new TreeMap<>();
    results.forEach(r -> byName.computeIfAbsent(r.benchmark(), k -> new ArrayList<>()).add(r));
    return byName.keySet().stream()
        .map(
            name -> {
              List<BenchmarkResult> list = of(name);
              BenchmarkResult latest = list.get(list.size() - 1);
              return new BenchmarkSummary(
                  name,
                  latest.projectPath(),
                  list.size(),
                  latest.score().value(),
                  latest.startedAt(),
                  latest.revision().commit());
            })
        .toList();
  }

  @Override
  public synchronized List<LearningItem> learningQueue(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    return queue.values().stream().limit(limit).toList();
  }

  @Override
  public synchronized void takeFromLearningQueue(long itemId) {
    if (queue.remove(itemId) == null) {
      throw new NotFoundException(
          "There is no open learning queue item " + itemId + ".", "List the queue.");
    }
    claims.remove(itemId);
  }

  @Override
  public synchronized Optional<LearningItem> claimFromLearningQueue(
      String worker, java.time.Duration lease) {
    if (worker == null || worker.isBlank()) {
      throw new IllegalArgumentException("worker must not be blank");
    }
    if (lease == null || lease.isZero() || lease.isNegative()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    Instant now = clock.instant();
    for (LearningItem item : queue.values()) {
      Claim claim = claims.get(item.id());
      if (claim == null || claim.worker() == null || !claim.leaseUntil().isAfter(now)) {
        int attempts = claim == null ? 0 : claim.attempts();
        claims.put(item.id(), new Claim(worker, now.plus(lease), attempts + 1));
        return Optional.of(item);
      }
    }
    return Optional.empty();
  }

  private Claim held(long itemId, String worker) {
    Claim claim = claims.get(itemId);
    if (!queue.containsKey(itemId) || claim == null || !worker.equals(claim.worker())) {
      throw new NotFoundException(
          "Learning queue item " + itemId + " is not open and claimed by " + worker + ".",
          "Claim an item before completing it; a claim whose lease expired may be taken by another worker.");
    }
    return claim;
  }

  @Override
  public synchronized void completeLearningItem(long itemId, String worker) {
    held(itemId, worker);
    queue.remove(itemId);
    claims.remove(itemId);
  }

  @Override
  public synchronized void failLearningItem(long itemId, String worker, String reason) {
    Claim claim = held(itemId, worker);
    if (claim.attempts() >= MAX_LEARNING_ATTEMPTS) {
      queue.remove(itemId);
      claims.remove(itemId);
    } else {
      claims.put(itemId, new Claim(null, Instant.MIN, claim.attempts()));
    }
  }
}
