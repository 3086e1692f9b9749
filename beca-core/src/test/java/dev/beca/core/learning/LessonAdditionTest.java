package dev.beca.core.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LessonAdditionTest {

  private static final Lesson LESSON =
      new Lesson(
          3,
          "Name tests after the behaviour.",
          "testing",
          LessonSource.CONVERSATION,
          List.of(),
          Instant.EPOCH,
          Instant.EPOCH,
          0.6,
          0,
          Optional.empty(),
          OptionalLong.empty());

  @Test
  void onlyAMergeNamesAMergedText() {
    assertThat(
            new LessonAddition(
                    LessonAddition.Outcome.MERGED, LESSON, OptionalLong.of(3), OptionalLong.of(7))
                .mergedText())
        .hasValue(7);
    assertThat(new LessonAddition(LessonAddition.Outcome.MERGED, LESSON, OptionalLong.of(3)))
        .extracting(LessonAddition::mergedText)
        .isEqualTo(OptionalLong.empty());
    assertThatThrownBy(
            () ->
                new LessonAddition(
                    LessonAddition.Outcome.SUPERSEDED,
                    LESSON,
                    OptionalLong.of(2),
                    OptionalLong.of(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only a merge");
  }

  @Test
  void thePreviousIdIsThereExactlyForMergesAndSupersessions() {
    assertThatThrownBy(
            () -> new LessonAddition(LessonAddition.Outcome.ADDED, LESSON, OptionalLong.of(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new LessonAddition(LessonAddition.Outcome.MERGED, LESSON, OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
