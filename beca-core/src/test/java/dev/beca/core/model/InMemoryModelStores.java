package dev.beca.core.model;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Model version store and error log in memory, for tests of other modules. Thread-safe. */
public final class InMemoryModelStores implements ModelVersionStore, ModelErrorLog {

  private final Clock clock;
  private final List<ModelVersion> versions = new ArrayList<>();
  private final List<ModelErrorEntry> errors = new ArrayList<>();

  /**
   * Creates empty stores.
   *
   * @param clock stamps the records
   */
  public InMemoryModelStores(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized ModelVersion activate(NewModelVersion version) {
    Instant now = clock.instant();
    Instant firstSeen = versions.stream()
        .filter(v -> v.model().server().equals(version.model().server()) && v.model().name().equals(version.model().name()))
        .map(ModelVersion::firstSeenAt).min(Comparator.naturalOrder()).orElse(now);
    versions.replaceAll(v -> v.role() == version.role() && v.status() == ModelVersionStatus.ACTIVE
        ? new ModelVersion(v.id(), v.role(), v.model(), v.parameters(), ModelVersionStatus.INACTIVE,
            v.firstSeenAt(), v.activatedAt(), v.notes())
        : v);
    ModelVersion stored = new ModelVersion(versions.size() + 1L, version.role(), version.model(),
        version.parameters(), ModelVersionStatus.ACTIVE, firstSeen, now, version.notes());
    versions.add(stored);
    return stored;
  }

  @Override
  public synchronized Optional<ModelVersion> active(ModelRole role) {
    return versions.stream().filter(v -> v.role() == role && v.status() == ModelVersionStatus.ACTIVE).findFirst();
  }

  @Override
  public synchronized Optional<ModelVersion> find(long id) {
    return versions.stream().filter(v -> v.id() == id).findFirst();
  }

  @Override
  public synchronized List<ModelVersion> history(ModelRole role) {
    return history().stream().filter(v -> v.role() == role).toList();
  }

  @Override
  public synchronized List<ModelVersion> history() {
    List<ModelVersion> copy = new ArrayList<>(versions);
    copy.sort(Comparator.comparing(ModelVersion::activatedAt).thenComparing(ModelVersion::id).reversed());
    return copy;
  }

  @Override
  public synchronized ModelErrorEntry record(
      String server, String model, String errorClass, String message, String action) {
    ModelErrorEntry entry = new ModelErrorEntry(
        errors.size() + 1L, clock.instant(), server, model, errorClass, ModelErrorLog.cut(message), action);
    errors.add(entry);
    return entry;
  }

  @Override
  public synchronized List<ModelErrorEntry> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    List<ModelErrorEntry> copy = new ArrayList<>(errors);
    java.util.Collections.reverse(copy);
    return copy.subList(0, Math.min(limit, copy.size()));
  }
}
