package dev.beca.memory.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Embeds search queries on a small pool of daemon threads, so that a search reads its keyword side
 * and its candidates while the query is being embedded. Shared by history and lesson search: with
 * the {@link QueryEmbeddingCache} in front of the model, the two searches of one turn wait for the
 * same computation.
 */
final class QueryEmbedder {

  private static final ExecutorService THREADS =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread thread = new Thread(r, "beca-query-embedding");
            thread.setDaemon(true);
            return thread;
          });

  private QueryEmbedder() {}

  /**
   * Starts embedding the text; the vector comes normalised to length 1. A vector the {@link
   * QueryEmbeddingCache} holds already is returned done, on the calling thread (the second search
   * of a turn, or a repeated query, then waits for no other thread).
   */
  static CompletableFuture<float[]> start(EmbeddingModel model, String text) {
    if (model instanceof QueryEmbeddingCache cache) {
      Embedding known = cache.finished(text);
      if (known != null) {
        return CompletableFuture.completedFuture(Vectors.normalized(known.vector()));
      }
    }
    return CompletableFuture.supplyAsync(() -> embed(model, text), THREADS);
  }

  /** Embeds the text on the calling thread; the vector comes normalised to length 1. */
  static float[] embed(EmbeddingModel model, String text) {
    return Vectors.normalized(model.embed(text).content().vector());
  }

  /** The vector, with the embedding's own exception when it failed. */
  static float[] join(CompletableFuture<float[]> vector) {
    try {
      return vector.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }
}
