package dev.beca.core.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.agent.ToolRunner;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.MessageRole;
import dev.beca.core.conversation.MutableClock;
import dev.beca.core.learning.InMemoryLessonStore;
import dev.beca.core.learning.Lesson;
import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.NewLesson;
import dev.beca.core.learning.TurnOutcome;
import dev.beca.core.model.ModelRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LessonFeedbackTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final InMemoryLessonStore lessons = new InMemoryLessonStore(new MutableClock(T0));
  private final LessonFeedback feedback = new LessonFeedback(lessons);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "That didn't work.",
        "it doesn't work, same error",
        "Still failing with the NPE",
        "this is wrong, the test is red",
        "No, that’s not right",
        "You broke the build",
        "still the same error after your change",
        "It does not compile",
        "please undo that"
      })
  void complaintsSayThePreviousAnswerFailed(String message) {
    assertThat(LessonFeedback.saysItFailed(message)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Thanks, that worked!",
        "Why does the test fail on CI?",
        "Now add a test for the failing case",
        "How do I make it work with Java 17?",
        "What is wrong with this regex?"
      })
  void otherMessagesAreNoComplaint(String message) {
    assertThat(LessonFeedback.saysItFailed(message)).isFalse();
  }

  private static ConversationMessage message(long id, MessageRole role, boolean success) {
    return new ConversationMessage(
        id,
        "s",
        role,
        "text",
        T0,
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.empty(),
        success,
        1);
  }

  private static ChatTurn turn(long question, List<ToolCallRecord> calls) {
    return new ChatTurn(
        message(question, MessageRole.USER, true),
        message(question + 1, MessageRole.ASSISTANT, true),
        new ModelRef(dev.beca.core.model.ModelRole.GENERAL, "llama3.2"),
        calls);
  }

  private Lesson usedBy(long question) {
    Lesson lesson =
        lessons
            .add(
                NewLesson.of(LessonCategory.TOOLING, "Pass -o to Maven when offline " + question)
                    .withConfidence(0.5))
            .lesson();
    lessons.recordUse(List.of(lesson.id()), question);
    return lesson;
  }

  @Test
  void aTurnThatEndedWellRaisesItsLessonsAndAComplaintLaterLowersThem() {
    Lesson lesson = usedBy(10);

    assertThat(feedback.turnEnded(turn(10, List.of()))).isEqualTo(TurnOutcome.Verdict.SUCCEEDED);
    assertThat(lessons.find(lesson.id()).orElseThrow().confidence())
        .isCloseTo(0.5 + LessonStore.CONFIDENCE_GAIN, Offset.offset(1e-9));

    assertThat(feedback.followedBy(10, 12, "Thanks!")).isFalse();
    assertThat(feedback.followedBy(10, 12, "That didn't work")).isTrue();

    Lesson lowered = lessons.find(lesson.id()).orElseThrow();
    assertThat(lowered.confidence())
        .isCloseTo(0.5 - LessonStore.CONFIDENCE_PENALTY, Offset.offset(1e-9));
    assertThat(lowered.evidence()).contains("against:complaint:message:12");
  }

  @Test
  void aToolCallTheUserRefusedFailsTheTurn() {
    Lesson lesson = usedBy(20);
    ToolCallRecord refused =
        new ToolCallRecord(
            "run_command",
            "{}",
            false,
            "run_command denied",
            "Denied: run_command was not run because " + ToolRunner.REFUSED_BY_USER + ".");

    assertThat(feedback.turnEnded(turn(20, List.of(refused))))
        .isEqualTo(TurnOutcome.Verdict.FAILED);

    assertThat(lessons.find(lesson.id()).orElseThrow().evidence())
        .contains("against:refused:message:20");
  }

  @Test
  void errorsUndoAndBenchmarkDropsFailTheTurn() {
    Lesson a = usedBy(30);
    Lesson b = usedBy(40);
    Lesson c = usedBy(50);

    assertThat(feedback.turnFailed(30)).containsExactly(a.id());
    feedback.turnEnded(turn(40, List.of()));
    assertThat(feedback.undone(40)).containsExactly(b.id());
    feedback.turnEnded(turn(50, List.of()));
    assertThat(feedback.benchmarkDropped(50, 7)).containsExactly(c.id());

    assertThat(lessons.turnOutcome(30).orElseThrow().reason()).isEqualTo("turn-error:message:30");
    assertThat(lessons.turnOutcome(40).orElseThrow().reason()).isEqualTo("undo:message:40");
    assertThat(lessons.turnOutcome(50).orElseThrow().reason()).isEqualTo("benchmark-result:7");
  }
}
