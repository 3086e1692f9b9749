package dev.beca.core.access;

import java.util.Objects;

/**
 * A token just created, with its secret: the only time the secret is available.
 *
 * @param token the stored token
 * @param secret what a client sends as {@code Authorization: Bearer SECRET}
 */
public record IssuedToken(ApiToken token, String secret) {

  /** Checks that no component is missing. */
  public IssuedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(secret, "secret");
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "IssuedToken[token=" + token + ", secret=<hidden>]";
  }
}
