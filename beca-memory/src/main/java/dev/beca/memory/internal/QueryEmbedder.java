package dev.beca.memory.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.concurrent.CompletableFuture;
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
      Executors.newFixedThreadPool(2, DaemonThreads.named("beca-query-embedding"));

  private QueryEmbedder() {}

  /**
   * Starts embedding the text; the vector comes normalised to length 1. When the {@link
   * QueryEmbeddingCache} holds the text's computation, done or still running, no thread is taken: a
   * known vector is returned done, and one being computed completes on the thread that computes it
   * (the second search of a turn then wakes once, not through a second pool thread).
   */
  static CompletableFuture<float[]> start(EmbeddingModel model, String text) {
    CompletableFuture<float[]> known = started(model, text);
    return known != null ? known : CompletableFuture.supplyAsync(() -> embed(model, text), THREADS);
  }

  /**
   * The text's embedding if the {@link QueryEmbeddingCache} holds its computation, done or still
   * running (normalised to length 1), else null: nothing embeds this text yet.
   */
  static CompletableFuture<float[]> started(EmbeddingModel model, String text) {
    if (model instanceof QueryEmbeddingCache cache) {
      CompletableFuture<Embedding> known = cache.computation(text);
      if (known != null) {
        return known.thenApply(e -> Vectors.normalized(e.vector()));
      }
    }
    return null;
  }

  /** Whether the {@link QueryEmbeddingCache} holds the text's vector, computed already. */
  static boolean known(EmbeddingModel model, String text) {
    if (model instanceof QueryEmbeddingCache cache) {
      CompletableFuture<Embedding> known = cache.computation(text);
      return known != null && known.isDone();
    }
    return false;
  }

  /** Embeds the text on the calling thread; the vector comes normalised to length 1. */
  static float[] embed(EmbeddingModel model, String text) {
    return Vectors.normalized(model.embed(text).content().vector());
  }
}
