package dev.beca.memory.internal;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.access.ApiToken;
import dev.beca.core.access.ApiTokens;
import dev.beca.core.access.Authentication;
import dev.beca.core.access.IssuedToken;
import dev.beca.core.access.TokenSecrets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/**
 * {@link ApiTokens} in the {@code api_tokens} table: a salted SHA-256 hash per secret, never the
 * secret; each change is its own committed transaction.
 */
public final class SqliteApiTokens implements ApiTokens {

  private static final HexFormat HEX = HexFormat.of();

  private final SqliteDatabase database;
  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param database the opened database
   * @param clock the source of creation, revocation and expiry times
   */
  public SqliteApiTokens(SqliteDatabase database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public IssuedToken create(String name, AccessRole role, Optional<Instant> expiresAt) {
    TokenSecrets.checkName(name);
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(expiresAt, "expiresAt");
    String secret = TokenSecrets.newSecret();
    byte[] salt = TokenSecrets.newSalt();
    ApiTokenMapper.ApiTokenRow row =
        new ApiTokenMapper.ApiTokenRow(
            TokenSecrets.idOf(secret).orElseThrow(),
            name,
            role.name(),
            HEX.formatHex(salt),
            HEX.formatHex(TokenSecrets.hash(salt, secret)),
            clock.millis(),
            expiresAt.map(Instant::toEpochMilli).orElse(null),
            null);
    try {
      database.write(
          session -> {
            ApiTokenMapper mapper = session.getMapper(ApiTokenMapper.class);
            if (mapper.inForce(name) != null) {
              throw new InvalidInputException(
                  "A token named '" + name + "' exists already.",
                  "Choose another name, or revoke that token first (beca tokens revoke "
                      + name
                      + ").");
            }
            return mapper.insert(row);
          });
    } catch (BecaException e) {
      throw e;
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("create the API token '" + name + "'", database.file(), e);
    }
    return new IssuedToken(token(row), secret);
  }

  @Override
  public List<ApiToken> list() {
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(ApiTokenMapper.class).all().stream()
          .map(SqliteApiTokens::token)
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("list the API tokens", database.file(), e);
    }
  }

  @Override
  public ApiToken revoke(String name) {
    long now = clock.millis();
    ApiTokenMapper.ApiTokenRow revoked;
    try {
      revoked =
          database.write(
              session -> {
                ApiTokenMapper mapper = session.getMapper(ApiTokenMapper.class);
                ApiTokenMapper.ApiTokenRow row = mapper.inForce(name);
                if (row == null) {
                  return null;
                }
                mapper.revoke(name, now);
                return row;
              });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("revoke the API token '" + name + "'", database.file(), e);
    }
    if (revoked == null) {
      throw new NotFoundException(
          "There is no token named '" + name + "' in force.",
          "List the tokens with beca tokens list.");
    }
    ApiToken token = token(revoked);
    return new ApiToken(
        token.name(),
        token.role(),
        token.createdAt(),
        token.expiresAt(),
        Optional.of(Instant.ofEpochMilli(now)));
  }

  @Override
  public Authentication authenticate(String secret) {
    Optional<String> id = TokenSecrets.idOf(secret);
    if (id.isEmpty()) {
      return Authentication.unknown();
    }
    ApiTokenMapper.ApiTokenRow row;
    try (SqlSession session = database.autoCommitSession()) {
      row = session.getMapper(ApiTokenMapper.class).byTokenId(id.get());
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("check an API token", database.file(), e);
    }
    if (row == null
        || !TokenSecrets.matches(HEX.parseHex(row.salt()), HEX.parseHex(row.hash()), secret)) {
      return Authentication.unknown();
    }
    return Authentication.of(token(row), clock.instant());
  }

  private static ApiToken token(ApiTokenMapper.ApiTokenRow row) {
    return new ApiToken(
        row.name(),
        AccessRole.valueOf(row.role()),
        Instant.ofEpochMilli(row.createdAt()),
        Optional.ofNullable(row.expiresAt()).map(Instant::ofEpochMilli),
        Optional.ofNullable(row.revokedAt()).map(Instant::ofEpochMilli));
  }
}
