package dev.beca.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The API tokens that let clients in, each with a name and a role.
 *
 * <p>Implementations store only a salted SHA-256 hash of each secret ({@link TokenSecrets}) and
 * compare hashes in constant time; the secret is returned once, by {@link #create}. They are
 * thread-safe, commit before returning and translate storage errors into {@link
 * dev.beca.core.StorageException}. The contract kit {@code ApiTokensContract} (beca-core's
 * test-jar) holds what every implementation must do.
 */
public interface ApiTokens {

  /**
   * Creates a token.
   *
   * @param name its name (see {@link TokenSecrets#checkName}); unique among tokens not revoked
   * @param role what it may do
   * @param expiresAt when it stops working, empty for never
   * @return the token with its secret, shown this once
   * @throws dev.beca.core.InvalidInputException when the name is malformed or in use
   */
  IssuedToken create(String name, AccessRole role, Optional<Instant> expiresAt);

  /**
   * Every token, revoked and expired ones included, newest first.
   *
   * @return the tokens, without secrets
   */
  List<ApiToken> list();

  /**
   * Revokes the token of that name that is not revoked yet; it stops working at once.
   *
   * @param name the token's name
   * @return the revoked token
   * @throws dev.beca.core.NotFoundException when no such token is in force
   */
  ApiToken revoke(String name);

  /**
   * Checks a secret a client sent.
   *
   * @param secret what came after {@code Bearer}; any text, malformed ones included
   * @return whether it is valid, and the token it belongs to when it belongs to one (expired and
   *     revoked tokens included, so that a refusal can name them)
   */
  Authentication authenticate(String secret);
}
