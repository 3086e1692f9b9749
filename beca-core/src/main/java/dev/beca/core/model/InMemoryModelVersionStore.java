package dev.beca.core.model;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ModelVersionStore} in memory, for an embedding application that keeps no database (the
 * model manager's default): the roles' versions live as long as the process. Passes the same
 * contract as the SQLite store. Thread-safe.
 */
public final class InMemoryModelVersionStore implements ModelVersionStore {

  private final Clock clock;
  private final List<ModelVersion> versions = new ArrayList<>();

  /**
   * Creates an empty store.
   *
   * @param clock stamps the versions
   */
  public InMemoryModelVersionStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized ModelVersion activate(NewModelVersion version) {
    Objects.requireNonNull(version, "version");
    Instant now = clock.instant();
    Instant firstSeen =
        versions.stream()
            .filter(
                v ->
                    v.model().server().equals(version.model().server())
                        && v.model().name().equals(version.model().name()))
            .map(ModelVersion::firstSeenAt)
            .min(Comparator.naturalOrder())
            .orElse(now);
    versions.replaceAll(
        v ->
            v.role() == version.role() && v.status() == ModelVersionStatus.ACTIVE
                ? new ModelVersion(
                    v.id(),
                    v.role(),
                    v.model(),
                    v.parameters(),
                    ModelVersionStatus.INACTIVE,
                    v.firstSeenAt(),
                    v.activatedAt(),
                    v.notes())
                : v);
    ModelVersion stored =
        new ModelVersion(
            versions.size() + 1L,
            version.role(),
            version.model(),
            version.parameters(),
            ModelVersionStatus.ACTIVE,
            firstSeen,
            now,
            version.notes());
    versions.add(stored);
    return stored;
  }

  @Override
  public synchronized Optional<ModelVersion> active(ModelRole role) {
    return versions.stream()
        .filter(v -> v.role() == role && v.status() == ModelVersionStatus.ACTIVE)
        .findFirst();
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
    copy.sort(
        Comparator.comparing(ModelVersion::activatedAt).thenComparing(ModelVersion::id).reversed());
    return copy;
  }
}
