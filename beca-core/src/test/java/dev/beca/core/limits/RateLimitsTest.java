package dev.beca.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.conversation.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void permitsUpToTheLimitThenSaysHowLongToWait() {
    RateLimits limits =
        RateLimits.builder().perMinute(LimitedOperation.COMMAND, 3).clock(clock).build();

    for (int i = 0; i < 3; i++) {
      assertThat(limits.tryAcquire(LimitedOperation.COMMAND).permitted()).isTrue();
    }
    RateDecision refused = limits.tryAcquire(LimitedOperation.COMMAND);

    assertThat(refused.permitted()).isFalse();
    // 3 a minute refill one every 20 s.
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    assertThat(refused.message())
        .isEqualTo(
            "Rate limit reached: at most 3 commands a minute. Try again in 20 s; nothing was"
                + " run.");
  }

  @Test
  void waitShrinksAsTimePassesAndTheCallIsPermittedAfterIt() {
    RateLimits limits =
        RateLimits.builder().perMinute(LimitedOperation.COMMAND, 1).clock(clock).build();
    assertThat(limits.tryAcquire(LimitedOperation.COMMAND).permitted()).isTrue();

    clock.advance(Duration.ofSeconds(23));
    assertThat(limits.tryAcquire(LimitedOperation.COMMAND).retryAfter())
        .isEqualTo(Duration.ofSeconds(37));

    clock.advance(Duration.ofSeconds(37));
    assertThat(limits.tryAcquire(LimitedOperation.COMMAND).permitted()).isTrue();
  }

  @Test
  void aRefusalConsumesNothing() {
    RateLimits limits =
        RateLimits.builder().perMinute(LimitedOperation.MODEL_CALL, 1).clock(clock).build();
    limits.tryAcquire(LimitedOperation.MODEL_CALL);
    for (int i = 0; i < 10; i++) {
      assertThat(limits.tryAcquire(LimitedOperation.MODEL_CALL).permitted()).isFalse();
    }

    clock.advance(Duration.ofMinutes(1));

    assertThat(limits.tryAcquire(LimitedOperation.MODEL_CALL).permitted()).isTrue();
  }

  @Test
  void checkDoesNotConsume() {
    RateLimits limits =
        RateLimits.builder().perMinute(LimitedOperation.COMMAND, 1).clock(clock).build();

    assertThat(limits.check(LimitedOperation.COMMAND).permitted()).isTrue();
    assertThat(limits.check(LimitedOperation.COMMAND).permitted()).isTrue();
    assertThat(limits.tryAcquire(LimitedOperation.COMMAND).permitted()).isTrue();
    assertThat(limits.check(LimitedOperation.COMMAND).permitted()).isFalse();
  }

  @Test
  void theHourlyLimitHoldsWhenTheMinuteOneWouldAllow() {
    RateLimits limits =
        RateLimits.builder()
            .perMinute(LimitedOperation.BENCHMARK_RUN, 2)
            .perHour(LimitedOperation.BENCHMARK_RUN, 3)
            .clock(clock)
            .build();
    limits.tryAcquire(LimitedOperation.BENCHMARK_RUN);
    limits.tryAcquire(LimitedOperation.BENCHMARK_RUN);
    clock.advance(Duration.ofMinutes(1));
    assertThat(limits.tryAcquire(LimitedOperation.BENCHMARK_RUN).permitted()).isTrue();

    RateDecision refused = limits.tryAcquire(LimitedOperation.BENCHMARK_RUN);

    assertThat(refused.permitted()).isFalse();
    // 3 an hour refill one every 20 minutes; one minute of it has passed.
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(19));
    assertThat(refused.message())
        .contains("at most 2 benchmark runs a minute and 3 an hour")
        .contains("Try again in 19 min");
  }

  @Test
  void operationsWithoutALimitAreAlwaysPermittedAndOthersAreSeparate() {
    RateLimits limits =
        RateLimits.builder().perMinute(LimitedOperation.COMMAND, 1).clock(clock).build();
    limits.tryAcquire(LimitedOperation.COMMAND);

    for (int i = 0; i < 100; i++) {
      assertThat(limits.tryAcquire(LimitedOperation.MODEL_CALL).permitted()).isTrue();
    }
    assertThat(RateLimits.unlimited().tryAcquire(LimitedOperation.COMMAND).permitted()).isTrue();
    assertThat(limits.limit(LimitedOperation.MODEL_CALL)).isEmpty();
    assertThat(limits.limit(LimitedOperation.COMMAND)).contains(new RateLimit(1, 0));
  }

  @Test
  void acquireThrowsARetriableExceptionWithTheWait() {
    RateLimits limits =
        RateLimits.builder().perMinute(LimitedOperation.MODEL_CALL, 2).clock(clock).build();
    limits.acquire(LimitedOperation.MODEL_CALL);
    limits.acquire(LimitedOperation.MODEL_CALL);

    assertThatThrownBy(() -> limits.acquire(LimitedOperation.MODEL_CALL))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.isRetriable()).isTrue();
              assertThat(e.operation()).isEqualTo(LimitedOperation.MODEL_CALL);
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Rate limit reached: at most 2 model calls a minute. Try again in 30 s;"
                          + " nothing was run.");
            });
  }

  @Test
  void aSpecificationParsesIntoLimits() {
    RateLimits limits =
        RateLimits.parse(" command=20/min,200/h ; model_call = 60/minute; benchmark_run=4/hour");

    assertThat(limits.limit(LimitedOperation.COMMAND)).contains(new RateLimit(20, 200));
    assertThat(limits.limit(LimitedOperation.MODEL_CALL)).contains(new RateLimit(60, 0));
    assertThat(limits.limit(LimitedOperation.BENCHMARK_RUN)).contains(new RateLimit(0, 4));
    assertThat(RateLimits.parse("  ").limit(LimitedOperation.COMMAND)).isEmpty();
  }

  @Test
  void aWrongSpecificationNamesTheMistake() {
    assertThatThrownBy(() -> RateLimits.parse("commands=20/min"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown operation 'commands'")
        .hasMessageContaining("model_call, command, benchmark_run");
    assertThatThrownBy(() -> RateLimits.parse("command=20/day"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'20/day'");
    assertThatThrownBy(() -> RateLimits.parse("command=0/min"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  void theBuilderRefusesNonsense() {
    assertThatThrownBy(() -> RateLimits.builder().perMinute(LimitedOperation.COMMAND, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("perMinute");
    assertThatThrownBy(() -> RateLimits.builder().perHour(null, 3))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("operation");
  }
}
