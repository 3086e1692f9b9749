package dev.beca.core.model;

import java.util.List;
import java.util.Optional;

/**
 * The history of which model plays which role. The active model of a role is data kept here, never
 * a constant in code. Implementations must be thread-safe, and {@link #activate} atomic: at no
 * moment may a role have two active versions or none after it had one.
 */
public interface ModelVersionStore {

  /**
   * Records a version and makes it the role's only active one; the previous active version becomes
   * inactive. Committed before it returns.
   *
   * @param version the model to activate
   * @return the stored version, {@link ModelVersionStatus#ACTIVE}
   */
  ModelVersion activate(NewModelVersion version);

  /**
   * The version a role uses now.
   *
   * @param role the role
   * @return the active version, empty when none was ever chosen
   */
  Optional<ModelVersion> active(ModelRole role);

  /**
   * A version by id.
   *
   * @param id the id
   * @return the version, if it exists
   */
  Optional<ModelVersion> find(long id);

  /**
   * A role's versions, newest activation first.
   *
   * @param role the role
   * @return the history, possibly empty
   */
  List<ModelVersion> history(ModelRole role);

  /**
   * Every role's versions, newest activation first.
   *
   * @return the history, possibly empty
   */
  List<ModelVersion> history();
}
