package dev.beca.memory.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

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

  /**
   * Claims the text's computation now (see {@link QueryEmbeddingCache#claim}), for a thread that
   * hands other work over before it embeds: another search of the text then waits for this one. The
   * returned supplier embeds on the calling thread (normalised to length 1) and must be called;
   * when the text is known or being computed already, or the model keeps no computations, it embeds
   * as {@link #embed} does.
   */
  static Supplier<float[]> claim(EmbeddingModel model, String text) {
    QueryEmbeddingCache.Claim claim =
        model instanceof QueryEmbeddingCache cache ? cache.claim(text) : null;
    return claim == null
        ? () -> embed(model, text)
        : () -> Vectors.normalized(claim.run().vector());
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
