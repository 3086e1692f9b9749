package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryEmbeddingCacheTest {

  /** Counts the texts it embeds; a text's vector is its length. */
  private static final class CountingModel implements EmbeddingModel {
    final AtomicInteger texts = new AtomicInteger();

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      texts.addAndGet(segments.size());
      return Response.from(
          segments.stream().map(s -> Embedding.from(new float[] {s.text().length(), 1})).toList());
    }

    @Override
    public int dimension() {
      return 2;
    }
  }

  @Test
  void theSameQuestionIsEmbeddedOnce() {
    CountingModel model = new CountingModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);

    float[] first = cache.embed("why does the build fail?").content().vector();
    float[] second = cache.embed("why does the build fail?").content().vector();

    assertThat(second).containsExactly(first);
    assertThat(model.texts).hasValue(1);
  }

  @Test
  void aFinishedVectorIsHandedOutWithoutAnotherThreadOrComputation() {
    CountingModel model = new CountingModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);
    assertThat(cache.computation("how do I add a module?")).isNull();
    cache.embed("how do I add a module?");

    CompletableFuture<float[]> started = QueryEmbedder.start(cache, "how do I add a module?");

    assertThat(started).isDone();
    assertThat(started.join())
        .containsExactly(Vectors.normalized(new float[] {"how do I add a module?".length(), 1}));
    assertThat(model.texts).hasValue(1);
  }

  @Test
  void aTextStillBeingEmbeddedIsSharedWithoutAThreadAndAFailedOneIsForgotten() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EmbeddingModel slow =
        new EmbeddingModel() {
          @Override
          public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            if (segments.get(0).text().equals("broken")) {
              throw new IllegalStateException("model failed");
            }
            return Response.from(List.of(Embedding.from(new float[] {1, 0})));
          }
        };
    QueryEmbeddingCache cache = new QueryEmbeddingCache(slow);
    CompletableFuture<?> running = CompletableFuture.runAsync(() -> cache.embed("slow question"));
    entered.await();

    assertThat(cache.computation("slow question")).isNotDone();
    CompletableFuture<float[]> waiting = QueryEmbedder.start(cache, "slow question");
    assertThat(waiting).isNotDone();
    release.countDown();
    running.join();
    assertThat(waiting.join()).containsExactly(1, 0);
    assertThat(cache.computation("slow question").join().vector()).containsExactly(1, 0);
    assertThatThrownBy(() -> cache.embed("broken")).hasMessage("model failed");
    assertThat(cache.computation("broken")).isNull();
  }

  @Test
  void aClaimedTextIsStartedForOthersBeforeItRunsAndComputedOnce() throws Exception {
    CountingModel model = new CountingModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);

    QueryEmbeddingCache.Claim claim = cache.claim("which port does the server use?");
    assertThat(cache.claim("which port does the server use?")).isNull();
    CompletableFuture<float[]> other =
        QueryEmbedder.started(cache, "which port does the server use?");
    CompletableFuture<float[]> embedding =
        CompletableFuture.supplyAsync(
            () -> cache.embed("which port does the server use?").content().vector());
    assertThat(other).isNotNull().isNotDone();

    float[] claimed = claim.run().vector();

    assertThat(embedding.get(10, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(claimed);
    assertThat(other.join()).containsExactly(Vectors.normalized(claimed));
    assertThat(model.texts).hasValue(1);
    assertThat(cache.claim("which port does the server use?")).isNull();
  }

  @Test
  void aClaimThatFailsIsForgottenAndItsWaitersGetTheError() {
    EmbeddingModel failing =
        new EmbeddingModel() {
          @Override
          public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            throw new IllegalStateException("model failed");
          }
        };
    QueryEmbeddingCache cache = new QueryEmbeddingCache(failing);
    QueryEmbeddingCache.Claim claim = cache.claim("broken");
    CompletableFuture<float[]> waiting = QueryEmbedder.started(cache, "broken");

    assertThatThrownBy(claim::run).hasMessage("model failed");
    assertThatThrownBy(waiting::join).hasRootCauseMessage("model failed");
    assertThat(cache.computation("broken")).isNull();
    assertThat(cache.claim("broken")).isNotNull();
  }

  @Test
  void onlyTheMostRecentTextsAreKept() {
    CountingModel model = new CountingModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);

    cache.embed("first");
    for (int i = 0; i < QueryEmbeddingCache.SIZE; i++) {
      cache.embed("other " + i);
    }
    cache.embed("first");

    assertThat(model.texts).hasValue(QueryEmbeddingCache.SIZE + 2);
  }

  @Test
  void batchesAreNotRemembered() {
    CountingModel model = new CountingModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);

    cache.embedAll(List.of(TextSegment.from("a"), TextSegment.from("a")));
    cache.embedAll(List.of(TextSegment.from("a")));
    cache.embed("a");

    assertThat(model.texts).hasValue(4);
    assertThat(cache.dimension()).isEqualTo(2);
  }

  @Test
  void aBatchTakesTheVectorsOfQuestionsAlreadyEmbeddedAndKeepsItsOrder() {
    CountingModel model = new CountingModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);
    float[] question = cache.embed("why does the build fail?").content().vector();

    List<Embedding> batch =
        cache
            .embedAll(
                List.of(
                    TextSegment.from("hello"),
                    TextSegment.from("why does the build fail?"),
                    TextSegment.from("it is the test")))
            .content();

    assertThat(model.texts).as("the question is not embedded again").hasValue(3);
    assertThat(batch).extracting(e -> e.vector()[0]).containsExactly(5f, 24f, 14f);
    assertThat(batch.get(1).vector()).containsExactly(question);
  }

  @Test
  void aBatchDoesNotTakeAFailedComputation() {
    AtomicInteger calls = new AtomicInteger();
    EmbeddingModel failingOnce =
        new EmbeddingModel() {
          @Override
          public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            if (calls.getAndIncrement() == 0) {
              throw new IllegalStateException("model server went away");
            }
            return Response.from(
                segments.stream().map(s -> Embedding.from(new float[] {7, 7})).toList());
          }

          @Override
          public int dimension() {
            return 2;
          }
        };
    QueryEmbeddingCache cache = new QueryEmbeddingCache(failingOnce);
    assertThatThrownBy(() -> cache.embed("q")).hasMessageContaining("went away");

    List<Embedding> batch = cache.embedAll(List.of(TextSegment.from("q"))).content();

    assertThat(batch).singleElement().extracting(e -> e.vector()[0]).isEqualTo(7f);
    assertThat(calls).hasValue(2);
  }

  @Test
  void aTextAskedForWhileItIsBeingEmbeddedWaitsForThatComputation() throws Exception {
    GatedEmbeddingModel model = new GatedEmbeddingModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);
    CompletableFuture<float[]> first =
        CompletableFuture.supplyAsync(() -> cache.embed("same question").content().vector());
    model.entered.await();
    Thread second = new Thread(() -> cache.embed("same question"));
    second.start();
    while (second.getState() != Thread.State.WAITING) {
      Thread.onSpinWait(); // parked on the first computation (or, wrongly, inside the model)
    }

    model.release.countDown();
    second.join();

    assertThat(first.get()).containsExactly(3, 4);
    assertThat(model.texts).hasValue(1);
  }

  @Test
  void aFailedComputationIsNotRemembered() {
    AtomicInteger calls = new AtomicInteger();
    EmbeddingModel failingOnce =
        new EmbeddingModel() {
          @Override
          public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            if (calls.incrementAndGet() == 1) {
              throw new IllegalStateException("model not loaded");
            }
            return Response.from(List.of(Embedding.from(new float[] {1, 0})));
          }

          @Override
          public int dimension() {
            return 2;
          }
        };
    QueryEmbeddingCache cache = new QueryEmbeddingCache(failingOnce);

    assertThatThrownBy(() -> cache.embed("question"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("model not loaded");
    assertThat(cache.embed("question").content().vector()).containsExactly(1, 0);
    assertThat(calls).hasValue(2);
  }
}
