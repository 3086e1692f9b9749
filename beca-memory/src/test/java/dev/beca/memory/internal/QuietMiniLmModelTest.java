package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietMiniLmModelTest {

  private static final List<String> TEXTS =
      List.of(
          "Configure two DataSources and mark one of them as primary.",
          "Why does the build fail with an OutOfMemoryError?",
          "x",
          "Spring Boot supports multi-document YAML files. ".repeat(60));

  @Test
  void embedsExactlyAsLangChain4jsOwnQuantisedModel() {
    QuietMiniLmModel quiet = new QuietMiniLmModel();
    AllMiniLmL6V2QuantizedEmbeddingModel original = new AllMiniLmL6V2QuantizedEmbeddingModel();
    for (String text : TEXTS) {
      float[] mine = quiet.embed(text).content().vector();
      float[] theirs = original.embed(text).content().vector();
      assertThat(mine).hasSize(384);
      assertThat(mine).containsExactly(theirs, within(1e-6f));
    }
  }

  @Test
  void embedsABatchInOrderAsOneAtATime() {
    QuietMiniLmModel quiet = new QuietMiniLmModel();
    List<Embedding> batch =
        quiet.embedAll(TEXTS.stream().map(TextSegment::from).toList()).content();
    assertThat(batch).hasSize(TEXTS.size());
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(batch.get(i).vector())
          .containsExactly(quiet.embed(TEXTS.get(i)).content().vector(), within(1e-6f));
    }
    assertThat(quiet.dimension()).isEqualTo(384);
  }
}
