package dev.beca.models;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.NotFoundException;
import dev.beca.core.model.ModelErrorEntry;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelServer;
import dev.beca.core.model.ModelVersion;
import dev.beca.core.model.ModelVersionStatus;
import dev.beca.core.model.ModelVersionStore;
import dev.beca.core.model.NewModelVersion;
import dev.beca.core.model.PullProgress;
import dev.beca.models.internal.TimedCall;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a user does with the models of the configured servers: list them, try one, make it the one a
 * role uses (kept as a version in the {@link ModelVersionStore}, never a constant), roll a role
 * back, read the history and the error log, check for updates, pull and delete. A switch takes
 * effect at once for the {@link RoleGateway} it was made with.
 *
 * <p>Made by {@link ModelManager.Builder}; thread-safe.
 */
public final class ModelCatalog {

  /** The prompt {@link #test} sends. */
  public static final String TEST_PROMPT = "Reply with the single word: ready";

  private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

  private final ModelServers servers;
  private final ModelVersionStore versions;
  private final ModelErrorLog errors;
  private final RoleGateway gateway;
  private final ResilienceSettings resilience;

  ModelCatalog(
      ModelServers servers,
      ModelVersionStore versions,
      ModelErrorLog errors,
      RoleGateway gateway,
      ResilienceSettings resilience) {
    this.servers = servers;
    this.versions = versions;
    this.errors = errors;
    this.gateway = gateway;
    this.resilience = resilience;
  }

