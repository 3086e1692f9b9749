package dev.beca.core.access;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The reference {@link ApiTokens}: in memory, hashes only, like every store. */
public final class InMemoryApiTokens implements ApiTokens {

  private record Row(String id, byte[] salt, byte[] hash, ApiToken token, long order) {}

  private final Clock clock;
  private final List<Row> rows = new ArrayList<>(); // guarded by this
  private long next;

  /** Tokens on the system clock. */
  public InMemoryApiTokens() {
    this(Clock.systemUTC());
  }

  /** Tokens on the given clock (creation times, expiry). */
  public InMemoryApiTokens(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized IssuedToken create(
      String name, AccessRole role, Optional<Instant> expiresAt) {
    TokenSecrets.checkName(name);
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (rows.stream().anyMatch(r -> r.token.name().equals(name) && !r.token.revoked())) {
      throw new InvalidInputException(
          "A token named '" + name + "' exists already.",
          "Choose another name, or revoke that token first.");
    }
    String secret = TokenSecrets.newSecret();
    byte[] salt = TokenSecrets.newSalt();
    ApiToken token = new ApiToken(name, role, clock.instant(), expiresAt, Optional.empty());
    rows.add(
        new Row(
            TokenSecrets.idOf(secret).orElseThrow(),
            salt,
            TokenSecrets.hash(salt, secret),
            token,
            next++));
    return new IssuedToken(token, secret);
  }

  @Override
  public synchronized List<ApiToken> list() {
    return rows.stream()
        .sorted(Comparator.comparingLong(Row::order).reversed())
        .map(Row::token)
        .toList();
  }

  @Override
  public synchronized ApiToken revoke(String name) {
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      if (row.token.name().equals(name) && !row.token.revoked()) {
        ApiToken revoked =
            new ApiToken(
                name,
                row.token.role(),
                row.token.createdAt(),
                row.token.expiresAt(),
                Optional.of(clock.instant()));
        rows.set(i, new Row(row.id, row.salt, row.hash, revoked, row.order));
        return revoked;
      }
    }
    throw new NotFoundException(
        "There is no token named '" + name + "' in force.",
        "List the tokens with beca tokens list.");
  }

  @Override
  public synchronized Authentication authenticate(String secret) {
    Optional<String> id = TokenSecrets.idOf(secret);
    if (id.isEmpty()) {
      return Authentication.unknown();
    }
    for (Row row : rows) {
      if (row.id.equals(id.get())) {
        return TokenSecrets.matches(row.salt, row.hash, secret)
            ? Authentication.of(row.token, clock.instant())
            : Authentication.unknown();
      }
    }
    return Authentication.unknown();
  }
}
