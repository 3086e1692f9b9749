package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryEmbeddingCacheTest {

  /** Counts the texts it embeds; a text's vector is its length. */
  private static final class CountingModel implements EmbeddingModel {
    final AtomicInteger texts = new AtomicInteger();

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      texts.addAndGet(segments.size());
      return Response.from(
          segments.stream().map(s -> Embedding.from(new float[] {s.text().length(), 1})).toList());
    }

    @Override
    public int dimension() {
      return 2;
    }
  }

  @Test
  void theSameQuestionIsEmbeddedOnce() {
    CountingModel model = new CountingModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);

    float[] first = cache.embed("why does the build fail?").content().vector();
    float[] second = cache.embed("why does the build fail?").content().vector();

    assertThat(second).containsExactly(first);
    assertThat(model.texts).hasValue(1);
  }

  @Test
  void onlyTheMostRecentTextsAreKept() {
    CountingModel model = new CountingModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);

    cache.embed("first");
    for (int i = 0; i < QueryEmbeddingCache.SIZE; i++) {
      cache.embed("other " + i);
    }
    cache.embed("first");

    assertThat(model.texts).hasValue(QueryEmbeddingCache.SIZE + 2);
  }

  @Test
  void batchesPassThroughUncached() {
    CountingModel model = new CountingModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);

    cache.embedAll(List.of(TextSegment.from("a"), TextSegment.from("a")));
    cache.embedAll(List.of(TextSegment.from("a")));

    assertThat(model.texts).hasValue(3);
    assertThat(cache.dimension()).isEqualTo(2);
  }
}
