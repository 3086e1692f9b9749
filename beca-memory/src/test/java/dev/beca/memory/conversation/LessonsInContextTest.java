package dev.beca.memory.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.Session;
import dev.beca.core.learning.Lesson;
import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.NewLesson;
import dev.beca.core.memory.AssembledContext;
import dev.beca.core.memory.ContextAssembler;
import dev.beca.core.memory.ContextRequest;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.langchain4j.data.message.SystemMessage;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lessons learned in the assembled prompt: the relevant ones, within budget, counted as used. */
class LessonsInContextTest {

  @TempDir Path dir;
  private SqliteKnowledgeBase kb;
  private Session session;
  private Lesson locking;
  private Lesson unrelated;
  private ConversationMessage question;

  @BeforeEach
  void setUp() {
    kb = SqliteKnowledgeBase.builder().dataDirectory(dir).withoutEmbeddings().open();
    session = kb.sessions().create("");
    locking =
        kb.lessons()
            .add(
                NewLesson.of(
                    LessonCategory.ARCHITECTURE,
                    "Ledger tables need optimistic locking with a version column."))
            .lesson();
    unrelated =
        kb.lessons()
            .add(NewLesson.of(LessonCategory.TOOLING, "Use ripgrep to search large trees."))
            .lesson();
    question =
        kb.messages()
            .append(NewMessage.user(session.id(), "How should the ledger handle locking?"));
  }

  @AfterEach
  void tearDown() {
    kb.close();
  }

  private ContextAssembler assembler() {
    return ContextAssembler.builder()
        .messages(kb.messages())
        .threads(kb.threads())
        .lessons(kb.lessons())
        .build();
  }

  private AssembledContext assemble(int budget) {
    return assembler()
        .assemble(
            new ContextRequest(
                "You are BECA.", session.id(), OptionalLong.empty(), question.content(), budget));
  }

  @Test
  void relevantLessonsEnterThePromptAndOnlyTheyGainReuse() {
    AssembledContext context = assemble(4096);

    assertThat(context.lessonIds()).containsExactly(locking.id());
    assertThat(context.messages())
        .filteredOn(m -> m instanceof SystemMessage)
        .extracting(m -> ((SystemMessage) m).text())
        .anySatisfy(
            t -> assertThat(t).startsWith("Lessons learned").contains("optimistic locking"));
    assertThat(kb.lessons().find(locking.id()).orElseThrow().reuseCount()).isEqualTo(1);
    assertThat(kb.lessons().find(unrelated.id()).orElseThrow().reuseCount()).isZero();
    assertThat(kb.lessons().usedBy(question.id())).containsExactly(locking.id());
  }

  @Test
  void lessonsThatDoNotFitTheirShareAreLeftOutAndNotCounted() {
    // 15% of what is left after the system prompt and the question is too little for the lesson.
    AssembledContext context = assemble(40);

    assertThat(context.lessonIds()).isEmpty();
    assertThat(context.estimatedTokens()).isLessThanOrEqualTo(40);
    assertThat(kb.lessons().find(locking.id()).orElseThrow().reuseCount()).isZero();
    assertThat(kb.lessons().usedBy(question.id())).isEmpty();
  }
}
