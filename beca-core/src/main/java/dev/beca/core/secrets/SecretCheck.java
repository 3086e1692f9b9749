package dev.beca.core.secrets;

/**
 * A structural check a candidate secret must also pass, beyond its rule's regex and entropy. A BECA
 * extension of the gitleaks format: the TOML key {@code check}.
 */
public enum SecretCheck {
  /** No further check. */
  NONE,
  /**
   * A JSON Web Token: three dot-separated base64url parts; header and payload decode to JSON
   * objects.
   */
  JWT,
  /**
   * Heuristic false-positive filters in the manner of detect-secrets: rejects templated values
   * ({@code ${VAR}}, {@code {{var}}}, {@code <your-key>}), placeholders ({@code changeme}, {@code
   * example}, {@code xxxx}), UUIDs, sequential or repeated characters, and hashes in lock files.
   */
  NOT_PLACEHOLDER,
  /**
   * For rules whose match is already distinctive (a provider's prefix, a URL's user-info): drops
   * only true templates ({@code ${VAR}}, {@code {{var}}}, {@code {VAR}}, {@code <your-key>}, {@code
   * os.environ[...]}, {@code $VAR}); a value that looks like a placeholder ({@code sk_live_AAAA…},
   * {@code hf_xxxx…}, {@code user:pass@}) or misses the rule's entropy is still reported, at {@link
   * Confidence#LOW}. Someone pasted a key-shaped thing; redacting it costs nothing, missing it
   * leaks.
   */
  NOT_TEMPLATE,
  /**
   * A private key in Wallet Import Format: base58 that decodes to a version byte, 32 key bytes (and
   * a compression flag) and a valid 4-byte double-SHA-256 checksum.
   */
  WIF,
  /**
   * An HTTP Basic credential: base64 of {@code user:password} with a non-empty password that is not
   * a template; a placeholder password ({@code user:pass}) lowers the confidence as with {@link
   * #NOT_TEMPLATE}.
   */
  BASIC_AUTH,
  /**
   * A PEM private key encoded in base64 as a whole ({@code LS0tLS1CRUdJTi...}, as Kubernetes
   * secrets and CI variables hold keys): the value's start decodes to a {@code -----BEGIN ...
   * PRIVATE KEY-----} line. A base64 certificate or public key does not pass.
   */
  BASE64_PRIVATE_KEY
}
