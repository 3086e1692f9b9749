package dev.beca.core.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.conversation.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link LessonStore} implementation must pass.
 *
 * <p>Extend it in the implementation's tests and return a fresh, empty store that uses the given
 * clock and decides merges with a {@link LessonMatcher} (keywords only is enough: the texts here
 * repeat one another nearly word for word). Published in beca-core's test-jar so that a user's own
 * store is held to the same rules as the stock SQLite one.
 */
public abstract class LessonStoreContract {

  /** The clock handed to the store, at 2026-01-01T00:00:00Z at the start of each test. */
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private LessonStore lessons;

  /**
   * Creates an empty store for one test.
   *
   * @param clock the clock the store must stamp lessons with
   * @return the store
   */
  protected abstract LessonStore createStore(MutableClock clock) throws Exception;

  @BeforeEach
  void createFreshStore() throws Exception {
    lessons = createStore(clock);
  }

  private static final String FLYWAY =
      "Run Flyway migrations against a temporary SQLite file in integration tests.";

  /** Adds {@link #FLYWAY} as a testing lesson with the evidence {@code message:1}. */
  private Lesson addFlyway() {
    return lessons
        .add(NewLesson.of(LessonCategory.TESTING, FLYWAY).withEvidence("message:1"))
        .lesson();
  }

  @Test
  void addedLessonIsStoredWithEveryField() {
    LessonAddition added =
        lessons.add(
            new NewLesson(
                FLYWAY,
                " Testing ",
                LessonSource.BENCHMARK,
                List.of("benchmark-result:7", "message:12"),
                0.7));

    assertThat(added.outcome()).isEqualTo(LessonAddition.Outcome.ADDED);
    assertThat(added.previous()).isEmpty();
    Lesson lesson = added.lesson();
    assertThat(lesson.id()).isPositive();
    assertThat(lesson.text()).isEqualTo(FLYWAY);
    assertThat(lesson.category()).isEqualTo("testing");
    assertThat(lesson.source()).isEqualTo(LessonSource.BENCHMARK);
    assertThat(lesson.evidence()).containsExactly("benchmark-result:7", "message:12");
    assertThat(lesson.createdAt()).isEqualTo(clock.instant());
    assertThat(lesson.updatedAt()).isEqualTo(clock.instant());
    assertThat(lesson.confidence()).isEqualTo(0.7);
    assertThat(lesson.reuseCount()).isZero();
    assertThat(lesson.lastUsedAt()).isEmpty();
    assertThat(lesson.supersededBy()).isEmpty();
    assertThat(lessons.find(lesson.id())).contains(lesson);
  }

  @Test
  void unknownLessonIsNotFound() {
    assertThat(lessons.find(999)).isEmpty();
    assertThat(lessons.history(999)).isEmpty();
    assertThatThrownBy(() -> lessons.forget(999))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("999");
  }

  @Test
  void secretsAreRedactedBeforeStorage() {
    String token = "ghp_" + "Zq8Xw2Ld7Rt5Nb3Kc9Vm1Hs6Jf4Gp0Ay2UeA";

    Lesson stored =
        lessons
            .add(
                NewLesson.of(
                    LessonCategory.TOOLING,
                    "Authenticate the GitHub CLI with the token " + token + " before pushing."))
            .lesson();

    assertThat(stored.text()).doesNotContain(token).contains("Authenticate the GitHub CLI");
    assertThat(lessons.find(stored.id()).orElseThrow().text()).doesNotContain(token);
    assertThat(lessons.search("GitHub CLI token", 5))
        .allSatisfy(hit -> assertThat(hit.lesson().text()).doesNotContain(token));
  }

