package dev.beca.core.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.quality.InMemoryBenchmarkStore;
import dev.beca.core.quality.LearningItem;
import dev.beca.core.quality.SampleResults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LearningLoopTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryBenchmarkStore benchmarks = new InMemoryBenchmarkStore(clock);
  private final InMemoryPatternStore patterns = new InMemoryPatternStore(clock);

  private LearningLoop.Builder loop(LearningWork work) {
    return LearningLoop.builder().queue(benchmarks).work(work).worker("test");
  }

  @Test
  void runOnceRecordsTheHintsOfALowResultAsABuildPatternAndCompletesIt() {
    BenchmarkResult poor = benchmarks.save(SampleResults.poor("svc", T0, ""));
    benchmarks.queueForLearning(poor.id(), List.of("score dropped 0.91 -> 0.55"));
    LearningLoop learning = loop(new BenchmarkHintPatterns(patterns)).build();

    assertThat(learning.runOnce()).isTrue();

    Pattern recorded = patterns.list(Optional.empty(), 10).get(0);
    assertThat(recorded.kind()).isEqualTo(PatternKind.BUILD);
    assertThat(recorded.source()).isEqualTo(PatternSource.BENCHMARK);
    assertThat(recorded.request()).isEqualTo("Improve benchmark svc");
    assertThat(recorded.solutionSummary().lines().toList())
        .first()
        .isEqualTo("score dropped 0.91 -> 0.55");
    assertThat(recorded.solutionSummary()).contains(poor.score().hints().get(0));
    assertThat(recorded.evidence()).containsExactly("benchmark-result:" + poor.id());
    assertThat(benchmarks.learningQueue(10)).isEmpty();
    assertThat(learning.runOnce()).isFalse();
    assertThat(learning.stats()).isEqualTo(new LearningLoop.Stats(1, 0, 1));
  }

  @Test
  void workThatThrowsFailsTheItemWhichIsOfferedAgainThenGivenUp() {
    benchmarks.save(SampleResults.poor("svc", T0, ""));
    AtomicInteger calls = new AtomicInteger();
    LearningLoop learning =
        loop(item -> {
              calls.incrementAndGet();
              throw new IllegalStateException("model down");
            })
            .build();

    while (learning.runOnce()) {
      // each failure gives the item back until its attempts are used up
    }

    assertThat(calls).hasValue(BenchmarkStore.MAX_LEARNING_ATTEMPTS);
    assertThat(learning.stats().failed()).isEqualTo(BenchmarkStore.MAX_LEARNING_ATTEMPTS);
    assertThat(benchmarks.learningQueue(10)).isEmpty();
  }

  @Test
  void anItemHeldByACrashedWorkerIsResumedOnceItsLeaseExpires() {
    benchmarks.save(SampleResults.poor("svc", T0, ""));
    LearningItem held =
        benchmarks.claimFromLearningQueue("crashed", Duration.ofMinutes(10)).orElseThrow();
    LearningLoop learning =
        loop(new BenchmarkHintPatterns(patterns)).lease(Duration.ofMinutes(10)).build();

    assertThat(learning.runOnce()).isFalse();
    clock.advance(Duration.ofMinutes(11));
    assertThat(learning.runOnce()).isTrue();

    assertThat(patterns.list(Optional.empty(), 10)).hasSize(1);
    assertThat(benchmarks.learningQueue(10)).isEmpty();
    assertThat(held.id()).isPositive();
  }

  @Test
  void theBackgroundLoopIsBoundedByItsIntervalAndStops() throws Exception {
    for (int i = 0; i < 3; i++) {
      benchmarks.save(SampleResults.poor("svc", T0.plusSeconds(i), ""));
    }
    CountDownLatch first = new CountDownLatch(1);
    LearningLoop learning =
        loop(item -> {
              first.countDown();
              return "ok";
            })
            .minInterval(Duration.ofHours(1))
            .build();

    learning.start();
    assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
    learning.stop();

    assertThat(learning.isRunning()).isFalse();
    assertThat(learning.stats().completed()).isEqualTo(1); // the next item waits an hour
    assertThat(benchmarks.learningQueue(10)).hasSize(2);
    assertThatThrownBy(learning::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anIdleLoopLooksOnceThenWaitsAndStopsAtOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    LearningLoop learning =
        loop(item -> {
              calls.incrementAndGet();
              return "ok";
            })
            .idleDelay(Duration.ofHours(1))
            .build();

    learning.start();
    for (int i = 0; i < 3000 && learning.stats().idlePolls() == 0; i++) {
      Thread.sleep(10);
    }
    learning.stop(); // wakes the hour-long wait

    assertThat(learning.isRunning()).isFalse();
    assertThat(learning.stats().idlePolls()).isEqualTo(1);
    assertThat(calls).hasValue(0);
  }

  @Test
  void theBuilderRefusesMissingPartsAndNonPositiveDurations() {
    assertThatThrownBy(() -> LearningLoop.builder().work(item -> "").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("queue");
    assertThatThrownBy(() -> LearningLoop.builder().idleDelay(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idleDelay");
    assertThatThrownBy(() -> LearningLoop.builder().worker(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClosedGateKeepsTheLoopFromClaimingAnything() {
    benchmarks.save(SampleResults.poor("svc", T0, ""));
    java.util.concurrent.atomic.AtomicBoolean open =
        new java.util.concurrent.atomic.AtomicBoolean();
    LearningLoop learning = loop(new BenchmarkHintPatterns(patterns)).mayWork(open::get).build();

    assertThat(learning.runOnce()).isFalse();
    assertThat(benchmarks.learningQueue(10)).hasSize(1);

    open.set(true);
    assertThat(learning.runOnce()).isTrue();
    assertThat(benchmarks.learningQueue(10)).isEmpty();
  }

  @Test
  void queuedExtractionsComeAfterTheLearningQueue() {
    InMemoryLessonStore lessons = new InMemoryLessonStore(clock);
    lessons.queueExtraction("s-1", 0);
    benchmarks.save(SampleResults.poor("svc", T0, ""));
    List<String> done = new java.util.ArrayList<>();
    LearningLoop learning =
        loop(item -> done.add("benchmark") ? "ok" : "")
            .extractions(lessons, item -> done.add("session " + item.sessionId()) ? "ok" : "")
            .build();

    while (learning.runOnce()) {
      // both sources until empty
    }

    assertThat(done).containsExactly("benchmark", "session s-1");
    assertThat(lessons.extractions(Optional.of(ExtractionItem.State.DONE), 10)).hasSize(1);
  }

  @Test
  void anExtractionFailureKeepsTheRawReply() {
    InMemoryLessonStore lessons = new InMemoryLessonStore(clock);
    lessons.queueExtraction("s-1", 4);
    LearningLoop learning =
        LearningLoop.builder()
            .extractions(
                lessons,
                item -> {
                  throw new ExtractionFailedException("not in the format", "Sure! Here goes.");
                })
            .worker("test")
            .build();

    assertThat(learning.runOnce()).isTrue();

    ExtractionItem kept = lessons.extractions(Optional.empty(), 1).get(0);
    assertThat(kept.failure()).contains("not in the format");
    assertThat(kept.rawReply()).isEqualTo("Sure! Here goes.");
    assertThat(kept.state()).isEqualTo(ExtractionItem.State.OPEN);
  }
}
