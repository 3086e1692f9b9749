package dev.beca.memory.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (384 dimensions, in process, shipped inside its jar), loaded on first use and
 * shared by every knowledge base of the JVM: loading the ONNX model takes a second and ~100 MB.
 */
public final class LazyMiniLmEmbeddingModel implements EmbeddingModel {

  /** The name under which this model's vectors are stored. */
  public static final String KEY = "all-minilm-l6-v2";

  private static final class Holder {
    static final AllMiniLmL6V2EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
  }

  @Override
  public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
    return Holder.MODEL.embedAll(segments);
  }

  @Override
  public int dimension() {
    return 384;
  }
}
