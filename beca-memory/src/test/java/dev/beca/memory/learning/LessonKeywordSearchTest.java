package dev.beca.memory.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.NewLesson;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyword side of lesson search on a real file, without embeddings. */
class LessonKeywordSearchTest {

  @TempDir Path dataDir;

  @Test
  void aQueryWordFindsTheOtherFormsOfItsStem() {
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      long id =
          kb.lessons()
              .add(
                  NewLesson.of(
                      LessonCategory.TOOLING, "Configure the template cache off while developing."))
              .lesson()
              .id();

      assertThat(kb.lessons().search("configuration of templates", 5))
          .extracting(h -> h.lesson().id())
          .containsExactly(id);
    }
  }

  @Test
  void withoutStemsOnlyTheExactWordsMatch() {
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder()
            .dataDirectory(dataDir)
            .withoutEmbeddings()
            .lessonKeywordStems(false)
            .open()) {
      kb.lessons().add(NewLesson.of(LessonCategory.TOOLING, "Configure the template cache off."));

      assertThat(kb.lessons().search("configuration of templates", 5)).isEmpty();
      assertThat(kb.lessons().search("template", 5)).hasSize(1);
    }
  }
}
