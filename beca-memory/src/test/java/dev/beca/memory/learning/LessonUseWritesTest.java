package dev.beca.memory.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.NewLesson;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lessons' uses are written off the caller's thread, yet none is lost or read stale. */
class LessonUseWritesTest {

  @TempDir Path dataDir;

  private SqliteKnowledgeBase open() {
    return SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
  }

  @Test
  void usesStillPendingAtCloseAreWrittenBeforeTheFileCloses() {
    long a;
    long b;
    try (SqliteKnowledgeBase kb = open()) {
      a = kb.lessons().add(NewLesson.of(LessonCategory.TESTING, "Run Flyway first.")).lesson().id();
      b = kb.lessons().add(NewLesson.of(LessonCategory.TOOLING, "Pin the JDK.")).lesson().id();
      for (int turn = 1; turn <= 300; turn++) {
        kb.lessons().recordUse(turn % 2 == 0 ? List.of(a, b) : List.of(a), turn);
      }
    }
    try (SqliteKnowledgeBase kb = open()) {
      assertThat(kb.lessons().find(a).orElseThrow().reuseCount()).isEqualTo(300);
      assertThat(kb.lessons().find(b).orElseThrow().reuseCount()).isEqualTo(150);
      assertThat(kb.lessons().usedBy(300)).containsExactly(a, b);
      assertThat(kb.lessons().usedBy(299)).containsExactly(a);
    }
  }

  @Test
  void theStoresNextCallSeesEveryUseRecordedBeforeIt() {
    try (SqliteKnowledgeBase kb = open()) {
      long a =
          kb.lessons().add(NewLesson.of(LessonCategory.TESTING, "Run Flyway first.")).lesson().id();
      for (int turn = 1; turn <= 50; turn++) {
        kb.lessons().recordUse(List.of(a), turn);
      }

      assertThat(kb.lessons().usedBy(50)).containsExactly(a);
      assertThat(kb.lessons().top(java.util.Optional.empty(), 1).get(0).reuseCount()).isEqualTo(50);
    }
  }
}