  @Test
  void nearDuplicateMergesItsEvidenceInsteadOfAddingARow() {
    Lesson first = addFlyway();
    clock.advance(Duration.ofMinutes(5));

    LessonAddition again =
        lessons.add(
            NewLesson.of(
                    LessonCategory.TESTING,
                    "In integration tests, run the Flyway migrations against a temporary SQLite"
                        + " file.")
                .withEvidence("message:2", "message:1"));

    assertThat(again.outcome()).isEqualTo(LessonAddition.Outcome.MERGED);
    assertThat(again.previous()).isEqualTo(OptionalLong.of(first.id()));
    Lesson merged = lessons.find(first.id()).orElseThrow();
    assertThat(again.lesson()).isEqualTo(merged);
    assertThat(merged.text()).isEqualTo(FLYWAY);
    assertThat(merged.evidence()).containsExactly("message:1", "message:2");
    assertThat(merged.createdAt()).isEqualTo(first.createdAt());
    assertThat(merged.updatedAt()).isEqualTo(clock.instant());
    assertThat(merged.confidence()).isGreaterThan(first.confidence());
    assertThat(lessons.top(Optional.empty(), 10)).hasSize(1);
  }

  private static final String FLYWAY_REWORDED =
      "In integration tests, run the Flyway migrations against a temporary SQLite file.";

