package dev.beca.models;

import java.time.Duration;
import java.util.Objects;

/**
 * How BECA protects a chat call: timeouts for the first token, for silence mid-stream and for the
 * whole reply (the one reply timeout, which the gateway reports as its {@code replyTimeout()} and
 * the assistant and the summariser wait for); retries with exponential backoff and jitter for
 * transient failures (refused connection, 5xx, timeouts; never 4xx); a circuit breaker per server;
 * when health checks call a server degraded. Immutable.
 */
public final class ResilienceSettings {

  private final Duration firstTokenTimeout;
  private final Duration inactivityTimeout;
  private final Duration totalTimeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final double backoffMultiplier;
  private final double jitter;
  private final int breakerWindow;
  private final int breakerMinimumCalls;
  private final float breakerFailureRatePercent;
  private final Duration breakerOpenDuration;
  private final Duration degradedLatency;

  private ResilienceSettings(Builder b) {
    this.firstTokenTimeout = b.firstTokenTimeout;
    this.inactivityTimeout = b.inactivityTimeout;
    this.totalTimeout = b.totalTimeout;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.backoffMultiplier = b.backoffMultiplier;
    this.jitter = b.jitter;
    this.breakerWindow = b.breakerWindow;
    this.breakerMinimumCalls = b.breakerMinimumCalls;
    this.breakerFailureRatePercent = b.breakerFailureRatePercent;
    this.breakerOpenDuration = b.breakerOpenDuration;
    this.degradedLatency = b.degradedLatency;
  }

