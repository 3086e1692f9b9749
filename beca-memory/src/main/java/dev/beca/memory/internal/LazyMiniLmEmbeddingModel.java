package dev.beca.memory.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;

/**
 * all-MiniLM-L6-v2 quantised to 8 bits (384 dimensions, in process, shipped inside its jar), loaded
 * on first use and shared by every knowledge base of the JVM: loading the ONNX model takes a
 * second.
 *
 * <p>The model is LangChain4j's (its jar's model file and tokenizer), run in a session whose worker
 * threads do not spin between runs ({@link QuietMiniLmModel}).
 *
 * <p>Quantised rather than full precision: its jar is 16 MB instead of 83 MB, and it retrieves as
 * well on real projects' code and prose (docs/memory.md, {@code EmbeddingQualityBenchmark}).
 */
public final class LazyMiniLmEmbeddingModel implements EmbeddingModel {

  /**
   * The name under which this model's vectors are stored. The full-precision model's vectors were
   * stored as {@code all-minilm-l6-v2}; migration V9 drops them so that old messages re-embed.
   */
  public static final String KEY = "all-minilm-l6-v2-q";

  private static final class Holder {
    static final QuietMiniLmModel MODEL = new QuietMiniLmModel();
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
