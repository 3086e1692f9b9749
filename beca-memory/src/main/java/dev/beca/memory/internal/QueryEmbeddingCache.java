package dev.beca.memory.internal;

import dev.beca.core.Completions;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An embedding model that remembers the vectors of the last {@value #SIZE} single texts it embedded
 * ({@link #embed(String)}), so that one turn's question is embedded once although lesson search and
 * history search both need its vector. A text asked for while another thread is still embedding it
 * waits for that computation instead of starting its own (context assembly searches lessons and
 * history at the same time). A failed computation is not remembered: every waiter gets its error
 * and the next call tries again. Batches ({@link #embedAll}, the background indexing of messages)
 * are not remembered, but take the vectors of texts already embedded here: a user's question is
 * stored as a message and indexed a moment after the turn embedded it, and is not embedded twice.
 */
public final class QueryEmbeddingCache implements EmbeddingModel {

  /** How many recent texts are remembered. */
  static final int SIZE = 32;

  private final EmbeddingModel model;

  /** Done or in flight; least recently used first. */
  private final Map<String, CompletableFuture<Embedding>> recent =
      new LinkedHashMap<>(SIZE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Embedding>> e) {
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
    CompletableFuture<Embedding> known;
    Claim claim = null;
    synchronized (recent) {
      known = recent.get(text);
      if (known == null) {
        claim = claimLocked(text);
      }
    }
    return Response.from(claim != null ? claim.run() : Completions.join(known));
  }

  /**
   * Claims the computation of a text's vector for the calling thread, before it starts other work:
   * from now on every other search of the text waits for this computation rather than embedding the
   * text a second time. The caller must {@link Claim#run} it. Null when the text is known or being
   * computed already (then {@link #embed} waits for that).
   */
  Claim claim(String text) {
    synchronized (recent) {
      return recent.get(text) == null ? claimLocked(text) : null;
    }
  }

  private Claim claimLocked(String text) {
    CompletableFuture<Embedding> mine = new CompletableFuture<>();
    recent.put(text, mine);
    return new Claim(text, mine);
  }

  /** A text's computation that this cache holds for the thread that claimed it. */
  final class Claim {
    private final String text;
    private final CompletableFuture<Embedding> computation;

    private Claim(String text, CompletableFuture<Embedding> computation) {
      this.text = text;
      this.computation = computation;
    }

    /** Computes the vector on the calling thread; a failure is not remembered, waiters get it. */
    Embedding run() {
      try {
        Embedding computed = model.embed(text).content();
        computation.complete(computed);
        return computed;
      } catch (RuntimeException | Error e) {
        synchronized (recent) {
          recent.remove(text, computation);
        }
        computation.completeExceptionally(e);
        throw e;
      }
    }
  }

  /**
   * The computation of a text's vector that this cache holds, done or still running, without
   * waiting: null when the text was never embedded, was forgotten, or its computation failed. Lets
   * a search take a known vector, or wait for one being computed, without a thread of its own.
   */
  CompletableFuture<Embedding> computation(String text) {
    CompletableFuture<Embedding> known;
    synchronized (recent) {
      known = recent.get(text);
    }
    return known == null || known.isCompletedExceptionally() ? null : known;
  }

  @Override
  public Response<Embedding> embed(TextSegment segment) {
    return embed(segment.text());
  }

  @Override
  public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
    Embedding[] vectors = new Embedding[segments.size()];
    List<TextSegment> missing = new ArrayList<>();
    synchronized (recent) {
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = doneValue(recent.get(segments.get(i).text()));
      }
    }
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i] == null) {
        missing.add(segments.get(i));
      }
    }
    if (missing.size() == vectors.length) {
      return model.embedAll(segments);
    }
    List<Embedding> computed = missing.isEmpty() ? List.of() : model.embedAll(missing).content();
    for (int i = 0, next = 0; i < vectors.length; i++) {
      if (vectors[i] == null) {
        vectors[i] = computed.get(next++);
      }
    }
    return Response.from(List.of(vectors));
  }

  /** The vector of a computation that has finished without error, else null. */
  private static Embedding doneValue(CompletableFuture<Embedding> computation) {
    if (computation == null || !computation.isDone() || computation.isCompletedExceptionally()) {
      return null;
    }
    return computation.join();
  }

  @Override
  public int dimension() {
    return model.dimension();
  }
}
