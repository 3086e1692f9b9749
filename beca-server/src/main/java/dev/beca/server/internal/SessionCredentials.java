package dev.beca.server.internal;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * Credentials a request may carry instead of {@code Authorization: Bearer}: the web GUI's session
 * cookie. The gate asks for them only when the request has no Authorization header, and then checks
 * the token they stand for exactly as a bearer token (expiry, revocation, role, rate limit, audit).
 */
public interface SessionCredentials {

  /**
   * The token secret the request's session stands for.
   *
   * @param ctx the request
   * @return the secret, or empty when the request carries no session at all
   * @throws ApiException 401 when the session is unknown or expired, 403 when a state-changing
   *     request lacks the session's CSRF token
   */
  Optional<String> secret(Context ctx);
}
