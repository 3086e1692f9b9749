package dev.beca.memory.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An embedding model that remembers the vectors of the last {@value #SIZE} single texts it embedded
 * ({@link #embed(String)}), so that one turn's question is embedded once although lesson search and
 * history search both need its vector. Batches ({@link #embedAll}, the background indexing of
 * messages) pass through uncached.
 */
public final class QueryEmbeddingCache implements EmbeddingModel {

  /** How many recent texts are remembered. */
  static final int SIZE = 32;

  private final EmbeddingModel model;
  private final Map<String, Embedding> recent =
      new LinkedHashMap<>(SIZE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Embedding> eldest) {
          return size() > SIZE;
        }
      };

  /**
   * Wraps a model.
   *
   * @param model the model that computes the vectors
   */
  public QueryEmbeddingCache(EmbeddingModel model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  @Override
  public Response<Embedding> embed(String text) {
    synchronized (recent) {
      Embedding known = recent.get(text);
      if (known != null) {
        return Response.from(known);
      }
    }
    Response<Embedding> computed = model.embed(text);
    synchronized (recent) {
      recent.put(text, computed.content());
    }
    return computed;
  }

  @Override
  public Response<Embedding> embed(TextSegment segment) {
    return embed(segment.text());
  }

  @Override
  public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
    return model.embedAll(segments);
  }

  @Override
  public int dimension() {
    return model.dimension();
  }
}
