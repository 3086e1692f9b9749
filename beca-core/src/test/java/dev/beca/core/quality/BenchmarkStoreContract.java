package dev.beca.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.NotFoundException;
import dev.beca.core.conversation.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BenchmarkStore} implementation must pass. Extend it in the
 * implementation's tests and return a fresh, empty store. Published in beca-core's test-jar.
 */
public abstract class BenchmarkStoreContract {

  /** A moment the sample results start from. */
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** The clock handed to the store; learning queue leases are judged by it. */
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

  private BenchmarkStore store;

  /**
   * Creates an empty store for one test.
   *
   * @param clock the clock the store must stamp queue items and judge leases with
   * @return the store
   */
  protected abstract BenchmarkStore createStore(MutableClock clock) throws Exception;

  @BeforeEach
  void createFreshStore() throws Exception {
    store = createStore(clock);
  }

  /** The store of the running test (for implementation-specific tests). */
  protected BenchmarkStore store() {
    return store;
  }

  @Test
  void savedResultComesBackWholeWithItsId() {
    BenchmarkResult saved = store.save(SampleResults.good("svc", T0, "key-1"));

    assertThat(saved.id()).isPositive();
    assertThat(store.latest("svc")).contains(saved);
    assertThat(store.latest("svc").orElseThrow().probes().get(0).tests().cases()).hasSize(10);
  }

  @Test
  void anyStoredResultIsFoundByItsIdAndAnUnknownIdIsEmpty() {
    BenchmarkResult first = store.save(SampleResults.good("svc", T0, ""));
    BenchmarkResult other = store.save(SampleResults.poor("other", T0.plusSeconds(60), ""));

    assertThat(store.result(first.id())).contains(first);
    assertThat(store.result(other.id())).contains(other);
    assertThat(store.result(other.id() + 1000)).isEmpty();
  }

  @Test
  void latestIsTheMostRecentlyStartedResult() {
    store.save(SampleResults.good("svc", T0.plusSeconds(60), ""));
    BenchmarkResult newest = store.save(SampleResults.poor("svc", T0.plusSeconds(120), ""));
    store.save(SampleResults.good("svc", T0, ""));

    assertThat(store.latest("svc").orElseThrow().id()).isEqualTo(newest.id());
    assertThat(store.latest("other")).isEmpty();
  }

  @Test
  void cachedFindsOnlyTheSameBenchmarkAndNonEmptyKey() {
    BenchmarkResult saved = store.save(SampleResults.good("svc", T0, "key-1"));
    store.save(SampleResults.good("svc", T0.plusSeconds(1), ""));

    assertThat(store.cached("svc", "key-1")).contains(saved);
    assertThat(store.cached("svc", "key-2")).isEmpty();
    assertThat(store.cached("other", "key-1")).isEmpty();
    assertThat(store.cached("svc", "")).isEmpty();
  }

  @Test
  void trendListsScoresSinceTheGivenMomentOldestFirst() {
    BenchmarkResult day1 = store.save(SampleResults.good("svc", T0, ""));
    BenchmarkResult day2 = store.save(SampleResults.poor("svc", T0.plus(Duration.ofDays(1)), ""));
    BenchmarkResult day3 = store.save(SampleResults.good("svc", T0.plus(Duration.ofDays(2)), ""));
    store.save(SampleResults.poor("other", T0.plus(Duration.ofDays(2)), ""));

    List<TrendPoint> trend = store.trend("svc", T0.plus(Duration.ofHours(1)));

    assertThat(trend).extracting(TrendPoint::resultId).containsExactly(day2.id(), day3.id());
    assertThat(trend.get(0).score()).isEqualTo(day2.score().value());
    assertThat(trend.get(0).at()).isEqualTo(day2.startedAt());
    assertThat(trend.get(0).commit()).isEqualTo(day2.revision().commit());
    assertThat(store.trend("svc", T0))
        .hasSize(3)
        .first()
        .extracting(TrendPoint::resultId)
        .isEqualTo(day1.id());
    assertThat(store.trend("nobody", T0)).isEmpty();
  }

