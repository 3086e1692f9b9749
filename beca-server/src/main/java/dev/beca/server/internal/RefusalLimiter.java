package dev.beca.server.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds what a flood of refused requests costs: every refusal (no, a wrong, expired or revoked
 * token, a role too low, a rate limit, a foreign Host or Origin at {@code /mcp}) is audited with
 * one durable row, so without a bound a client sending bad tokens as fast as it can makes the
 * server write as fast as it can.
 *
 * <p>Each client address has a token bucket (Bucket4j) of {@code perMinute} refusals, refilled
 * evenly over a minute. A refusal within the budget is audited as before, and its row says how many
 * refusals from that address went unaudited since the last row. Past the budget, a refusal is
 * answered {@code 429 rate_limited} with {@code Retry-After} and counted, not written: a flood
 * costs at most {@code perMinute} rows a minute per address, plus the count. Requests with a valid
 * token that are not refused never touch the bucket, so a client sharing the address (on loopback
 * every local client does) is only slowed once it is refused itself.
 *
 * <p>At most {@value #MAX_ADDRESSES} addresses are tracked (the least recently refused is dropped
 * first), so many addresses cannot grow the table without end either.
 */
public final class RefusalLimiter {

  static final int MAX_ADDRESSES = 4096;

  /** What to do with one refusal. */
  public sealed interface Verdict {}

  /**
   * Audit it.
   *
   * @param unaudited refusals from the same address answered 429 without a row since the last row
   */
  public record Audit(long unaudited) implements Verdict {
    /** A note for the audit row: empty when nothing went unaudited. */
    public String note() {
      return unaudited == 0
          ? ""
          : " (and "
              + unaudited
              + " earlier refusal"
              + (unaudited == 1 ? "" : "s")
              + " from this address answered 429 without a row)";
    }
  }

  /**
   * Answer 429 without an audit row.
   *
   * @param retryAfter when the address may be refused with a row again
   */
  public record Throttle(Duration retryAfter) implements Verdict {}

  private final int perMinute;
  private final TimeMeter time;
  private final Map<String, Window> windows =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  /**
   * Creates the limiter.
   *
   * @param perMinute refusals audited per address and minute; 0 for no bound
   */
  public RefusalLimiter(int perMinute) {
    this(perMinute, TimeMeter.SYSTEM_MILLISECONDS);
  }

  /** With another clock for the buckets (tests move it by hand). */
  RefusalLimiter(int perMinute, TimeMeter time) {
    if (perMinute < 0) {
      throw new IllegalArgumentException("perMinute must be 0 or more, was " + perMinute);
    }
    this.perMinute = perMinute;
    this.time = time;
  }

  /** A limiter that audits every refusal. */
  public static RefusalLimiter unbounded() {
    return new RefusalLimiter(0);
  }

  /**
   * Decides about one refusal of a request from an address.
   *
   * @param address the client's address
   * @return audit it, or answer 429 without a row
   */
  public Verdict refuse(String address) {
    if (perMinute == 0) {
      return new Audit(0);
    }
    Window window;
    synchronized (windows) {
      window = windows.computeIfAbsent(address, a -> new Window(bucket()));
    }
    synchronized (window) {
      ConsumptionProbe probe = window.bucket.tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) {
        window.unaudited++;
        long seconds =
            Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Throttle(Duration.ofSeconds(seconds));
      }
      long unaudited = window.unaudited;
      window.unaudited = 0;
      return new Audit(unaudited);
    }
  }

  /**
   * The answer to a refusal past the budget: {@code 429 rate_limited} with the wait.
   *
   * @param throttle the verdict
   * @return the exception to answer with
   */
  public static ApiException tooMany(Throttle throttle) {
    return new ApiException(
        429,
        "rate_limited",
        "Too many refused requests from this address; this one was refused too.",
        "Wait "
            + throttle.retryAfter().toSeconds()
            + " s (Retry-After), and send a valid token: 'Authorization: Bearer TOKEN'.",
        throttle.retryAfter());
  }

  private Bucket bucket() {
    return Bucket.builder()
        .withCustomTimePrecision(time)
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .build();
  }

  /** One address's budget and the refusals it answered without a row. */
  private static final class Window {
    private final Bucket bucket;
    private long unaudited;

    Window(Bucket bucket) {
      this.bucket = bucket;
    }
  }
}
