package dev.beca.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CompletionsTest {

  @Test
  void returnsTheResultOfAComputationDoneOnAnotherThread() {
    assertThat(Completions.join(CompletableFuture.supplyAsync(() -> 42))).isEqualTo(42);
  }

  @Test
  void aFailureReachesTheCallerAsTheExceptionItWas() {
    CompletableFuture<String> failed =
        CompletableFuture.supplyAsync(
            () -> {
              throw new NotFoundException("no lesson 7", "beca lessons list shows the ids");
            });

    assertThatThrownBy(() -> Completions.join(failed))
        .isExactlyInstanceOf(NotFoundException.class)
        .hasMessageContaining("no lesson 7");
  }

  @Test
  void anErrorStaysAnError() {
    CompletableFuture<String> failed = CompletableFuture.failedFuture(new OutOfMemoryError("heap"));

    assertThatThrownBy(() -> Completions.join(failed)).isExactlyInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void aCheckedFailureStaysWrappedWithItsCause() {
    CompletableFuture<String> failed = new CompletableFuture<>();
    failed.completeExceptionally(new IOException("disk gone"));

    assertThatThrownBy(() -> Completions.join(failed))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void joinSoonWaitsPastItsSpinForASlowComputationAndKeepsItsFailure() {
    CompletableFuture<String> slow =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return "done";
            });

    assertThat(Completions.joinSoon(slow, 1_000)).isEqualTo("done");
    assertThatThrownBy(
            () ->
                Completions.joinSoon(
                    CompletableFuture.failedFuture(new NotFoundException("gone", "list")),
                    1_000_000))
        .isExactlyInstanceOf(NotFoundException.class);
  }
}