  @Test
  void benchmarksListsEachWithItsLatestScoreAndRunCount() {
    store.save(SampleResults.good("b-svc", T0, ""));
    BenchmarkResult latest = store.save(SampleResults.poor("b-svc", T0.plusSeconds(10), ""));
    BenchmarkResult other = store.save(SampleResults.good("a-lib", T0, ""));

    List<BenchmarkSummary> summaries = store.benchmarks();

    assertThat(summaries).extracting(BenchmarkSummary::name).containsExactly("a-lib", "b-svc");
    assertThat(summaries.get(0).latestScore()).isEqualTo(other.score().value());
    assertThat(summaries.get(1).runs()).isEqualTo(2);
    assertThat(summaries.get(1).latestScore()).isEqualTo(latest.score().value());
    assertThat(summaries.get(1).latestAt()).isEqualTo(latest.startedAt());
  }

  @Test
  void onlyResultsBelowTheThresholdAreQueuedForLearning() {
    BenchmarkResult good = store.save(SampleResults.good("svc", T0, ""));
    BenchmarkResult poor = store.save(SampleResults.poor("svc", T0.plusSeconds(1), ""));
    assertThat(good.score().value()).isGreaterThanOrEqualTo(BenchmarkStore.LEARNING_THRESHOLD);
    assertThat(poor.score().value()).isLessThan(BenchmarkStore.LEARNING_THRESHOLD);

    List<LearningItem> queue = store.learningQueue(10);

    assertThat(queue)
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.resultId()).isEqualTo(poor.id());
              assertThat(item.benchmark()).isEqualTo("svc");
              assertThat(item.score()).isEqualTo(poor.score().value());
              assertThat(item.hints()).isEqualTo(poor.score().hints()).isNotEmpty();
            });
  }

  @Test
  void anyResultCanBeQueuedWithItsReasons() {
    BenchmarkResult good = store.save(SampleResults.good("svc", T0, ""));

    store.queueForLearning(
        good.id(), List.of("score dropped 0.91 -> 0.85", "tests.passed 10 -> 9"));

    assertThat(store.learningQueue(10))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.resultId()).isEqualTo(good.id());
              assertThat(item.hints())
                  .containsExactly("score dropped 0.91 -> 0.85", "tests.passed 10 -> 9");
            });
    assertThatThrownBy(() -> store.queueForLearning(good.id() + 1000, List.of("x")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aResultAlreadyQueuedStaysOneItemWithTheReasonsFirst() {
    BenchmarkResult poor = store.save(SampleResults.poor("svc", T0, ""));

    store.queueForLearning(poor.id(), List.of("score dropped"));

    assertThat(store.learningQueue(10))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.hints().get(0)).isEqualTo("score dropped");
              assertThat(item.hints().subList(1, item.hints().size()))
                  .isEqualTo(poor.score().hints());
            });
  }

  @Test
  void takenItemsLeaveTheQueueAndCannotBeTakenTwice() {
    store.save(SampleResults.poor("svc", T0, ""));
    BenchmarkResult second = store.save(SampleResults.poor("svc", T0.plusSeconds(1), ""));
    LearningItem first = store.learningQueue(10).get(0);

    store.takeFromLearningQueue(first.id());

    assertThat(store.learningQueue(10))
        .singleElement()
        .extracting(LearningItem::resultId)
        .isEqualTo(second.id());
    assertThatThrownBy(() -> store.takeFromLearningQueue(first.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.takeFromLearningQueue(9999))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void learningQueueHonoursItsLimitOldestFirst() {
    BenchmarkResult first = store.save(SampleResults.poor("svc", T0, ""));
    store.save(SampleResults.poor("svc", T0.plusSeconds(1), ""));
    store.save(SampleResults.poor("svc", T0.plusSeconds(2), ""));

    assertThat(store.learningQueue(2))
        .hasSize(2)
        .first()
        .extracting(LearningItem::resultId)
        .isEqualTo(first.id());
    assertThatThrownBy(() -> store.learningQueue(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void claimedItemsAreHandedOutOnceOldestFirst() {
    BenchmarkResult first = store.save(SampleResults.poor("svc", T0, ""));
    BenchmarkResult second = store.save(SampleResults.poor("svc", T0.plusSeconds(1), ""));

    LearningItem a = store.claimFromLearningQueue("w1", Duration.ofMinutes(5)).orElseThrow();
    LearningItem b = store.claimFromLearningQueue("w2", Duration.ofMinutes(5)).orElseThrow();

    assertThat(a.resultId()).isEqualTo(first.id());
    assertThat(b.resultId()).isEqualTo(second.id());
    assertThat(a.hints()).isEqualTo(first.score().hints());
    assertThat(store.claimFromLearningQueue("w3", Duration.ofMinutes(5))).isEmpty();
    assertThat(store.learningQueue(10)).hasSize(2); // claimed, not yet done
  }

  @Test
  void completedItemsLeaveTheQueueForGood() {
    store.save(SampleResults.poor("svc", T0, ""));
    LearningItem item = store.claimFromLearningQueue("w1", Duration.ofMinutes(5)).orElseThrow();

    store.completeLearningItem(item.id(), "w1");

    assertThat(store.learningQueue(10)).isEmpty();
    clock.advance(Duration.ofHours(1));
    assertThat(store.claimFromLearningQueue("w1", Duration.ofMinutes(5))).isEmpty();
    assertThatThrownBy(() -> store.completeLearningItem(item.id(), "w1"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anExpiredLeaseMakesTheItemClaimableAgainAndTheOldClaimantLosesIt() {
    store.save(SampleResults.poor("svc", T0, ""));
    LearningItem crashed = store.claimFromLearningQueue("w1", Duration.ofMinutes(5)).orElseThrow();
    clock.advance(Duration.ofMinutes(4));
    assertThat(store.claimFromLearningQueue("w2", Duration.ofMinutes(5))).isEmpty();

    clock.advance(Duration.ofMinutes(2));
    Optional<LearningItem> again = store.claimFromLearningQueue("w2", Duration.ofMinutes(5));

    assertThat(again).map(LearningItem::id).contains(crashed.id());
    assertThatThrownBy(() -> store.completeLearningItem(crashed.id(), "w1"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("w1");
    store.completeLearningItem(crashed.id(), "w2");
    assertThat(store.learningQueue(10)).isEmpty();
  }

  @Test
  void aFailedItemIsOfferedAgainUntilItsAttemptsAreUsedUp() {
    store.save(SampleResults.poor("svc", T0, ""));
    for (int attempt = 1; attempt <= BenchmarkStore.MAX_LEARNING_ATTEMPTS; attempt++) {
      LearningItem item =
          store.claimFromLearningQueue("w" + attempt, Duration.ofMinutes(5)).orElseThrow();
      store.failLearningItem(item.id(), "w" + attempt, "model down");
    }

    assertThat(store.claimFromLearningQueue("w9", Duration.ofMinutes(5))).isEmpty();
    assertThat(store.learningQueue(10)).isEmpty();
    assertThatThrownBy(() -> store.failLearningItem(1, "w9", "x"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aRequeuedItemIsOpenAgainWithFreshAttempts() {
    BenchmarkResult poor = store.save(SampleResults.poor("svc", T0, ""));
    LearningItem item = store.claimFromLearningQueue("w1", Duration.ofMinutes(5)).orElseThrow();

    store.queueForLearning(poor.id(), List.of("score dropped"));

    LearningItem again = store.claimFromLearningQueue("w2", Duration.ofMinutes(5)).orElseThrow();
    assertThat(again.resultId()).isEqualTo(poor.id());
    assertThat(again.hints().get(0)).isEqualTo("score dropped");
    assertThatThrownBy(() -> store.completeLearningItem(item.id(), "w1"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void claimsRefuseABlankWorkerAndANonPositiveLease() {
    assertThatThrownBy(() -> store.claimFromLearningQueue(" ", Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.claimFromLearningQueue("w", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentWorkersNeverClaimTheSameItem() throws Exception {
    for (int i = 0; i < 30; i++) {
      store.save(SampleResults.poor("svc", T0.plusSeconds(i), ""));
    }
    Set<Long> claimed = ConcurrentHashMap.newKeySet();
    List<Long> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String worker = "w" + w;
        futures.add(
            pool.submit(
                () -> {
                  for (Optional<LearningItem> item =
                          store.claimFromLearningQueue(worker, Duration.ofMinutes(5));
                      item.isPresent();
                      item = store.claimFromLearningQueue(worker, Duration.ofMinutes(5))) {
                    if (!claimed.add(item.get().id())) {
                      duplicates.add(item.get().id());
                    }
                    store.completeLearningItem(item.get().id(), worker);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(duplicates).isEmpty();
    assertThat(claimed).hasSize(30);
    assertThat(store.learningQueue(100)).isEmpty();
  }
}
