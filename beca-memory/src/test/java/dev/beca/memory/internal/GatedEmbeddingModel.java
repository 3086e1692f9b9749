package dev.beca.memory.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test model that blocks every embedding until {@link #release} counts down, then runs its action
 * and returns {3, 4} for each text; {@link #entered} counts down once a call is inside, {@link
 * #texts} counts the texts it was asked for.
 */
final class GatedEmbeddingModel implements EmbeddingModel {
  final AtomicInteger texts = new AtomicInteger();
  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  private final Runnable onReturn;

  GatedEmbeddingModel() {
    this(() -> {});
  }

  /** With an action run on the calling thread just before each call returns. */
  GatedEmbeddingModel(Runnable onReturn) {
    this.onReturn = onReturn;
  }

  @Override
  public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
    texts.addAndGet(segments.size());
    entered.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    onReturn.run();
    return Response.from(segments.stream().map(s -> Embedding.from(new float[] {3, 4})).toList());
  }

  @Override
  public int dimension() {
    return 2;
  }
}
