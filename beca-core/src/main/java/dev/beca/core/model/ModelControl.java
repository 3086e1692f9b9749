package dev.beca.core.model;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a user does with the models of the configured servers, as a port for front ends that see
 * only the core (the HTTP API): try a model, make it the one a role uses, roll a role back, read
 * the history, check for updates, pull and delete. beca-models implements it ({@code
 * ModelManager.control()}); a switch takes effect at once for that manager's gateway.
 *
 * <p>Every implementation must (and {@code ModelControlContract} in beca-core's test-jar checks
 * it):
 *
 * <ul>
 *   <li>throw {@link dev.beca.core.NotFoundException} for an unknown server, model or version,
 *       {@link dev.beca.core.InvalidInputException} for a blank model name;
 *   <li>switch a role only to a model that passed its test, recording it as a new version (the
 *       previous one stays in the history, inactive), and change nothing when the test fails
 *       ({@link dev.beca.core.ModelRequestException});
 *   <li>roll back by activating an earlier version as a new one, refusing a version of another role
 *       or the active one ({@link dev.beca.core.InvalidInputException});
 *   <li>refuse to delete the model a role uses now ({@link dev.beca.core.InvalidInputException});
 *   <li>report pull progress on the calling thread, in order, before returning the pulled model.
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
public interface ModelControl {

  /**
   * Tries a model for a role with a short prompt; never retried or redirected.
   *
   * @param role the role to try it for
   * @param server the server, or {@code null} for the default one
   * @param model the model's name
   * @return what was found; a failure of the model is in the result, not thrown
   * @throws dev.beca.core.NotFoundException when the server or the model does not exist
   */
  ModelTrial test(ModelRole role, String server, String model);

  /**
   * Makes a model the one a role uses, after it passed {@link #test}.
   *
   * @param role the role
   * @param server the server, or {@code null} for the default one
   * @param model the model's name
   * @param overrides parameters set on top of the model family's defaults
   * @return the new active version
   * @throws dev.beca.core.NotFoundException when the server or the model does not exist
   * @throws dev.beca.core.ModelRequestException when the model failed its test (nothing changes)
   */
  ModelVersion use(ModelRole role, String server, String model, ModelParameters overrides);

  /**
   * Makes an earlier version of a role active again, recorded as a new version.
   *
   * @param role the role
   * @param versionId an id from {@link #history}
   * @return the new active version
   * @throws dev.beca.core.NotFoundException when the version or its model no longer exists
   * @throws dev.beca.core.InvalidInputException when the version belongs to another role or is
   *     already active
   */
  ModelVersion rollback(ModelRole role, long versionId);

  /**
   * The versions of one role, or of every role, newest first.
   *
   * @param role the role, or empty for all
   * @return the versions
   */
  List<ModelVersion> history(Optional<ModelRole> role);

  /**
   * Models on the servers that no role ever used, and used models whose digest changed since they
   * were recorded; servers that do not answer are skipped.
   *
   * @return the changes, server by server
   */
  List<ModelChange> updates();

  /**
   * Downloads a model onto a server.
   *
   * @param server the server, or {@code null} for the default one
   * @param model the model's name
   * @param progress receives each report on the calling thread, in order
   * @return the model as the server describes it once installed
   * @throws dev.beca.core.InvalidInputException when the name is blank or the server cannot pull
   */
  ModelInfo pull(String server, String model, Consumer<PullProgress> progress);

  /**
   * Deletes a model from its server.
   *
   * @param server the server, or {@code null} for the default one
   * @param model the model's name
   * @throws dev.beca.core.NotFoundException when the server or the model does not exist
   * @throws dev.beca.core.InvalidInputException when a role uses the model now
   */
  void delete(String server, String model);
}
