package dev.beca.core.limits;

import dev.beca.core.InvalidInputException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rate limits of costly operations ({@link LimitedOperation}: model calls, commands, benchmark
 * runs), each per minute and/or per hour, kept in memory per instance (Bucket4j token buckets).
 *
 * <p>A limit of {@code n} a minute allows a burst of {@code n} and then one more every {@code 60/n}
 * seconds (tokens refill gradually, not all at once at the end of the minute); with both a minute
 * and an hour limit, an operation needs room in both. {@link #tryAcquire} takes one permit or, over
 * the limit, says how long to wait and consumes nothing, so a refused caller loses nothing by
 * trying again later. Thread-safe.
 *
 * <pre>{@code
 * RateLimits limits = RateLimits.builder()
 *     .perMinute(LimitedOperation.COMMAND, 20).perHour(LimitedOperation.COMMAND, 200)
 *     .perMinute(LimitedOperation.MODEL_CALL, 60)
 *     .build();                                  // or RateLimits.parse("command=20/min,200/h")
 * RateDecision d = limits.tryAcquire(LimitedOperation.COMMAND);
 * if (!d.permitted()) show(d.message());         // "... Try again in 37 s; nothing was run."
 * }</pre>
 */
public final class RateLimits {

  private static final Pattern RATE =
      Pattern.compile("(\\d{1,9})\\s*/\\s*(min|minute|m|h|hour)", Pattern.CASE_INSENSITIVE);

  private final Map<LimitedOperation, RateLimit> limits;
  private final Map<LimitedOperation, Bucket> buckets;

  private RateLimits(Builder b) {
    this.limits = new EnumMap<>(LimitedOperation.class);
    this.buckets = new EnumMap<>(LimitedOperation.class);
    b.perMinute.keySet().forEach(op -> limits.put(op, null));
    b.perHour.keySet().forEach(op -> limits.put(op, null));
    TimeMeter time = b.clock == null ? TimeMeter.SYSTEM_NANOTIME : new ClockTimeMeter(b.clock);
    for (LimitedOperation op : limits.keySet()) {
      int minute = b.perMinute.getOrDefault(op, 0);
      int hour = b.perHour.getOrDefault(op, 0);
      limits.put(op, new RateLimit(minute, hour));
      LocalBucketBuilder bucket = Bucket.builder().withCustomTimePrecision(time);
      if (minute > 0) {
        bucket.addLimit(l -> l.capacity(minute).refillGreedy(minute, Duration.ofMinutes(1)));
      }
      if (hour > 0) {
        bucket.addLimit(l -> l.capacity(hour).refillGreedy(hour, Duration.ofHours(1)));
      }
      buckets.put(op, bucket.build());
    }
  }

  /** A builder; without limits every operation is permitted. */
  public static Builder builder() {
    return new Builder();
  }

  /** Limits that permit everything. */
  public static RateLimits unlimited() {
    return builder().build();
  }

  /**
   * Parses limits written as {@code operation=N/min,N/h} entries separated by {@code ;}, for
   * example {@code "command=20/min,200/h; model_call=60/min; benchmark_run=4/h"} (units: {@code
   * min}, {@code minute}, {@code m}, {@code h}, {@code hour}; case and spaces do not matter). A
   * blank text means no limits.
   *
   * @param specification the text, from a setting or an environment variable
   * @return the limits, on the system's clock
   * @throws InvalidInputException naming the part that is wrong and what is expected
   */
  public static RateLimits parse(String specification) {
    Builder builder = builder();
    if (specification == null || specification.isBlank()) {
      return builder.build();
    }
    String expected =
        "Write operation=N/min,N/h entries separated by ';', for example"
            + " \"command=20/min,200/h; model_call=60/min\"; the operations are "
            + Arrays.stream(LimitedOperation.values())
                .map(LimitedOperation::key)
                .collect(Collectors.joining(", "))
            + ".";
    for (String entry : specification.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new InvalidInputException(
            "The rate limit '" + entry.strip() + "' has no '='.", expected);
      }
      String name = entry.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      LimitedOperation op =
          Arrays.stream(LimitedOperation.values())
              .filter(o -> o.key().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "The rate limits name an unknown operation '" + name + "'.", expected));
      for (String rate : entry.substring(eq + 1).split(",")) {
        Matcher m = RATE.matcher(rate.strip());
        if (!m.matches()) {
          throw new InvalidInputException(
              "The rate limit of " + name + " has a wrong rate '" + rate.strip() + "'.", expected);
        }
        int n = Integer.parseInt(m.group(1));
        if (n < 1) {
          throw new InvalidInputException(
              "The rate limit of " + name + " must allow at least 1, was " + rate.strip() + ".",
              "Leave the operation out for no limit.");
        }
        if (m.group(2).toLowerCase(Locale.ROOT).startsWith("h")) {
          builder.perHour(op, n);
        } else {
          builder.perMinute(op, n);
        }
      }
    }
    return builder.build();
  }

  /**
   * The limit of an operation.
   *
   * @param operation the operation
   * @return its limit, or empty when it is not limited
   */
  public Optional<RateLimit> limit(LimitedOperation operation) {
    return Optional.ofNullable(limits.get(Objects.requireNonNull(operation, "operation")));
  }

  /**
   * Takes a permit for one operation if there is room.
   *
   * @param operation the operation about to run
   * @return a permission (one permit taken), or a refusal saying how long to wait (nothing taken)
   */
  public RateDecision tryAcquire(LimitedOperation operation) {
    Bucket bucket = buckets.get(Objects.requireNonNull(operation, "operation"));
    if (bucket == null) {
      return RateDecision.permit(operation, "");
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? RateDecision.permit(operation, describe(operation))
        : refusal(operation, probe.getNanosToWaitForRefill());
  }

  /**
   * Whether one operation would be permitted now, without taking a permit; for asking before a step
   * that precedes the operation (a person's approval), then {@link #tryAcquire} to take it.
   *
   * @param operation the operation
   * @return a permission, or a refusal saying how long to wait
   */
  public RateDecision check(LimitedOperation operation) {
    Bucket bucket = buckets.get(Objects.requireNonNull(operation, "operation"));
    if (bucket == null) {
      return RateDecision.permit(operation, "");
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    return probe.canBeConsumed()
        ? RateDecision.permit(operation, describe(operation))
        : refusal(operation, probe.getNanosToWaitForRefill());
  }

  /**
   * Takes a permit or throws.
   *
   * @param operation the operation about to run
   * @throws RateLimitedException over the limit, with the wait; nothing was taken
   */
  public void acquire(LimitedOperation operation) {
    RateDecision decision = tryAcquire(operation);
    if (!decision.permitted()) {
      throw decision.toException();
    }
  }

  private RateDecision refusal(LimitedOperation operation, long nanosToWait) {
    long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    return new RateDecision(operation, false, Duration.ofSeconds(seconds), describe(operation));
  }

  private String describe(LimitedOperation operation) {
    return limits.get(operation).describe(operation);
  }

  @Override
  public String toString() {
    return "RateLimits" + limits;
  }

  /** Bucket4j's time from a {@link Clock}, so tests can move time by hand. */
  private record ClockTimeMeter(Clock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }

  /** Builds {@link RateLimits}; setting a limit twice keeps the last. */
  public static final class Builder {
    private final Map<LimitedOperation, Integer> perMinute = new EnumMap<>(LimitedOperation.class);
    private final Map<LimitedOperation, Integer> perHour = new EnumMap<>(LimitedOperation.class);
    private Clock clock;

    private Builder() {}

    /** At most {@code n} operations a minute (bursts up to {@code n}, then one every 60/n s). */
    public Builder perMinute(LimitedOperation operation, int n) {
      Objects.requireNonNull(operation, "operation");
      if (n < 1) {
        throw new IllegalArgumentException(
            "perMinute must be at least 1 (leave it out for no limit), was " + n);
      }
      perMinute.put(operation, n);
      return this;
    }

    /** At most {@code n} operations an hour. */
    public Builder perHour(LimitedOperation operation, int n) {
      Objects.requireNonNull(operation, "operation");
      if (n < 1) {
        throw new IllegalArgumentException(
            "perHour must be at least 1 (leave it out for no limit), was " + n);
      }
      perHour.put(operation, n);
      return this;
    }

    /** The clock time is read from; default the system's monotonic time. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The limits. */
    public RateLimits build() {
      return new RateLimits(this);
    }
  }
}
