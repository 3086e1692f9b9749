package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.Completions;
import dev.langchain4j.data.embedding.Embedding;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A search's side work offered to another search of the same text that waits for its embedding: run
 * once, on the helper's thread when it takes it, else on the search's own thread after the model;
 * its failure stays with its own search.
 */
class SideWorkTest {

  /** Records what ran on which thread, in order. */
  private final Queue<String> events = new ConcurrentLinkedQueue<>();

  private final String testThread = Thread.currentThread().getName();

  @AfterEach
  void restoreTheThreadName() {
    Thread.currentThread().setName(testThread);
  }

  /** Blocks every embedding until released, recording when it returns. */
  private GatedEmbeddingModel gatedModel() {
    return new GatedEmbeddingModel(
        () -> events.add("model on " + Thread.currentThread().getName()));
  }

  private SideWork.Task<String> recordingTask(AtomicInteger runs) {
    return new SideWork.Task<>(
        () -> {
          runs.incrementAndGet();
          events.add("task on " + Thread.currentThread().getName());
          return "keyword side";
        });
  }

  @Test
  void aSearchWaitingForTheEmbeddingRunsTheOfferedTaskOnItsOwnThreadOnce() throws Exception {
    GatedEmbeddingModel model = gatedModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);
    AtomicInteger runs = new AtomicInteger();
    SideWork.Task<String> task = recordingTask(runs);
    CompletableFuture<float[]> embedding =
        CompletableFuture.supplyAsync(
            () -> {
              Thread.currentThread().setName("lesson-search");
              return QueryEmbedder.embedBeside(cache, "flaky test", task);
            });
    model.entered.await();
    Thread.currentThread().setName("history-search");

    CompletableFuture<float[]> started = QueryEmbedder.started(cache, "flaky test");
    SideWork.help("flaky test");
    model.release.countDown();

    assertThat(started).isNotNull();
    assertThat(embedding.get()).containsExactly(0.6f, 0.8f);
    assertThat(Completions.join(task.result())).isEqualTo("keyword side");
    assertThat(runs).hasValue(1);
    assertThat(events).containsExactly("task on history-search", "model on lesson-search");
  }

  @Test
  void aTaskNobodyTookRunsOnItsOwnSearchAfterTheModelAndIsNotOfferedAfterwards() {
    GatedEmbeddingModel model = gatedModel();
    model.release.countDown();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);
    AtomicInteger runs = new AtomicInteger();
    SideWork.Task<String> task = recordingTask(runs);
    Thread.currentThread().setName("lesson-search");

    float[] vector = QueryEmbedder.embedBeside(cache, "slow build", task);
    SideWork.help("slow build"); // a helper coming late finds nothing

    assertThat(vector).containsExactly(0.6f, 0.8f);
    assertThat(task.result()).isDone();
    assertThat(runs).hasValue(1);
    assertThat(events).containsExactly("model on lesson-search", "task on lesson-search");
  }

  @Test
  void aTextComputedByAnotherSearchHasItsTaskRunHereFirst() throws Exception {
    GatedEmbeddingModel model = gatedModel();
    QueryEmbeddingCache cache = new QueryEmbeddingCache(model);
    CompletableFuture<Embedding> other =
        CompletableFuture.supplyAsync(
            () -> {
              Thread.currentThread().setName("history-search");
              return cache.embed("gc pauses").content();
            });
    model.entered.await();
    AtomicInteger runs = new AtomicInteger();
    SideWork.Task<String> task = recordingTask(runs);
    Thread.currentThread().setName("lesson-search");

    CompletableFuture<float[]> mine =
        CompletableFuture.supplyAsync(() -> QueryEmbedder.embedBeside(cache, "gc pauses", task));
    Completions.join(task.result());
    model.release.countDown();

    assertThat(mine.get()).containsExactly(0.6f, 0.8f);
    assertThat(other.get().vector()).containsExactly(3, 4);
    assertThat(runs).hasValue(1);
    assertThat(events.peek()).startsWith("task on "); // before the model: this thread only waited
  }

  @Test
  void aFailedTaskReachesItsOwnSearchNotTheHelper() {
    SideWork.Task<String> failing =
        new SideWork.Task<>(
            () -> {
              throw new IllegalStateException("database is locked");
            });
    SideWork.offer("locked", failing);

    SideWork.help("locked");
    SideWork.withdraw("locked", failing);
    failing.run(); // taken already: nothing to do

    assertThat(failing.result()).isCompletedExceptionally();
    assertThatThrownBy(() -> Completions.join(failing.result()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database is locked");
  }
}
