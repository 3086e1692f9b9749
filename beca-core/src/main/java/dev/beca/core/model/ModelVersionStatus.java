package dev.beca.core.model;

/** Whether a recorded model version currently plays its role. */
public enum ModelVersionStatus {
  /** The version the role uses now; at most one per role. */
  ACTIVE,
  /** An earlier version, kept for history and rollback. */
  INACTIVE
}
