package dev.beca.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApiTokens} must do. Extend it with a factory for a fresh, empty store on the
 * system clock.
 */
public abstract class ApiTokensContract {

  /** A fresh, empty store. */
  protected abstract ApiTokens tokens();

  @Test
  void aCreatedTokenAuthenticatesWithItsSecretAndItsRole() {
    ApiTokens tokens = tokens();
    IssuedToken issued = tokens.create("ci", AccessRole.OPERATOR, Optional.empty());

    Authentication auth = tokens.authenticate(issued.secret());

    assertThat(auth.valid()).isTrue();
    assertThat(auth.token()).get().extracting(ApiToken::name).isEqualTo("ci");
    assertThat(auth.token()).get().extracting(ApiToken::role).isEqualTo(AccessRole.OPERATOR);
    assertThat(issued.toString()).doesNotContain(issued.secret());
  }

  @Test
  void aWrongOrMalformedSecretIsUnknown() {
    ApiTokens tokens = tokens();
    IssuedToken issued = tokens.create("ci", AccessRole.VIEWER, Optional.empty());
    String secret = issued.secret();
    char last = secret.charAt(secret.length() - 1);
    String sameIdOtherKey = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(tokens.authenticate(sameIdOtherKey).status())
        .isEqualTo(Authentication.Status.UNKNOWN);
    assertThat(tokens.authenticate(TokenSecrets.newSecret()).status())
        .isEqualTo(Authentication.Status.UNKNOWN);
    assertThat(tokens.authenticate("").status()).isEqualTo(Authentication.Status.UNKNOWN);
    assertThat(tokens.authenticate("beca_' OR 1=1 --").status())
        .isEqualTo(Authentication.Status.UNKNOWN);
    assertThat(tokens.authenticate(null).status()).isEqualTo(Authentication.Status.UNKNOWN);
  }

  @Test
  void aRevokedTokenIsRefusedAndNamedAndItsNameCanBeUsedAgain() {
    ApiTokens tokens = tokens();
    IssuedToken first = tokens.create("laptop", AccessRole.ADMIN, Optional.empty());

    ApiToken revoked = tokens.revoke("laptop");

    assertThat(revoked.revoked()).isTrue();
    Authentication auth = tokens.authenticate(first.secret());
    assertThat(auth.status()).isEqualTo(Authentication.Status.REVOKED);
    assertThat(auth.token()).get().extracting(ApiToken::name).isEqualTo("laptop");
    IssuedToken second = tokens.create("laptop", AccessRole.VIEWER, Optional.empty());
    assertThat(tokens.authenticate(second.secret()).valid()).isTrue();
    assertThat(tokens.authenticate(first.secret()).valid()).isFalse();
  }

  @Test
  void anExpiredTokenIsRefusedAndNamed() {
    ApiTokens tokens = tokens();
    IssuedToken expired =
        tokens.create(
            "old", AccessRole.VIEWER, Optional.of(Instant.now().minus(1, ChronoUnit.MINUTES)));
    IssuedToken later =
        tokens.create(
            "new", AccessRole.VIEWER, Optional.of(Instant.now().plus(1, ChronoUnit.HOURS)));

    assertThat(tokens.authenticate(expired.secret()).status())
        .isEqualTo(Authentication.Status.EXPIRED);
    assertThat(tokens.authenticate(later.secret()).valid()).isTrue();
  }

  @Test
  void listShowsEveryTokenNewestFirstWithItsExpiryAndRevocation() {
    ApiTokens tokens = tokens();
    Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    tokens.create("a", AccessRole.VIEWER, Optional.empty());
    tokens.create("b", AccessRole.OPERATOR, Optional.of(expiry));
    tokens.revoke("a");

    List<ApiToken> list = tokens.list();

    assertThat(list).extracting(ApiToken::name).containsExactly("b", "a");
    assertThat(list.get(0).expiresAt()).contains(expiry);
    assertThat(list.get(0).revoked()).isFalse();
    assertThat(list.get(1).revoked()).isTrue();
  }

  @Test
  void aNameInForceCannotBeTakenTwiceAndMalformedNamesAreRefused() {
    ApiTokens tokens = tokens();
    tokens.create("ci", AccessRole.VIEWER, Optional.empty());

    assertThatThrownBy(() -> tokens.create("ci", AccessRole.ADMIN, Optional.empty()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("exists already");
    for (String bad : List.of("", " ci", "../x", "a/b", "x".repeat(65), "na\u0000me")) {
      assertThatThrownBy(() -> tokens.create(bad, AccessRole.VIEWER, Optional.empty()))
          .as(bad)
          .isInstanceOf(InvalidInputException.class);
    }
    assertThat(tokens.list()).hasSize(1);
  }

  @Test
  void revokingATokenNotInForceIsNotFound() {
    ApiTokens tokens = tokens();
    tokens.create("ci", AccessRole.VIEWER, Optional.empty());
    tokens.revoke("ci");

    assertThatThrownBy(() -> tokens.revoke("ci")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> tokens.revoke("nobody")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void concurrentCreatesGiveDistinctWorkingSecrets() throws Exception {
    ApiTokens tokens = tokens();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<IssuedToken>> tasks = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String name = "t" + i;
        tasks.add(() -> tokens.create(name, AccessRole.VIEWER, Optional.empty()));
      }
      Set<String> secrets = new HashSet<>();
      for (Future<IssuedToken> f : pool.invokeAll(tasks)) {
        IssuedToken issued = f.get();
        secrets.add(issued.secret());
        assertThat(tokens.authenticate(issued.secret()).token())
            .get()
            .extracting(ApiToken::name)
            .isEqualTo(issued.token().name());
      }
      assertThat(secrets).hasSize(20);
    } finally {
      pool.shutdownNow();
    }
  }
}
