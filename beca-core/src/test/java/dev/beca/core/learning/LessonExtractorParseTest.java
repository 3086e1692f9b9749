package dev.beca.core.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LessonExtractorParseTest {

  private static LessonExtraction parse(String reply) {
    return LessonExtractor.parse(reply, List.of("message:3"), 5);
  }

  @Test
  void strictLinesBecomeLessonsWithTheirCategoryAndEvidence() {
    LessonExtraction found =
        parse(
            "LESSON [testing]: Run Flyway migrations against a temporary SQLite file.\n"
                + "LESSON [Tooling]: Pass -o to Maven when the network is down.");

    assertThat(found.failed()).isFalse();
    assertThat(found.lessons())
        .extracting(NewLesson::category, NewLesson::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "testing", "Run Flyway migrations against a temporary SQLite file."),
            org.assertj.core.groups.Tuple.tuple(
                "tooling", "Pass -o to Maven when the network is down."));
    assertThat(found.lessons().get(0).evidence()).containsExactly("message:3");
  }

  @Test
  void bulletsNumberingBoldAndMissingWordLessonAreAccepted() {
    LessonExtraction found =
        parse(
            "Here are the lessons:\n"
                + "- LESSON [debugging]: Read the last Caused by of a stack trace first.\n"
                + "2. **LESSON** [testing] Name tests after the behaviour they check.\n"
                + "* [my-team] Review generated code before committing it.\n"
                + "LESSON: Keep commits small and focused.");

    assertThat(found.lessons())
        .extracting(NewLesson::category)
        .containsExactly("debugging", "testing", "my-team", "general");
  }

  @Test
  void aJsonArrayIsAccepted() {
    LessonExtraction found =
        parse(
            "```json\n[{\"category\":\"performance\",\"text\":\"Batch JDBC inserts in one"
                + " transaction.\"}, \"Use ripgrep to search large trees.\"]\n```");

    assertThat(found.lessons())
        .extracting(NewLesson::category)
        .containsExactly("performance", "general");
  }

  @Test
  void noneMeansNothingToLearnAndIsNotAFailure() {
    LessonExtraction found = parse("NONE.");

    assertThat(found.failed()).isFalse();
    assertThat(found.lessons()).isEmpty();
  }

  @Test
  void proseOutOfFormatIsAFailedExtractionKeepingTheRawReply() {
    String prose = "The developer learned that Flyway is great and tests should be fast.";

    LessonExtraction found = parse(prose);

    assertThat(found.failed()).isTrue();
    assertThat(found.lessons()).isEmpty();
    assertThat(found.rawReply()).isEqualTo(prose);
    assertThat(found.failure()).hasValueSatisfying(f -> assertThat(f).contains("no lesson"));
    assertThat(parse("").failed()).isTrue();
  }

  @Test
  void badCategoriesBecomeGeneralAndTheNumberOfLessonsIsCapped() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      many.append("LESSON [not a word!]: Lesson number ").append(i).append(" is useful.\n");
    }

    LessonExtraction found = parse(many.toString());

    assertThat(found.lessons()).hasSize(5).allMatch(l -> l.category().equals("general"));
  }
}
