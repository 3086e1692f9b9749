package dev.beca.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLimiterTest {

  /** Bucket4j's time, moved by hand. */
  private static final class HandClock implements TimeMeter {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }

  @Test
  void pastTheBudgetRefusalsAreThrottledAndTheNextAuditedOneCountsThem() {
    HandClock clock = new HandClock();
    RefusalLimiter limiter = new RefusalLimiter(2, clock);

    RefusalLimiter.Verdict first = limiter.refuse("192.0.2.7");
    RefusalLimiter.Verdict second = limiter.refuse("192.0.2.7");
    RefusalLimiter.Verdict third = limiter.refuse("192.0.2.7");
    RefusalLimiter.Verdict fourth = limiter.refuse("192.0.2.7");
    clock.nanos.addAndGet(Duration.ofSeconds(30).toNanos()); // one refusal's worth refilled
    RefusalLimiter.Verdict afterRefill = limiter.refuse("192.0.2.7");

    assertThat(first).isEqualTo(new RefusalLimiter.Audit(0));
    assertThat(second).isEqualTo(new RefusalLimiter.Audit(0));
    assertThat(third).isInstanceOf(RefusalLimiter.Throttle.class);
    assertThat(((RefusalLimiter.Throttle) third).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(fourth).isInstanceOf(RefusalLimiter.Throttle.class);
    assertThat(afterRefill).isEqualTo(new RefusalLimiter.Audit(2));
    assertThat(((RefusalLimiter.Audit) afterRefill).note())
        .contains("2 earlier refusals from this address answered 429 without a row");
  }

  @Test
  void eachAddressHasItsOwnBudget() {
    RefusalLimiter limiter = new RefusalLimiter(1, new HandClock());

    limiter.refuse("192.0.2.7");

    assertThat(limiter.refuse("192.0.2.7")).isInstanceOf(RefusalLimiter.Throttle.class);
    assertThat(limiter.refuse("192.0.2.8")).isEqualTo(new RefusalLimiter.Audit(0));
  }

  @Test
  void withoutABudgetEveryRefusalIsAudited() {
    RefusalLimiter limiter = RefusalLimiter.unbounded();

    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.refuse("192.0.2.7")).isEqualTo(new RefusalLimiter.Audit(0));
    }
  }
}
