package dev.beca.memory.internal;

import dev.beca.core.StorageException;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelVersion;
import dev.beca.core.model.ModelVersionStatus;
import dev.beca.core.model.ModelVersionStore;
import dev.beca.core.model.NewModelVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/**
 * {@link ModelVersionStore} on the SQLite knowledge base. Activation is one transaction (deactivate
 * the role's version, insert the new one), and a partial unique index keeps one active version per
 * role even against another process.
 */
public final class SqliteModelVersionStore implements ModelVersionStore {

  private final SqliteDatabase database;
  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param database the opened database
   * @param clock the source of activation times
   */
  public SqliteModelVersionStore(SqliteDatabase database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public ModelVersion activate(NewModelVersion version) {
    Objects.requireNonNull(version, "version");
    long now = clock.millis();
    try {
      ModelVersionInsert row =
          database.write(
              session -> {
                ModelVersionMapper mapper = session.getMapper(ModelVersionMapper.class);
                mapper.deactivate(version.role().name());
                Long firstSeen = mapper.firstSeen(version.model().server(), version.model().name());
                ModelVersionInsert insert =
                    new ModelVersionInsert(version, firstSeen == null ? now : firstSeen, now);
                mapper.insert(insert);
                return insert;
              });
      return new ModelVersion(
          row.id,
          version.role(),
          version.model(),
          version.parameters(),
          ModelVersionStatus.ACTIVE,
          Instant.ofEpochMilli(row.firstSeenAt),
          Instant.ofEpochMilli(now),
          version.notes());
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(
          "record the "
              + version.role().name().toLowerCase(java.util.Locale.ROOT)
              + " model '"
              + version.model().name()
              + "'",
          database.file(),
          e);
    }
  }

  @Override
  public Optional<ModelVersion> active(ModelRole role) {
    return read(
        "read the active " + role + " model",
        m -> Optional.ofNullable(m.active(role.name())).map(ModelVersionRow::toVersion));
  }

  @Override
  public Optional<ModelVersion> find(long id) {
    return read(
        "read model version " + id,
        m -> Optional.ofNullable(m.find(id)).map(ModelVersionRow::toVersion));
  }

  @Override
  public List<ModelVersion> history(ModelRole role) {
    return read(
        "read the " + role + " model history",
        m -> m.history(role.name()).stream().map(ModelVersionRow::toVersion).toList());
  }

  @Override
  public List<ModelVersion> history() {
    return read(
        "read the model history", m -> m.all().stream().map(ModelVersionRow::toVersion).toList());
  }

  private <T> T read(String doing, java.util.function.Function<ModelVersionMapper, T> query) {
    try (SqlSession session = database.autoCommitSession()) {
      return query.apply(session.getMapper(ModelVersionMapper.class));
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(doing, database.file(), e);
    }
  }
}
