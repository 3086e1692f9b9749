package dev.beca.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.conversation.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ModelVersionStore} and {@link ModelErrorLog} implementation must pass.
 * Extend it and return fresh, empty stores that use the given clock.
 */
public abstract class ModelStoresContract {

  /** A version store and an error log, fresh for one test. */
  public record Stores(ModelVersionStore versions, ModelErrorLog errors) {}

  /** The clock handed to the stores, at 2026-03-01T00:00:00Z at the start of each test. */
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));

  private ModelVersionStore versions;
  private ModelErrorLog errors;

  /**
   * Creates empty stores for one test.
   *
   * @param clock the clock that stamps records
   * @return the stores
   */
  protected abstract Stores createStores(MutableClock clock);

  @BeforeEach
  void createFreshStores() {
    Stores stores = createStores(clock);
    versions = stores.versions();
    errors = stores.errors();
  }

  /** A model as a test server would describe it. */
  public static ModelInfo model(String name, String digest) {
    return new ModelInfo(
        "ollama",
        name,
        digest,
        2_000_000_000L,
        "llama",
        "3.2B",
        "Q4_K_M",
        Set.of("completion", "tools"),
        Optional.of(Instant.parse("2025-01-15T10:20:30Z")));
  }

  private static NewModelVersion version(ModelRole role, String name, String digest) {
    return new NewModelVersion(
        role,
        model(name, digest),
        new ModelParameters(
            0.2, 0.9, 8192, 7, List.of("<|end|>", "a=b\nc"), Duration.ofMinutes(10)),
        "ttft 120 ms");
  }

  @Test
  void aRoleHasNoActiveVersionUntilOneIsActivated() {
    assertThat(versions.active(ModelRole.GENERAL)).isEmpty();
    assertThat(versions.history(ModelRole.GENERAL)).isEmpty();
    assertThat(versions.history()).isEmpty();
  }

  @Test
  void activatingStoresEveryFieldAndMakesItActive() {
    ModelVersion stored = versions.activate(version(ModelRole.GENERAL, "llama3.2:latest", "abc"));

    assertThat(stored.id()).isPositive();
    assertThat(stored.status()).isEqualTo(ModelVersionStatus.ACTIVE);
    assertThat(stored.activatedAt()).isEqualTo(clock.instant());
    assertThat(stored.firstSeenAt()).isEqualTo(clock.instant());
    assertThat(versions.active(ModelRole.GENERAL)).contains(stored);
    assertThat(versions.find(stored.id())).contains(stored);
    assertThat(stored.model()).isEqualTo(model("llama3.2:latest", "abc"));
    assertThat(stored.parameters().stop()).containsExactly("<|end|>", "a=b\nc");
    assertThat(stored.parameters().keepAlive()).isEqualTo(Duration.ofMinutes(10));
    assertThat(stored.notes()).isEqualTo("ttft 120 ms");
  }

  @Test
  void switchingMakesThePreviousVersionInactiveAndKeepsHistoryNewestFirst() {
    ModelVersion first = versions.activate(version(ModelRole.GENERAL, "llama3.2:latest", "abc"));
    clock.advance(Duration.ofMinutes(1));
    ModelVersion second = versions.activate(version(ModelRole.GENERAL, "mistral:latest", "def"));

    assertThat(versions.active(ModelRole.GENERAL)).contains(second);
    assertThat(versions.history(ModelRole.GENERAL))
        .extracting(ModelVersion::id, ModelVersion::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(second.id(), ModelVersionStatus.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(first.id(), ModelVersionStatus.INACTIVE));
  }

  @Test
  void rolesAreIndependent() {
    ModelVersion general = versions.activate(version(ModelRole.GENERAL, "llama3.2:latest", "abc"));
    ModelVersion coding =
        versions.activate(version(ModelRole.CODING, "qwen2.5-coder:latest", "def"));

    assertThat(versions.active(ModelRole.GENERAL)).contains(general);
    assertThat(versions.active(ModelRole.CODING)).contains(coding);
    assertThat(versions.history())
        .extracting(ModelVersion::id)
        .containsExactly(coding.id(), general.id());
  }

  @Test
  void firstSeenIsKeptWhenTheSameModelIsActivatedAgain() {
    ModelVersion first = versions.activate(version(ModelRole.GENERAL, "llama3.2:latest", "abc"));
    clock.advance(Duration.ofHours(1));
    versions.activate(version(ModelRole.GENERAL, "mistral:latest", "x"));
    clock.advance(Duration.ofHours(1));
    ModelVersion again = versions.activate(version(ModelRole.CODING, "llama3.2:latest", "abc"));

    assertThat(again.firstSeenAt()).isEqualTo(first.activatedAt());
    assertThat(again.activatedAt()).isEqualTo(clock.instant());
  }

  @Test
  void findOfAnUnknownIdIsEmpty() {
    assertThat(versions.find(999_999)).isEmpty();
  }

  @Test
  void concurrentActivationsLeaveExactlyOneActiveVersion() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ModelVersion>> futures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String name = "m" + i + ":latest";
        futures.add(pool.submit(() -> versions.activate(version(ModelRole.CODING, name, "d"))));
      }
      for (Future<ModelVersion> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(versions.history(ModelRole.CODING))
        .hasSize(12)
        .filteredOn(v -> v.status() == ModelVersionStatus.ACTIVE)
        .hasSize(1);
  }

  @Test
  void errorLogKeepsEntriesNewestFirst() {
    ModelErrorEntry first =
        errors.record("ollama", "llama3.2", "ModelUnavailableException", "down", "retried");
    clock.advance(Duration.ofSeconds(5));
    ModelErrorEntry second =
        errors.record(
            "ollama",
            "llama3.2",
            "ModelUnavailableException",
            "still down",
            "fell back to lmstudio/qwen");

    assertThat(first.time()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(errors.recent(10)).containsExactly(second, first);
    assertThat(errors.recent(1)).containsExactly(second);
  }

  @Test
  void errorLogCutsLongMessages() {
    ModelErrorEntry entry = errors.record("s", "m", "E", "x".repeat(5000), "gave up");

    assertThat(entry.message()).hasSize(ModelErrorLog.MAX_MESSAGE_CHARS);
    assertThat(errors.recent(1).get(0).message()).hasSize(ModelErrorLog.MAX_MESSAGE_CHARS);
  }

  @Test
  void errorLogStoresNoCredentialsOfAServerUrl() {
    ModelErrorEntry entry =
        errors.record(
            "ollama",
            "llama3.2",
            "ModelUnavailableException",
            "No model server answers at http://admin:s3cret-pw@gpu-box:11434.",
            "gave up");

    assertThat(entry.message()).isEqualTo("No model server answers at http://***@gpu-box:11434.");
    assertThat(errors.recent(1).get(0).message())
        .doesNotContain("s3cret-pw", "admin")
        .isEqualTo("No model server answers at http://***@gpu-box:11434.");
  }

  @Test
  void errorLogRejectsANonPositiveLimit() {
    assertThatThrownBy(() -> errors.recent(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }
}
