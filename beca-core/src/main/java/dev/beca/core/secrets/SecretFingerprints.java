package dev.beca.core.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fingerprints and redacted forms of secrets. */
public final class SecretFingerprints {

  /** What replaces the hidden part of a secret. */
  public static final String MASK = "****";

  private SecretFingerprints() {}

  /** {@code sha256:} and the hex SHA-256 of the secret's UTF-8 bytes. */
  public static String of(CharSequence secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return "sha256:"
          + HexFormat.of()
              .formatHex(digest.digest(secret.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * A short prefix and {@link #MASK}: at most 4 characters, and at most a quarter of the secret, so
   * that short secrets reveal almost nothing.
   */
  public static String redact(CharSequence secret) {
    int keep = Math.min(4, secret.length() / 4);
    return secret.subSequence(0, keep) + MASK;
  }

  static boolean isFingerprint(String s) {
    return s.length() == 71
        && s.startsWith("sha256:")
        && s.substring(7).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
}
