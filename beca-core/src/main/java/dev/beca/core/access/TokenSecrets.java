package dev.beca.core.access;

import dev.beca.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How token secrets are made, hashed and checked; every {@link ApiTokens} implementation uses it,
 * so that a secret made by one store is checked the same way by another.
 *
 * <p>A secret is {@code beca_<id>_<key>}: {@code id} is 16 hex characters that name the stored row
 * (not secret; it lets a store find the row without comparing every hash), {@code key} 32 random
 * bytes in base64url. A store keeps the id, a random 16-byte salt and {@code SHA-256(salt ||
 * secret)}; {@link #matches} compares hashes with {@link MessageDigest#isEqual}, whose time does
 * not depend on where the bytes differ.
 */
public final class TokenSecrets {

  /** The longest token name. */
  public static final int MAX_NAME_CHARS = 64;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern SECRET = Pattern.compile("beca_([0-9a-f]{16})_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private TokenSecrets() {}

  /**
   * A new secret with a new id.
   *
   * @return the secret; {@link #idOf} gives its id back
   */
  public static String newSecret() {
    byte[] id = new byte[8];
    byte[] key = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(key);
    return "beca_"
        + HEX.formatHex(id)
        + "_"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  /** A new random salt of 16 bytes. */
  public static byte[] newSalt() {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return salt;
  }

  /**
   * The id part of a well-formed secret.
   *
   * @param secret any text
   * @return its id, empty when the text is not a secret's shape
   */
  public static Optional<String> idOf(String secret) {
    if (secret == null || secret.length() > 100) {
      return Optional.empty();
    }
    var matcher = SECRET.matcher(secret);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** {@code SHA-256(salt || secret)}. */
  public static byte[] hash(byte[] salt, String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Whether a secret hashes to the stored hash, compared in constant time.
   *
   * @param salt the stored salt
   * @param storedHash the stored hash
   * @param secret the secret a client sent
   * @return true when they match
   */
  public static boolean matches(byte[] salt, byte[] storedHash, String secret) {
    return MessageDigest.isEqual(hash(salt, secret), storedHash);
  }

  /**
   * Checks a token name: 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}, starting with
   * a letter or digit.
   *
   * @param name the name
   * @return the name
   * @throws InvalidInputException saying what is allowed
   */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "The token name '" + (name == null ? "" : name) + "' is not allowed.",
          "Use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
    }
    return name;
  }
}
