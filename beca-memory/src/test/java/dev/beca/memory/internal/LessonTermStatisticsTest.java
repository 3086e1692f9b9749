package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LessonTermStatisticsTest {

  @Test
  void figuresAreReadOncePerVersionOfTheLessons() {
    LessonTermStatistics statistics = new LessonTermStatistics();
    AtomicInteger reads = new AtomicInteger();

    long first = statistics.documents(4, "cache", t -> reads.incrementAndGet() * 10L);
    long again = statistics.documents(4, "cache", t -> reads.incrementAndGet() * 10L);
    long lessons = statistics.lessons(4, () -> 1_000 + reads.incrementAndGet());
    long lessonsAgain = statistics.lessons(4, () -> 1_000 + reads.incrementAndGet());

    assertThat(first).isEqualTo(10);
    assertThat(again).isEqualTo(10);
    assertThat(lessons).isEqualTo(1_002);
    assertThat(lessonsAgain).isEqualTo(1_002);
    assertThat(reads).hasValue(2);
  }

  @Test
  void aNewVersionReadsTheFiguresAgain() {
    LessonTermStatistics statistics = new LessonTermStatistics();
    statistics.documents(4, "cache", t -> 10);
    statistics.lessons(4, () -> 1_000);

    assertThat(statistics.documents(5, "cache", t -> 11)).isEqualTo(11);
    assertThat(statistics.lessons(5, () -> 1_001)).isEqualTo(1_001);
  }

  @Test
  void termsAndPrefixesAreKeptApart() {
    LessonTermStatistics statistics = new LessonTermStatistics();

    assertThat(statistics.documents(1, "configur", t -> 2)).isEqualTo(2);
    assertThat(statistics.documents(1, "configur*", t -> 9)).isEqualTo(9);
  }

  @Test
  void pastTheLimitTheTermsStartAgain() {
    LessonTermStatistics statistics = new LessonTermStatistics();
    for (int i = 0; i < LessonTermStatistics.MAX_TERMS; i++) {
      statistics.documents(1, "term" + i, t -> 1);
    }

    assertThat(statistics.documents(1, "term0", t -> 5)).isEqualTo(1); // still known
    assertThat(statistics.documents(1, "one more", t -> 3)).isEqualTo(3);
    assertThat(statistics.documents(1, "term0", t -> 7)).isEqualTo(7); // read again
  }
}
