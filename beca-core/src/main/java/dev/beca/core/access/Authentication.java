package dev.beca.core.access;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking a secret.
 *
 * @param status whether it is accepted, and if not why
 * @param token the token the secret belongs to, empty when it belongs to none
 */
public record Authentication(Status status, Optional<ApiToken> token) {

  /** Why a secret is accepted or not. */
  public enum Status {
    /** The secret belongs to a token that is neither expired nor revoked. */
    VALID,
    /** The secret belongs to no token (or is malformed). */
    UNKNOWN,
    /** The token has expired. */
    EXPIRED,
    /** The token was revoked. */
    REVOKED
  }

  /** Checks that a token is present exactly when the secret matched one. */
  public Authentication {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(token, "token");
    if ((status == Status.UNKNOWN) == token.isPresent()) {
      throw new IllegalArgumentException(
          "a token must be given for " + status + " and only then, was " + token);
    }
  }

  /** No token has this secret. */
  public static Authentication unknown() {
    return new Authentication(Status.UNKNOWN, Optional.empty());
  }

  /** The outcome for a token whose secret matched, at the given time. */
  public static Authentication of(ApiToken token, java.time.Instant now) {
    Status status =
        token.revoked() ? Status.REVOKED : token.expiredAt(now) ? Status.EXPIRED : Status.VALID;
    return new Authentication(status, Optional.of(token));
  }

  /** Whether the secret is accepted. */
  public boolean valid() {
    return status == Status.VALID;
  }
}
