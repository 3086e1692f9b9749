package dev.beca.core.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token as stored: what it is called and may do, never its secret.
 *
 * @param name a unique name among the tokens not revoked, e.g. {@code ci} or {@code laptop}
 * @param role what it may do
 * @param createdAt when it was created
 * @param expiresAt when it stops working, empty for never
 * @param revokedAt when it was revoked, empty while it is not
 */
public record ApiToken(
    String name,
    AccessRole role,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> revokedAt) {

  /** Checks that no component is missing. */
  public ApiToken {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }

  /** Whether the token has expired at the given time. */
  public boolean expiredAt(Instant now) {
    return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
  }

  /** Whether the token was revoked. */
  public boolean revoked() {
    return revokedAt.isPresent();
  }
}
