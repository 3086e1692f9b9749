package dev.beca.memory.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.HistorySearch;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.SearchFilter;
import dev.beca.core.conversation.SearchHit;
import dev.beca.core.conversation.Session;
import dev.beca.core.learning.Lesson;
import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.NewLesson;
import dev.beca.core.memory.AssembledContext;
import dev.beca.core.memory.ContextAssembler;
import dev.beca.core.memory.ContextRequest;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.langchain4j.data.message.SystemMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

  @Test
  void lessonsAreSearchedWhileTheHistoryIsSearched() throws Exception {
    // Each side waits (boundedly) until the other has started: searched one after the other, the
    // first side would give up waiting and the test would fail.
    CountDownLatch lessonSearchStarted = new CountDownLatch(1);
    CountDownLatch historySearchStarted = new CountDownLatch(1);
    AtomicBoolean lessonsSawHistory = new AtomicBoolean();
    AtomicBoolean historySawLessons = new AtomicBoolean();
    LessonStore lessons =
        (LessonStore)
            Proxy.newProxyInstance(
                LessonStore.class.getClassLoader(),
                new Class<?>[] {LessonStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("search")) {
                    lessonSearchStarted.countDown();
                    lessonsSawHistory.set(historySearchStarted.await(10, TimeUnit.SECONDS));
                  }
                  try {
                    return method.invoke(kb.lessons(), args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    HistorySearch history =
        new HistorySearch() {
          @Override
          public List<SearchHit> keyword(String query, SearchFilter filter, int limit) {
            return kb.search().keyword(query, filter, limit);
          }

          @Override
          public List<SearchHit> semantic(String query, SearchFilter filter, int limit) {
            return kb.search().semantic(query, filter, limit);
          }

          @Override
          public List<SearchHit> hybrid(String query, SearchFilter filter, int limit) {
            historySearchStarted.countDown();
            try {
              historySawLessons.set(lessonSearchStarted.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return kb.search().hybrid(query, filter, limit);
          }
        };

    AssembledContext context =
        ContextAssembler.builder()
            .messages(kb.messages())
            .threads(kb.threads())
            .search(history)
            .lessons(lessons)
            .build()
            .assemble(
                new ContextRequest(
                    "You are BECA.", session.id(), OptionalLong.empty(), question.content(), 4096));

    assertThat(lessonsSawHistory).isTrue();
    assertThat(historySawLessons).isTrue();
    assertThat(context.lessonIds()).containsExactly(locking.id());
  }
}