  /** The defaults, for local servers that may need a while to load a model. */
  public static ResilienceSettings defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder()
        .firstTokenTimeout(firstTokenTimeout)
        .inactivityTimeout(inactivityTimeout)
        .totalTimeout(totalTimeout)
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .backoffMultiplier(backoffMultiplier)
        .jitter(jitter)
        .breakerWindow(breakerWindow)
        .breakerMinimumCalls(breakerMinimumCalls)
        .breakerFailureRatePercent(breakerFailureRatePercent)
        .breakerOpenDuration(breakerOpenDuration)
        .degradedLatency(degradedLatency);
  }

  /** Longest wait for the first token of a reply (loading a model counts); default 2 minutes. */
  public Duration firstTokenTimeout() {
    return firstTokenTimeout;
  }

  /** Longest silence between two pieces of a streaming reply; default 1 minute. */
  public Duration inactivityTimeout() {
    return inactivityTimeout;
  }

  /**
   * Longest a whole reply may take, from the request to its last piece, retries and fallbacks
   * included (the reply timeout); default 10 minutes, no upper limit.
   */
  public Duration totalTimeout() {
    return totalTimeout;
  }

  /** Attempts per model in the chain, the first included; default 3. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Wait before the first retry; default 500 ms. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** Factor by which each further wait grows; default 2. */
  public double backoffMultiplier() {
    return backoffMultiplier;
  }

  /** Randomisation of each wait, from 0 (none) to below 1; default 0.5 (±50 %). */
  public double jitter() {
    return jitter;
  }

  /** Calls the circuit breaker looks back on; default 10. */
  public int breakerWindow() {
    return breakerWindow;
  }

  /** Calls needed before the breaker may open; default 5. */
  public int breakerMinimumCalls() {
    return breakerMinimumCalls;
  }

  /** Share of failed calls in the window that opens the breaker; default 50 %. */
  public float breakerFailureRatePercent() {
    return breakerFailureRatePercent;
  }

  /** How long an open breaker refuses calls before letting a trial through; default 30 s. */
  public Duration breakerOpenDuration() {
    return breakerOpenDuration;
  }

  /** A health check slower than this reports the server degraded; default 2 s. */
  public Duration degradedLatency() {
    return degradedLatency;
  }

  @Override
  public String toString() {
    return "ResilienceSettings[firstToken="
        + firstTokenTimeout
        + ", inactivity="
        + inactivityTimeout
        + ", total="
        + totalTimeout
        + ", attempts="
        + maxAttempts
        + ", backoff="
        + initialBackoff
        + " x"
        + backoffMultiplier
        + " ±"
        + jitter
        + ", breaker="
        + breakerFailureRatePercent
        + "% of "
        + breakerWindow
        + " (min "
        + breakerMinimumCalls
        + "), open "
        + breakerOpenDuration
        + "]";
  }

  /** Builds {@link ResilienceSettings}; every setter fails fast naming its field. */
  public static final class Builder {
    private Duration firstTokenTimeout = Duration.ofMinutes(2);
    private Duration inactivityTimeout = Duration.ofMinutes(1);
    private Duration totalTimeout = Duration.ofMinutes(10);
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private double backoffMultiplier = 2.0;
    private double jitter = 0.5;
    private int breakerWindow = 10;
    private int breakerMinimumCalls = 5;
    private float breakerFailureRatePercent = 50f;
    private Duration breakerOpenDuration = Duration.ofSeconds(30);
    private Duration degradedLatency = Duration.ofSeconds(2);

    private Builder() {}

    /** See {@link ResilienceSettings#firstTokenTimeout()}; positive. */
    public Builder firstTokenTimeout(Duration value) {
      this.firstTokenTimeout = positive(value, "firstTokenTimeout");
      return this;
    }

    /** See {@link ResilienceSettings#inactivityTimeout()}; positive. */
    public Builder inactivityTimeout(Duration value) {
      this.inactivityTimeout = positive(value, "inactivityTimeout");
      return this;
    }

    /** See {@link ResilienceSettings#totalTimeout()}; positive. */
    public Builder totalTimeout(Duration value) {
      this.totalTimeout = positive(value, "totalTimeout");
      return this;
    }

    /** See {@link ResilienceSettings#maxAttempts()}; 1 to 10. */
    public Builder maxAttempts(int value) {
      if (value < 1 || value > 10) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and 10, was " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /** See {@link ResilienceSettings#initialBackoff()}; positive. */
    public Builder initialBackoff(Duration value) {
      this.initialBackoff = positive(value, "initialBackoff");
      return this;
    }

    /** See {@link ResilienceSettings#backoffMultiplier()}; at least 1. */
    public Builder backoffMultiplier(double value) {
      if (!(value >= 1.0)) {
        throw new IllegalArgumentException("backoffMultiplier must be at least 1, was " + value);
      }
      this.backoffMultiplier = value;
      return this;
    }

    /** See {@link ResilienceSettings#jitter()}; from 0 to below 1. */
    public Builder jitter(double value) {
      if (!(value >= 0 && value < 1)) {
        throw new IllegalArgumentException("jitter must be at least 0 and below 1, was " + value);
      }
      this.jitter = value;
      return this;
    }

    /** See {@link ResilienceSettings#breakerWindow()}; at least 1. */
    public Builder breakerWindow(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("breakerWindow must be at least 1, was " + value);
      }
      this.breakerWindow = value;
      return this;
    }

    /** See {@link ResilienceSettings#breakerMinimumCalls()}; at least 1. */
    public Builder breakerMinimumCalls(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("breakerMinimumCalls must be at least 1, was " + value);
      }
      this.breakerMinimumCalls = value;
      return this;
    }

    /** See {@link ResilienceSettings#breakerFailureRatePercent()}; above 0 up to 100. */
    public Builder breakerFailureRatePercent(float value) {
      if (!(value > 0 && value <= 100)) {
        throw new IllegalArgumentException(
            "breakerFailureRatePercent must be above 0 and at most 100, was " + value);
      }
      this.breakerFailureRatePercent = value;
      return this;
    }

    /** See {@link ResilienceSettings#breakerOpenDuration()}; positive. */
    public Builder breakerOpenDuration(Duration value) {
      this.breakerOpenDuration = positive(value, "breakerOpenDuration");
      return this;
    }

    /** See {@link ResilienceSettings#degradedLatency()}; positive. */
    public Builder degradedLatency(Duration value) {
      this.degradedLatency = positive(value, "degradedLatency");
      return this;
    }

    /** Builds the settings. */
    public ResilienceSettings build() {
      return new ResilienceSettings(this);
    }

    private static Duration positive(Duration value, String field) {
      Objects.requireNonNull(value, field);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(field + " must be positive, was " + value);
      }
      return value;
    }
  }
}
