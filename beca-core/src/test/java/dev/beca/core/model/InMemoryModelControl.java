package dev.beca.core.model;

import dev.beca.core.InvalidInputException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The smallest {@link ModelControl} that passes {@link ModelControlContract}: one server whose
 * models are records in memory (a model with the {@code completion} capability "answers"), versions
 * in an {@link InMemoryModelVersionStore}. A reference for other implementations, and a stand-in
 * for front-end tests that need no model server.
 */
public final class InMemoryModelControl implements ModelControl {

  /** The one server's name. */
  public static final String SERVER = "memory";

  private final InMemoryModelVersionStore versions;
  private final Map<String, ModelInfo> installed = new LinkedHashMap<>();
  private final Map<String, ModelInfo> pullable = new LinkedHashMap<>();

  /**
   * An empty server.
   *
   * @param clock the time of versions
   */
  public InMemoryModelControl(Clock clock) {
    this.versions = new InMemoryModelVersionStore(clock);
  }

  /**
   * Installs a model.
   *
   * @param name its name
   * @param capabilities what it can do; {@code completion} for a chat model
   * @return this
   */
  public synchronized InMemoryModelControl install(String name, String... capabilities) {
    installed.put(name, info(name, capabilities));
    return this;
  }

  /**
   * Makes a model pullable.
   *
   * @param name its name
   * @return this
   */
  public synchronized InMemoryModelControl offer(String name) {
    pullable.put(name, info(name, "completion"));
    return this;
  }

  private static ModelInfo info(String name, String... capabilities) {
    return new ModelInfo(
        SERVER,
        name,
        "sha256:" + Integer.toHexString(name.hashCode()),
        1000,
        "",
        "",
        "",
        Set.of(capabilities),
        Optional.empty());
  }

  private ModelInfo find(String server, String model) {
    if (server != null && !server.isBlank() && !server.equals(SERVER)) {
      throw new NotFoundException(
          "There is no model server named '" + server + "'.",
          "Configured servers: " + SERVER + ".");
    }
    if (model == null || model.isBlank()) {
      throw new InvalidInputException("No model name was given.", "Name a model.");
    }
    ModelInfo info = installed.get(model);
    if (info == null) {
      throw new NotFoundException(
          "Server " + SERVER + " has no model '" + model + "'.", "Pull it first.");
    }
    return info;
  }

  @Override
  public synchronized ModelTrial test(ModelRole role, String server, String model) {
    ModelInfo info = find(server, model);
    boolean passed = info.hasCapability("completion");
    return new ModelTrial(
        SERVER,
        info.name(),
        role,
        passed,
        passed ? Duration.ofMillis(1) : Duration.ZERO,
        0,
        passed ? "ready" : "",
        passed ? "" : "'" + info.name() + "' cannot generate text; choose a chat model.");
  }

  @Override
  public synchronized ModelVersion use(
      ModelRole role, String server, String model, ModelParameters overrides) {
    ModelTrial trial = test(role, server, model);
    if (!trial.passed()) {
      throw new ModelRequestException(
          trial.problem(),
          "The " + role.name().toLowerCase(Locale.ROOT) + " role keeps its current model.",
          null);
    }
    return versions.activate(
        new NewModelVersion(role, installed.get(model), overrides, "pass: in memory"));
  }

  @Override
  public synchronized ModelVersion rollback(ModelRole role, long versionId) {
    ModelVersion target =
        versions
            .find(versionId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "There is no model version " + versionId + ".", "See the history's ids."));
    if (target.role() != role) {
      throw new InvalidInputException(
          "Version " + versionId + " is another role's.", "Pick a version of this role.");
    }
    if (target.status() == ModelVersionStatus.ACTIVE) {
      throw new InvalidInputException(
          "Version " + versionId + " is active already.", "Nothing to roll back.");
    }
    ModelInfo now = find(null, target.model().name());
    return versions.activate(
        new NewModelVersion(role, now, target.parameters(), "rollback to version " + versionId));
  }

  @Override
  public synchronized List<ModelVersion> history(Optional<ModelRole> role) {
    return role.map(versions::history).orElseGet(versions::history);
  }

  @Override
  public synchronized List<ModelChange> updates() {
    List<ModelVersion> history = versions.history();
    List<ModelChange> changes = new ArrayList<>();
    for (ModelInfo model : installed.values()) {
      Optional<ModelVersion> latest =
          history.stream().filter(v -> v.model().name().equals(model.name())).findFirst();
      if (latest.isEmpty()) {
        changes.add(
            new ModelChange(SERVER, model.name(), ModelChange.Kind.NEW, "", model.digest()));
      } else if (!latest.get().model().digest().equals(model.digest())) {
        changes.add(
            new ModelChange(
                SERVER,
                model.name(),
                ModelChange.Kind.CHANGED,
                latest.get().model().digest(),
                model.digest()));
      }
    }
    return changes;
  }

  @Override
  public synchronized ModelInfo pull(String server, String model, Consumer<PullProgress> progress) {
    if (model == null || model.isBlank()) {
      throw new InvalidInputException("No model name was given.", "Name the model to pull.");
    }
    ModelInfo offered = pullable.get(model);
    if (offered == null) {
      throw new ModelRequestException(
          "pull model manifest: file does not exist", "Check the model's name.", null);
    }
    for (long done = 0; done <= offered.sizeBytes(); done += offered.sizeBytes() / 4) {
      progress.accept(new PullProgress("pulling", offered.digest(), offered.sizeBytes(), done));
    }
    installed.put(model, offered);
    return offered;
  }

  @Override
  public synchronized void delete(String server, String model) {
    ModelInfo info = find(server, model);
    for (ModelRole role : ModelRole.values()) {
      if (versions.active(role).filter(v -> v.model().name().equals(info.name())).isPresent()) {
        throw new InvalidInputException(
            "'"
                + info.name()
                + "' is the active "
                + role.name().toLowerCase(Locale.ROOT)
                + " model.",
            "Switch the role to another model first.");
      }
    }
    installed.remove(model);
  }
}
