package dev.beca.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BenchmarkStore} implementation must pass. Extend it in the
 * implementation's tests and return a fresh, empty store. Published in beca-core's test-jar.
 */
public abstract class BenchmarkStoreContract {

  /** A moment the sample results start from. */
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private BenchmarkStore store;

  /**
   * Creates an empty store for one test.
   *
   * @return the store
   */
  protected abstract BenchmarkStore createStore() throws Exception;

  @BeforeEach
  void createFreshStore() throws Exception {
    store = createStore();
  }

  @Test
  void savedResultComesBackWholeWithItsId() {
    BenchmarkResult saved = store.save(SampleResults.good("svc", T0, "key-1"));

    assertThat(saved.id()).isPositive();
    assertThat(store.latest("svc")).contains(saved);
    assertThat(store.latest("svc").orElseThrow().probes().get(0).tests().cases()).hasSize(10);
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
}