  /** The models of every server that answers, with a problem line for each that does not. */
  public ModelListing list() {
    List<ModelInfo> models = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ModelServer server : servers.all()) {
      try {
        models.addAll(server.models());
      } catch (BecaException e) {
        problems.add(e.getMessage());
      }
    }
    return new ModelListing(models, problems);
  }

  /**
   * Tries a model for a role: the server must have it, it must have what the role needs (tools for
   * the coding role, where the server reports capabilities), and it must answer a short prompt.
   * Never retried or redirected: the point is to see this model.
   *
   * @param role the role to try it for
   * @param serverName the server, or {@code null} for the default
   * @param model the model's name
   * @return what was found; failures of the model are in the result, not thrown
   * @throws NotFoundException when the server or the model does not exist
   */
  public ModelTestResult test(ModelRole role, String serverName, String model) {
    ModelServer server = servers.get(serverName);
    ModelInfo info = describe(server, model);
    return test(role, server, info, ModelParameters.defaultsFor(info.family(), info.name()));
  }

  private ModelTestResult test(
      ModelRole role, ModelServer server, ModelInfo info, ModelParameters parameters) {
    if (info.capabilitiesKnown() && !info.hasCapability("completion")) {
      return failed(
          role,
          info,
          "'"
              + info.name()
              + "' cannot generate text (capabilities: "
              + String.join(", ", info.capabilities())
              + "); choose a chat model.");
    }
    if (role == ModelRole.CODING
        && info.capabilitiesKnown()
        && !info.hasCapability(ModelInfo.TOOLS)) {
      return failed(
          role,
          info,
          "'"
              + info.name()
              + "' does not support tools, which the coding role needs; "
              + "choose a model whose `ollama show` lists the tools capability.");
    }
    TimedCall call;
    try {
      call =
          TimedCall.run(
              server.streamingChatModel(info.name(), parameters),
              ChatRequest.builder().messages(UserMessage.from(TEST_PROMPT)).build(),
              resilience.firstTokenTimeout().plus(resilience.totalTimeout()));
    } catch (ExecutionException e) {
      return failed(role, info, e.getCause().getMessage());
    } catch (TimeoutException e) {
      return failed(
          role,
          info,
          "'"
              + info.name()
              + "' did not answer within "
              + resilience.totalTimeout().toSeconds()
              + " s.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(role, info, "The test was interrupted.");
    }
    var message = call.response().aiMessage();
    String reply = message == null || message.text() == null ? "" : message.text();
    if (reply.isBlank()) {
      return failed(role, info, "'" + info.name() + "' answered with nothing.");
    }
    return new ModelTestResult(
        server.name(),
        info.name(),
        role,
        true,
        call.timeToFirstToken(),
        call.tokensPerSecond(),
        reply,
        "");
  }

  private static ModelTestResult failed(ModelRole role, ModelInfo info, String problem) {
    return new ModelTestResult(
        info.server(), info.name(), role, false, Duration.ZERO, 0, "", problem);
  }

  private ModelInfo describe(ModelServer server, String model) {
    if (model == null || model.isBlank()) {
      throw new InvalidInputException(
          "No model name was given.", "Name a model; `beca models list` shows them.");
    }
    return server
        .model(model)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "Server " + server.name() + " has no model '" + model + "'.",
                    server.managesModels()
                        ? "Pull it first (`beca models pull "
                            + model
                            + "`), or pick one `beca models list` shows."
                        : "Load it in the server's own UI, or pick one `beca models list` shows."));
  }

  /**
   * Makes a model the one a role uses, after it passed {@link #test}; the previous version becomes
   * inactive and stays in the history.
   *
   * @param role the role
   * @param serverName the server, or {@code null} for the default
   * @param model the model's name
   * @param overrides parameters to set on top of the model family's defaults
   * @return the new active version
   * @throws NotFoundException when the server or the model does not exist
   * @throws ModelRequestException when the model failed the test (nothing changes)
   */
  public ModelVersion use(
      ModelRole role, String serverName, String model, ModelParameters overrides) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(overrides, "overrides");
    ModelServer server = servers.get(serverName);
    ModelInfo info = describe(server, model);
    ModelParameters parameters =
        ModelParameters.defaultsFor(info.family(), info.name()).overriddenBy(overrides);
    ModelTestResult result = test(role, server, info, parameters);
    if (!result.passed()) {
      throw new ModelRequestException(
          "'"
              + info.name()
              + "' on "
              + server.name()
              + " failed its test for the "
              + role.name().toLowerCase(Locale.ROOT)
              + " role: "
              + result.problem(),
          "The " + role.name().toLowerCase(Locale.ROOT) + " role keeps its current model.",
          null);
    }
    ModelVersion version =
        versions.activate(new NewModelVersion(role, info, parameters, result.summary()));
    gateway.forget(role);
    LOG.info(
        "Role {} now uses {} on {} (version {})", role, info.name(), server.name(), version.id());
    return version;
  }

  /**
   * Makes an earlier version of a role active again (recorded as a new version, so the history
   * keeps the whole story). The model must still be on its server.
   *
   * @param role the role
   * @param versionId an id from {@link #history(ModelRole)}
   * @return the new active version
   * @throws NotFoundException when the version or the model no longer exists
   * @throws InvalidInputException when the version belongs to another role or is already active
   */
  public ModelVersion rollback(ModelRole role, long versionId) {
    ModelVersion target =
        versions
            .find(versionId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "There is no model version " + versionId + ".",
                        "See the ids with `beca models history`."));
    if (target.role() != role) {
      throw new InvalidInputException(
          "Version "
              + versionId
              + " belongs to the "
              + target.role().name().toLowerCase(Locale.ROOT)
              + " role, not "
              + role.name().toLowerCase(Locale.ROOT)
              + ".",
          "Pick a version from `beca models history "
              + role.name().toLowerCase(Locale.ROOT)
              + "`.");
    }
    if (target.status() == ModelVersionStatus.ACTIVE) {
      throw new InvalidInputException(
          "Version "
              + versionId
              + " is already the active "
              + role.name().toLowerCase(Locale.ROOT)
              + " model.",
          "Nothing to roll back.");
    }
    ModelServer server = servers.get(target.model().server());
    ModelInfo now = describe(server, target.model().name());
    String notes = "rollback to version " + versionId;
    if (!target.model().digest().isEmpty() && !now.digest().equals(target.model().digest())) {
      notes +=
          "; the model's content changed since (digest "
              + shortDigest(target.model().digest())
              + " -> "
              + shortDigest(now.digest())
              + ")";
    }
    ModelVersion version =
        versions.activate(new NewModelVersion(role, now, target.parameters(), notes));
    gateway.forget(role);
    return version;
  }

  /** A role's versions, newest first. */
  public List<ModelVersion> history(ModelRole role) {
    return versions.history(Objects.requireNonNull(role, "role"));
  }

  /** Every role's versions, newest first. */
  public List<ModelVersion> history() {
    return versions.history();
  }

  /** The latest failures of model calls and what was done about them, newest first. */
  public List<ModelErrorEntry> recentErrors(int limit) {
    return errors.recent(limit);
  }

  /**
   * Models on the servers that no role ever used, and used models whose digest changed since they
   * were recorded. Servers that do not answer are skipped (see {@link ModelHealth#check()}).
   *
   * @return the updates, server by server
   */
  public List<ModelUpdate> updates() {
    List<ModelVersion> history = versions.history();
    List<ModelUpdate> updates = new ArrayList<>();
    for (ModelServer server : servers.all()) {
      List<ModelInfo> models;
      try {
        models = server.models();
      } catch (BecaException e) {
        LOG.warn("Skipping server {} in the update check: {}", server.name(), e.getMessage());
        continue;
      }
      for (ModelInfo model : models) {
        Optional<ModelVersion> latest =
            history.stream()
                .filter(
                    v ->
                        v.model().server().equals(server.name())
                            && v.model().name().equals(model.name()))
                .findFirst();
        if (latest.isEmpty()) {
          updates.add(
              new ModelUpdate(
                  server.name(), model.name(), ModelUpdate.Kind.NEW, "", model.digest()));
        } else if (!latest.get().model().digest().isEmpty()
            && !model.digest().isEmpty()
            && !latest.get().model().digest().equals(model.digest())) {
          updates.add(
              new ModelUpdate(
                  server.name(),
                  model.name(),
                  ModelUpdate.Kind.CHANGED,
                  latest.get().model().digest(),
                  model.digest()));
        }
      }
    }
    return updates;
  }

  /**
   * Downloads a model onto a server, reporting progress.
   *
   * @param serverName the server, or {@code null} for the default
   * @param model the model's name
   * @param progress receives each report on the calling thread
   * @return the model as the server describes it once installed
   */
  public ModelInfo pull(String serverName, String model, Consumer<PullProgress> progress) {
    ModelServer server = servers.get(serverName);
    if (model == null || model.isBlank()) {
      throw new InvalidInputException(
          "No model name was given.", "Name the model to pull, e.g. llama3.2.");
    }
    server.pull(model, progress);
    return describe(server, model);
  }

  /**
   * Deletes a model from its server. A model that plays a role now is refused: switch the role
   * first.
   *
   * @param serverName the server, or {@code null} for the default
   * @param model the model's name
   * @throws InvalidInputException when a role uses the model
   */
  public void delete(String serverName, String model) {
    ModelServer server = servers.get(serverName);
    ModelInfo info = describe(server, model);
    for (ModelRole role : ModelRole.values()) {
      Optional<ModelVersion> current = versions.active(role);
      if (current.isPresent()
          && current.get().model().server().equals(server.name())
          && current.get().model().name().equals(info.name())) {
        throw new InvalidInputException(
            "'"
                + info.name()
                + "' is the active "
                + role.name().toLowerCase(Locale.ROOT)
                + " model.",
            "Switch the role to another model first (`beca models use "
                + role.name().toLowerCase(Locale.ROOT)
                + " MODEL`).");
      }
    }
    server.delete(info.name());
  }

  private static String shortDigest(String digest) {
    String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