  @Test
  void aMergedTextIsKeptWithWhatItCameWith() {
    Lesson first = addFlyway();
    clock.advance(Duration.ofMinutes(5));

    LessonAddition again =
        lessons.add(
            new NewLesson(
                FLYWAY_REWORDED,
                "testing",
                LessonSource.BENCHMARK,
                List.of("benchmark-result:3", "message:1"),
                0.6));

    assertThat(again.outcome()).isEqualTo(LessonAddition.Outcome.MERGED);
    assertThat(lessons.mergedInto(first.id()))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(again.mergedText()).hasValue(t.id());
              assertThat(t.id()).isPositive();
              assertThat(t.lessonId()).isEqualTo(first.id());
              assertThat(t.text()).isEqualTo(FLYWAY_REWORDED);
              assertThat(t.category()).isEqualTo("testing");
              assertThat(t.source()).isEqualTo(LessonSource.BENCHMARK);
              assertThat(t.evidence()).containsExactly("benchmark-result:3", "message:1");
              assertThat(t.confidence()).isEqualTo(0.6);
              assertThat(t.mergedAt()).isEqualTo(clock.instant());
            });
    assertThat(lessons.mergedInto(first.id() + 1000)).isEmpty();
  }

  @Test
  void aSecretInAMergedTextIsRedactedBeforeItIsKept() {
    String token = "ghp_" + "Zq8Xw2Ld7Rt5Nb3Kc9Vm1Hs6Jf4Gp0Ay2UeA";
    Lesson first =
        lessons
            .add(
                NewLesson.of(
                    LessonCategory.TOOLING,
                    "Authenticate the GitHub CLI with the token " + token + " before pushing."))
            .lesson();

    LessonAddition again =
        lessons.add(
            NewLesson.of(
                LessonCategory.TOOLING,
                "Before pushing, authenticate the GitHub CLI with the token " + token + "."));

    assertThat(again.outcome()).isEqualTo(LessonAddition.Outcome.MERGED);
    assertThat(lessons.mergedInto(first.id()))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.text())
                    .startsWith("Before pushing, authenticate the GitHub CLI")
                    .doesNotContain(token));
  }

  @Test
  void anExactRepeatKeepsNoMergedTextAndTheSameRewordingKeepsOne() {
    Lesson first = addFlyway();

    LessonAddition repeat =
        lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY).withEvidence("message:2"));
    assertThat(repeat.outcome()).isEqualTo(LessonAddition.Outcome.MERGED);
    assertThat(repeat.mergedText()).isEmpty();
    assertThat(lessons.mergedInto(first.id())).isEmpty();

    lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY_REWORDED).withEvidence("message:3"));
    lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY_REWORDED).withEvidence("message:4"));
    assertThat(lessons.mergedInto(first.id()))
        .singleElement()
        .satisfies(t -> assertThat(t.evidence()).containsExactly("message:3", "message:4"));
  }

  @Test
  void splitMakesAMergedTextALessonAndTakesBackWhatTheMergeGave() {
    Lesson first = addFlyway();
    lessons.add(
        new NewLesson(
            FLYWAY_REWORDED, "tooling", LessonSource.CONVERSATION, List.of("message:2"), 0.4));
    MergedText merged = lessons.mergedInto(first.id()).get(0);
    assertThat(lessons.find(first.id()).orElseThrow().evidence())
        .containsExactly("message:1", "message:2");
    clock.advance(Duration.ofMinutes(5));
    assertThat(lessons.search("Flyway migrations temporary SQLite", 5)).hasSize(1);

    LessonAddition split = lessons.split(merged.id());

    assertThat(split.outcome()).isEqualTo(LessonAddition.Outcome.ADDED);
    Lesson added = split.lesson();
    assertThat(added.id()).isNotEqualTo(first.id());
    assertThat(added.text()).isEqualTo(FLYWAY_REWORDED);
    assertThat(added.category()).isEqualTo("tooling");
    assertThat(added.evidence()).containsExactly("message:2");
    assertThat(added.confidence()).isEqualTo(0.4);
    assertThat(added.createdAt()).isEqualTo(clock.instant());
    assertThat(lessons.find(added.id())).contains(added);
    Lesson back = lessons.find(first.id()).orElseThrow();
    assertThat(back.evidence()).containsExactly("message:1");
    assertThat(back.confidence()).isCloseTo(first.confidence(), within(1e-9));
    assertThat(lessons.mergedInto(first.id())).isEmpty();
    assertThat(lessons.top(Optional.empty(), 10))
        .extracting(Lesson::id)
        .containsExactlyInAnyOrder(first.id(), added.id());
    assertThat(lessons.search("Flyway migrations temporary SQLite", 5))
        .extracting(hit -> hit.lesson().id())
        .contains(added.id());
    assertThatThrownBy(() -> lessons.split(merged.id()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(String.valueOf(merged.id()));
  }

  @Test
  void splitAfterTheSameRewordingMergedTwiceTakesBackBothMerges() {
    Lesson first = addFlyway();
    lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY_REWORDED).withEvidence("message:2"));
    lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY_REWORDED).withEvidence("message:3"));
    assertThat(lessons.find(first.id()).orElseThrow().confidence())
        .isCloseTo(first.confidence() + 2 * LessonStore.MERGE_CONFIDENCE_GAIN, within(1e-9));

    lessons.split(lessons.mergedInto(first.id()).get(0).id());

    Lesson back = lessons.find(first.id()).orElseThrow();
    assertThat(back.confidence()).isCloseTo(first.confidence(), within(1e-9));
    assertThat(back.evidence()).containsExactly("message:1");
  }

  @Test
  void splitKeepsTheEvidenceAnotherMergedTextBroughtToo() {
    Lesson first = addFlyway();
    lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY_REWORDED).withEvidence("message:2"));
    lessons.add(
        NewLesson.of(
                LessonCategory.TESTING,
                "Run the Flyway migrations against a temporary SQLite file in the integration"
                    + " tests.")
            .withEvidence("message:2", "message:3"));
    List<MergedText> merged = lessons.mergedInto(first.id());
    assertThat(merged).hasSize(2);

    lessons.split(merged.get(0).id());

    assertThat(lessons.find(first.id()).orElseThrow().evidence())
        .containsExactly("message:1", "message:2", "message:3");
    assertThat(lessons.mergedInto(first.id()))
        .extracting(MergedText::id)
        .containsExactly(merged.get(1).id());

    lessons.split(merged.get(1).id());

    assertThat(lessons.find(first.id()).orElseThrow().evidence()).containsExactly("message:1");
  }

  @Test
  void splitKeepsTheLinksAnExactRepeatOrFeedbackBroughtToo() {
    Lesson first = addFlyway();
    lessons.add(
        NewLesson.of(LessonCategory.TESTING, FLYWAY_REWORDED)
            .withEvidence("message:2", "message:3", "against:message:7"));
    lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY).withEvidence("message:2"));
    lessons.lowerConfidence(List.of(first.id()), "message:7");

    lessons.split(lessons.mergedInto(first.id()).get(0).id());

    assertThat(lessons.find(first.id()).orElseThrow().evidence())
        .containsExactly("message:1", "message:2", "against:message:7");
  }

  @Test
  void splitLeavesTheConfidenceTheOtherMergedTextsWouldHaveGiven() {
    Lesson first = lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY)).lesson();
    lessons.add(
        new NewLesson(FLYWAY_REWORDED, "testing", LessonSource.CONVERSATION, List.of(), 0.9));
    lessons.add(
        new NewLesson(
            "Run the Flyway migrations against a temporary SQLite file in the integration tests.",
            "testing",
            LessonSource.CONVERSATION,
            List.of(),
            0.9));
    List<MergedText> merged = lessons.mergedInto(first.id());
    assertThat(merged).hasSize(2);
    assertThat(lessons.find(first.id()).orElseThrow().confidence()).isCloseTo(1.0, within(1e-9));

    lessons.split(merged.get(0).id());

    assertThat(lessons.find(first.id()).orElseThrow().confidence())
        .isCloseTo(0.9 + LessonStore.MERGE_CONFIDENCE_GAIN, within(1e-9));

    lessons.split(merged.get(1).id());

    assertThat(lessons.find(first.id()).orElseThrow().confidence())
        .isCloseTo(first.confidence(), within(1e-9));
  }

  @Test
  void splitMergesIntoTheActiveLessonThatHasTheTextByNow() {
    Lesson first = lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY)).lesson();
    lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY_REWORDED).withEvidence("message:2"));
    MergedText merged = lessons.mergedInto(first.id()).get(0);
    LessonAddition never =
        lessons.add(
            NewLesson.of(
                LessonCategory.TESTING,
                "Never run Flyway migrations against a temporary SQLite file in integration"
                    + " tests."));
    assertThat(never.outcome()).isEqualTo(LessonAddition.Outcome.SUPERSEDED);
    LessonAddition reworded =
        lessons.add(
            NewLesson.of(LessonCategory.TESTING, FLYWAY_REWORDED).withEvidence("message:3"));
    assertThat(reworded.outcome()).isEqualTo(LessonAddition.Outcome.SUPERSEDED);

    LessonAddition split = lessons.split(merged.id());

    assertThat(split.outcome()).isEqualTo(LessonAddition.Outcome.MERGED);
    assertThat(split.previous()).hasValue(reworded.lesson().id());
    assertThat(split.mergedText()).isEmpty();
    assertThat(split.lesson().evidence()).containsExactly("message:3", "message:2");
    assertThat(split.lesson().confidence())
        .isCloseTo(
            reworded.lesson().confidence() + LessonStore.MERGE_CONFIDENCE_GAIN, within(1e-9));
    assertThat(lessons.top(Optional.empty(), 10))
        .extracting(Lesson::id)
        .containsExactly(reworded.lesson().id());
  }

  @Test
  void forgetRemovesTheTextsMergedIntoTheLesson() {
    Lesson first = lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY)).lesson();
    lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY_REWORDED));
    MergedText merged = lessons.mergedInto(first.id()).get(0);

    lessons.forget(first.id());

    assertThat(lessons.mergedInto(first.id())).isEmpty();
    assertThatThrownBy(() -> lessons.split(merged.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void contradictionSupersedesAndKeepsTheOldLessonInHistory() {
    Lesson old =
        lessons
            .add(
                NewLesson.of(
                    LessonCategory.TOOLING, "Use the Gradle daemon for builds on the CI server."))
            .lesson();
    clock.advance(Duration.ofHours(1));

    LessonAddition replaced =
        lessons.add(
            NewLesson.of(
                LessonCategory.TOOLING,
                "Never use the Gradle daemon for builds on the CI server."));

    assertThat(replaced.outcome()).isEqualTo(LessonAddition.Outcome.SUPERSEDED);
    assertThat(replaced.previous()).isEqualTo(OptionalLong.of(old.id()));
    Lesson current = replaced.lesson();
    assertThat(current.id()).isNotEqualTo(old.id());
    Lesson kept = lessons.find(old.id()).orElseThrow();
    assertThat(kept.text()).isEqualTo(old.text());
    assertThat(kept.supersededBy()).isEqualTo(OptionalLong.of(current.id()));
    assertThat(lessons.history(old.id()))
        .extracting(Lesson::id)
        .containsExactly(old.id(), current.id());
    assertThat(lessons.history(current.id()))
        .extracting(Lesson::id)
        .containsExactly(old.id(), current.id());
    assertThat(lessons.top(Optional.empty(), 10))
        .extracting(Lesson::id)
        .containsExactly(current.id());
    assertThat(lessons.search("Gradle daemon CI", 10))
        .extracting(hit -> hit.lesson().id())
        .containsExactly(current.id());
  }

  @Test
  void distinctLessonsAreBothAdded() {
    lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY));
    LessonAddition other =
        lessons.add(
            NewLesson.of(
                LessonCategory.PERFORMANCE,
                "Batch JDBC inserts inside one transaction to load a million rows quickly."));

    assertThat(other.outcome()).isEqualTo(LessonAddition.Outcome.ADDED);
    assertThat(lessons.top(Optional.empty(), 10)).hasSize(2);
  }

  @Test
  void twoThreadsAddingTheSameLessonAtOnceLeaveOneRow() throws Exception {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<LessonAddition>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return lessons.add(
                      NewLesson.of(LessonCategory.TESTING, FLYWAY).withEvidence("message:" + n));
                }));
      }
      start.countDown();
      List<LessonAddition> done = new ArrayList<>();
      for (Future<LessonAddition> f : results) {
        done.add(f.get());
      }
      assertThat(done).filteredOn(a -> a.outcome() == LessonAddition.Outcome.ADDED).hasSize(1);
      List<Lesson> all = lessons.top(Optional.empty(), 10);
      assertThat(all).hasSize(1);
      assertThat(all.get(0).evidence())
          .containsExactlyInAnyOrder("message:0", "message:1", "message:2", "message:3");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void searchFindsLessonsByTheirWordsBestFirstWithoutSuperseded() {
    Lesson flyway = lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY)).lesson();
    lessons.add(
        NewLesson.of(
            LessonCategory.DEBUGGING,
            "Read the whole stack trace before changing code; the cause is usually at the bottom."));
    lessons.add(
        NewLesson.of(
            LessonCategory.PERFORMANCE,
            "Batch JDBC inserts inside one transaction to load a million rows quickly."));

    List<LessonHit> hits = lessons.search("flyway migrations sqlite", 2);

    assertThat(hits).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(hits.get(0).lesson().id()).isEqualTo(flyway.id());
    assertThat(lessons.search("'; DROP TABLE lessons; -- \"unbalanced (", 5)).isNotNull();
    assertThatThrownBy(() -> lessons.search("  ", 5)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void topRanksByReuseThenConfidenceAndFiltersByCategory() {
    Lesson a =
        lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY).withConfidence(0.9)).lesson();
    Lesson b =
        lessons
            .add(
                NewLesson.of(
                        LessonCategory.TESTING,
                        "Name each test after the behaviour it checks, not after the method.")
                    .withConfidence(0.5))
            .lesson();
    Lesson c =
        lessons
            .add(
                NewLesson.of(
                        LessonCategory.PERFORMANCE,
                        "Batch JDBC inserts inside one transaction to load a million rows.")
                    .withConfidence(0.3))
            .lesson();

    assertThat(lessons.top(Optional.empty(), 10))
        .extracting(Lesson::id)
        .containsExactly(a.id(), b.id(), c.id());

    lessons.recordUse(List.of(c.id()), 0);
    lessons.recordUse(List.of(c.id(), b.id()), 0);

    assertThat(lessons.top(Optional.empty(), 10))
        .extracting(Lesson::id)
        .containsExactly(c.id(), b.id(), a.id());
    assertThat(lessons.top(Optional.of("Testing"), 10))
        .extracting(Lesson::id)
        .containsExactly(b.id(), a.id());
    assertThat(lessons.top(Optional.empty(), 1)).extracting(Lesson::id).containsExactly(c.id());
    assertThatThrownBy(() -> lessons.top(Optional.of("no good!"), 10))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void recordUseCountsEachLessonOnceAndRemembersTheMessage() {
    Lesson a = lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY)).lesson();
    clock.advance(Duration.ofMinutes(3));

    lessons.recordUse(List.of(a.id(), a.id(), 12345L), 42);

    Lesson used = lessons.find(a.id()).orElseThrow();
    assertThat(used.reuseCount()).isEqualTo(1);
    assertThat(used.lastUsedAt()).contains(clock.instant());
    assertThat(lessons.usedBy(42)).containsExactly(a.id());
    assertThat(lessons.usedBy(43)).isEmpty();
  }

  @Test
  void lowerConfidenceTakesOffThePenaltyAndRecordsTheFailure() {
    Lesson a =
        lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY).withConfidence(0.55)).lesson();

    lessons.lowerConfidence(List.of(a.id()), "message:77");

    Lesson lowered = lessons.find(a.id()).orElseThrow();
    assertThat(lowered.confidence())
        .isCloseTo(
            0.55 - LessonStore.CONFIDENCE_PENALTY, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(lowered.evidence()).contains("against:message:77");
    for (int i = 0; i < 10; i++) {
      lessons.lowerConfidence(List.of(a.id()), "message:77");
    }
    assertThat(lessons.find(a.id()).orElseThrow().confidence()).isZero();
  }

  private static final org.assertj.core.data.Offset<Double> CLOSE =
      org.assertj.core.data.Offset.offset(1e-9);

  @Test
  void aSuccessfulTurnRaisesTheConfidenceOfTheLessonsItUsedOnce() {
    Lesson used =
        lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY).withConfidence(0.5)).lesson();
    Lesson unused =
        lessons
            .add(
                NewLesson.of(LessonCategory.TOOLING, "Pass -o to Maven when offline.")
                    .withConfidence(0.5))
            .lesson();
    lessons.recordUse(List.of(used.id()), 40);

    assertThat(lessons.judgeTurn(40, TurnOutcome.Verdict.SUCCEEDED, "message:40"))
        .containsExactly(used.id());
    assertThat(lessons.judgeTurn(40, TurnOutcome.Verdict.SUCCEEDED, "message:40")).isEmpty();

    assertThat(lessons.find(used.id()).orElseThrow().confidence())
        .isCloseTo(0.5 + LessonStore.CONFIDENCE_GAIN, CLOSE);
    assertThat(lessons.find(unused.id()).orElseThrow().confidence()).isCloseTo(0.5, CLOSE);
    TurnOutcome outcome = lessons.turnOutcome(40).orElseThrow();
    assertThat(outcome.verdict()).isEqualTo(TurnOutcome.Verdict.SUCCEEDED);
    assertThat(outcome.reason()).isEqualTo("message:40");
    assertThat(lessons.turnOutcome(41)).isEmpty();
  }

  @Test
  void aFailedTurnLowersTheConfidenceOfItsLessonsAndRecordsWhy() {
    Lesson used =
        lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY).withConfidence(0.5)).lesson();
    lessons.recordUse(List.of(used.id()), 40);

    assertThat(lessons.judgeTurn(40, TurnOutcome.Verdict.FAILED, "turn-error:message:40"))
        .containsExactly(used.id());
    // A failure stays a failure: neither another failure nor a success changes it.
    assertThat(lessons.judgeTurn(40, TurnOutcome.Verdict.FAILED, "undo:message:40")).isEmpty();
    assertThat(lessons.judgeTurn(40, TurnOutcome.Verdict.SUCCEEDED, "message:40")).isEmpty();

    Lesson lowered = lessons.find(used.id()).orElseThrow();
    assertThat(lowered.confidence()).isCloseTo(0.5 - LessonStore.CONFIDENCE_PENALTY, CLOSE);
    assertThat(lowered.evidence()).contains("against:turn-error:message:40");
    assertThat(lowered.evidence()).doesNotContain("against:undo:message:40");
    assertThat(lessons.turnOutcome(40).orElseThrow().verdict())
        .isEqualTo(TurnOutcome.Verdict.FAILED);
  }

  @Test
  void aFailureAfterASuccessTakesTheGainBackToo() {
    Lesson used =
        lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY).withConfidence(0.5)).lesson();
    lessons.recordUse(List.of(used.id()), 40);
    lessons.judgeTurn(40, TurnOutcome.Verdict.SUCCEEDED, "message:40");

    assertThat(lessons.judgeTurn(40, TurnOutcome.Verdict.FAILED, "benchmark-result:7"))
        .containsExactly(used.id());

    Lesson lowered = lessons.find(used.id()).orElseThrow();
    assertThat(lowered.confidence()).isCloseTo(0.5 - LessonStore.CONFIDENCE_PENALTY, CLOSE);
    assertThat(lowered.evidence()).contains("against:benchmark-result:7");
    assertThat(lessons.turnOutcome(40).orElseThrow().reason()).isEqualTo("benchmark-result:7");
  }

  @Test
  void confidenceStaysBetweenZeroAndOneWhateverTheVerdicts() {
    Lesson high =
        lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY).withConfidence(1.0)).lesson();
    Lesson low =
        lessons
            .add(
                NewLesson.of(LessonCategory.TOOLING, "Pass -o to Maven when offline.")
                    .withConfidence(0.05))
            .lesson();
    lessons.recordUse(List.of(high.id()), 1);
    lessons.recordUse(List.of(low.id()), 2);

    lessons.judgeTurn(1, TurnOutcome.Verdict.SUCCEEDED, "message:1");
    lessons.judgeTurn(2, TurnOutcome.Verdict.FAILED, "message:2");

    assertThat(lessons.find(high.id()).orElseThrow().confidence()).isEqualTo(1.0);
    assertThat(lessons.find(low.id()).orElseThrow().confidence()).isZero();
  }

  @Test
  void judgingATurnChecksItsArguments() {
    assertThatThrownBy(() -> lessons.judgeTurn(5, TurnOutcome.Verdict.FAILED, "no link"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("kind:reference");
    assertThatThrownBy(() -> lessons.judgeTurn(0, TurnOutcome.Verdict.FAILED, "message:1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aQueuedSessionIsClaimedOnceAndCompleted() {
    ExtractionItem queued = lessons.queueExtraction("s-1", 0);
    assertThat(queued.state()).isEqualTo(ExtractionItem.State.OPEN);
    assertThat(queued.attempts()).isZero();

    ExtractionItem claimed = lessons.claimExtraction("w1", Duration.ofMinutes(5)).orElseThrow();
    assertThat(claimed.id()).isEqualTo(queued.id());
    assertThat(claimed.sessionId()).isEqualTo("s-1");
    assertThat(claimed.messageId()).isZero();
    assertThat(claimed.attempts()).isEqualTo(1);
    assertThat(lessons.claimExtraction("w2", Duration.ofMinutes(5))).isEmpty();

    assertThatThrownBy(() -> lessons.completeExtraction(queued.id(), "w2"))
        .isInstanceOf(NotFoundException.class);
    lessons.completeExtraction(queued.id(), "w1");

    assertThat(lessons.claimExtraction("w2", Duration.ofMinutes(5))).isEmpty();
    assertThat(lessons.extractions(Optional.of(ExtractionItem.State.DONE), 10))
        .extracting(ExtractionItem::id)
        .containsExactly(queued.id());
  }

  @Test
  void aFailedExtractionIsKeptWithItsRawReplyAndTriedAgain() {
    ExtractionItem failed =
        lessons.recordFailedExtraction(
            "s-1", 12, "the reply was not in the format", "Sure! Here are some thoughts...");
    assertThat(failed.state()).isEqualTo(ExtractionItem.State.OPEN);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.failure()).contains("the reply was not in the format");
    assertThat(failed.rawReply()).isEqualTo("Sure! Here are some thoughts...");

    ExtractionItem claimed = lessons.claimExtraction("w1", Duration.ofMinutes(5)).orElseThrow();
    assertThat(claimed.messageId()).isEqualTo(12);
    assertThat(claimed.attempts()).isEqualTo(2);
    lessons.failExtraction(claimed.id(), "w1", "no reply", "");
    ExtractionItem third = lessons.claimExtraction("w1", Duration.ofMinutes(5)).orElseThrow();
    lessons.failExtraction(third.id(), "w1", "still not in the format", "Well...");

    ExtractionItem given = lessons.extractions(Optional.of(ExtractionItem.State.FAILED), 10).get(0);
    assertThat(given.id()).isEqualTo(failed.id());
    assertThat(given.attempts()).isEqualTo(LessonStore.MAX_EXTRACTION_ATTEMPTS);
    assertThat(given.failure()).contains("still not in the format");
    assertThat(given.rawReply()).isEqualTo("Well...");
    assertThat(lessons.claimExtraction("w1", Duration.ofMinutes(5))).isEmpty();

    // Queuing it again opens it again: one row, attempts from zero.
    ExtractionItem reopened = lessons.queueExtraction("s-1", 12);
    assertThat(reopened.id()).isEqualTo(failed.id());
    assertThat(reopened.state()).isEqualTo(ExtractionItem.State.OPEN);
    assertThat(reopened.attempts()).isZero();
    assertThat(lessons.extractions(Optional.empty(), 10)).hasSize(1);
  }

  @Test
  void anExtractionHeldByACrashedWorkerIsClaimableAfterItsLease() {
    ExtractionItem queued = lessons.queueExtraction("s-1", 0);
    lessons.claimExtraction("crashed", Duration.ofMinutes(5)).orElseThrow();
    clock.advance(Duration.ofMinutes(4));
    assertThat(lessons.claimExtraction("w2", Duration.ofMinutes(5))).isEmpty();
    clock.advance(Duration.ofMinutes(2));

    ExtractionItem resumed = lessons.claimExtraction("w2", Duration.ofMinutes(5)).orElseThrow();

    assertThat(resumed.id()).isEqualTo(queued.id());
    assertThatThrownBy(() -> lessons.completeExtraction(queued.id(), "crashed"))
        .isInstanceOf(NotFoundException.class);
    lessons.completeExtraction(queued.id(), "w2");
  }

  @Test
  void aSecretInAFailedExtractionIsRedacted() {
    String secret = "ghp_" + "Zq8Xw2Ld7Rt5Nb3Kc9Vm1Hs6Jf4Gp0Ay2UeA";
    ExtractionItem failed =
        lessons.recordFailedExtraction("s-1", 3, "not in the format", "token " + secret);
    assertThat(failed.rawReply()).doesNotContain(secret);
    assertThat(lessons.extractions(Optional.empty(), 1).get(0).rawReply()).doesNotContain(secret);
  }

  @Test
  void forgetRemovesTheLessonAndWhatItSuperseded() {
    Lesson old =
        lessons
            .add(
                NewLesson.of(
                    LessonCategory.TOOLING, "Use the Gradle daemon for builds on the CI server."))
            .lesson();
    Lesson current =
        lessons
            .add(
                NewLesson.of(
                    LessonCategory.TOOLING,
                    "Never use the Gradle daemon for builds on the CI server."))
            .lesson();
    Lesson other = lessons.add(NewLesson.of(LessonCategory.TESTING, FLYWAY)).lesson();
    lessons.recordUse(List.of(current.id()), 5);

    assertThat(lessons.forget(current.id())).containsExactly(current.id(), old.id());

    assertThat(lessons.find(current.id())).isEmpty();
    assertThat(lessons.find(old.id())).isEmpty();
    assertThat(lessons.find(other.id())).isPresent();
    assertThat(lessons.usedBy(5)).isEmpty();
    assertThat(lessons.search("Gradle daemon", 5))
        .extracting(hit -> hit.lesson().id())
        .doesNotContain(current.id(), old.id());
  }

  @Test
  void invalidLessonsAreRefusedBeforeTheStore() {
    assertThatThrownBy(() -> NewLesson.of(LessonCategory.TESTING, " "))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> NewLesson.of("two words", FLYWAY))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> NewLesson.of("x\u001b[2J", FLYWAY))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("\\u001B");
    assertThatThrownBy(() -> NewLesson.of(LessonCategory.TESTING, FLYWAY).withEvidence("no link"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> NewLesson.of(LessonCategory.TESTING, "x".repeat(NewLesson.MAX_TEXT_CHARS + 1)))
        .isInstanceOf(InvalidInputException.class);
  }
}
