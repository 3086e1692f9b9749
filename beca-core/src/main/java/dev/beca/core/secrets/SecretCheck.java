package dev.beca.core.secrets;

/**
 * A structural check a candidate secret must also pass, beyond its rule's regex and entropy.
 * A BECA extension of the gitleaks format: the TOML key {@code check}.
 */
public enum SecretCheck {
  /** No further check. */
  NONE,
  /** A JSON Web Token: three dot-separated base64url parts; header and payload decode to JSON objects. */
  JWT,
  /**
   * Heuristic false-positive filters in the manner of detect-secrets: rejects templated values
   * ({@code ${VAR}}, {@code {{var}}}, {@code <your-key>}), placeholders ({@code changeme},
   * {@code example}, {@code xxxx}), UUIDs, sequential or repeated characters, and hashes in lock
   * files.
   */
  NOT_PLACEHOLDER
}
