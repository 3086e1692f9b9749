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

  /**
   * Embeds the text on the calling thread (normalised to length 1) while {@code beside}, other work
   * of the same search, runs elsewhere. When this call claims the text's computation (see {@link
   * QueryEmbeddingCache#claim}; another search of the text then waits for this one), the task is
   * offered to the searches that wait for this embedding ({@link SideWork#offer}), which run it on
   * their own threads meanwhile, and runs here after the model when none took it. When another
   * search computes the text already, the task runs here first (this thread would only wait);
   * without a {@link QueryEmbeddingCache}, on {@link SideWork#THREADS}. The caller waits for the
   * task's {@link SideWork.Task#result()}.
   */
  static float[] embedBeside(EmbeddingModel model, String text, SideWork.Task<?> beside) {
    if (!(model instanceof QueryEmbeddingCache cache)) {
      SideWork.THREADS.execute(beside::run);
      return embed(model, text);
    }
    QueryEmbeddingCache.Claim claim = cache.claim(text);
    if (claim == null) {
      beside.run();
      return embed(model, text);
    }
    SideWork.offer(text, beside);
    float[] vector;
    try {
      vector = Vectors.normalized(claim.run().vector());
    } finally {
      SideWork.withdraw(text, beside);
    }
    beside.run();
    return vector;
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
