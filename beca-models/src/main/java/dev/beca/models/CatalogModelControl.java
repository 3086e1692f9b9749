package dev.beca.models;

import dev.beca.core.model.ModelChange;
import dev.beca.core.model.ModelControl;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelTrial;
import dev.beca.core.model.ModelVersion;
import dev.beca.core.model.PullProgress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The core's {@link ModelControl} over a {@link ModelCatalog}: the same rules, core types. Handed
 * out by {@link ModelManager#control()}; not published itself.
 */
final class CatalogModelControl implements ModelControl {

  private final ModelCatalog catalog;

  /**
   * Wraps a catalog.
   *
   * @param catalog the catalog that does the work
   */
  CatalogModelControl(ModelCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public ModelTrial test(ModelRole role, String server, String model) {
    ModelTestResult r = catalog.test(Objects.requireNonNull(role, "role"), server, model);
    return new ModelTrial(
        r.server(),
        r.model(),
        r.role(),
        r.passed(),
        r.timeToFirstToken(),
        r.tokensPerSecond(),
        r.reply(),
        r.problem());
  }

  @Override
  public ModelVersion use(ModelRole role, String server, String model, ModelParameters overrides) {
    return catalog.use(role, server, model, overrides);
  }

  @Override
  public ModelVersion rollback(ModelRole role, long versionId) {
    return catalog.rollback(Objects.requireNonNull(role, "role"), versionId);
  }

  @Override
  public List<ModelVersion> history(Optional<ModelRole> role) {
    return role.map(catalog::history).orElseGet(catalog::history);
  }

  @Override
  public List<ModelChange> updates() {
    return catalog.updates().stream().map(CatalogModelControl::change).toList();
  }

  private static ModelChange change(ModelUpdate u) {
    return new ModelChange(
        u.server(),
        u.model(),
        u.kind() == ModelUpdate.Kind.NEW ? ModelChange.Kind.NEW : ModelChange.Kind.CHANGED,
        u.recordedDigest(),
        u.currentDigest());
  }

  @Override
  public ModelInfo pull(String server, String model, Consumer<PullProgress> progress) {
    return catalog.pull(server, model, Objects.requireNonNull(progress, "progress"));
  }

  @Override
  public void delete(String server, String model) {
    catalog.delete(server, model);
  }
}
