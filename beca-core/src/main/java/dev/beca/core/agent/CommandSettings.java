package dev.beca.core.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@code run_command} runs commands: time limits, the output cap, the environment, network and
 * extra paths for the {@link CommandSandbox}. Immutable; made by {@link #builder()}.
 */
public final class CommandSettings {

  private final Duration defaultTimeout;
  private final Duration maxTimeout;
  private final Duration killGrace;
  private final int maxOutputChars;
  private final boolean allowNetwork;
  private final Map<String, String> environment;
  private final List<Path> writablePaths;
  private final List<Path> hiddenPaths;

  private CommandSettings(Builder b) {
    this.defaultTimeout = b.defaultTimeout;
    this.maxTimeout = b.maxTimeout;
    this.killGrace = b.killGrace;
    this.maxOutputChars = b.maxOutputChars;
    this.allowNetwork = b.allowNetwork;
    this.environment = b.environment == null ? null : Map.copyOf(b.environment);
    this.writablePaths = List.copyOf(b.writablePaths);
    this.hiddenPaths = List.copyOf(b.hiddenPaths);
  }

  /** The defaults: 120 s, at most 600 s, 12,000 characters, no network, the process environment. */
  public static CommandSettings defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.defaultTimeout = defaultTimeout;
    b.maxTimeout = maxTimeout;
    b.killGrace = killGrace;
    b.maxOutputChars = maxOutputChars;
    b.allowNetwork = allowNetwork;
    b.environment = environment;
    b.writablePaths.addAll(writablePaths);
    b.hiddenPaths.addAll(hiddenPaths);
    return b;
  }

  /** The time limit of a command that gives no {@code timeout_seconds}. */
  public Duration defaultTimeout() {
    return defaultTimeout;
  }

  /** The most {@code timeout_seconds} may ask for. */
  public Duration maxTimeout() {
    return maxTimeout;
  }

  /** How long processes may take to end after SIGTERM before they get SIGKILL. */
  public Duration killGrace() {
    return killGrace;
  }

  /**
   * The most characters of output kept: the first third and the last two thirds, with a note saying
   * how many were dropped in between.
   */
  public int maxOutputChars() {
    return maxOutputChars;
  }

  /** Whether sandboxed commands may use the network (without a sandbox nothing stops them). */
  public boolean allowNetwork() {
    return allowNetwork;
  }

  /**
   * The environment commands start from, before {@link CommandEnvironment#scrub scrubbing}: the one
   * given to the builder, else this process's.
   */
  public Map<String, String> environment() {
    return environment == null ? System.getenv() : environment;
  }

  /** Paths the sandbox makes writable besides the project and the build caches. */
  public List<Path> writablePaths() {
    return writablePaths;
  }

  /**
   * Paths the sandbox hides besides the credentials folders (for example BECA's data directory).
   */
  public List<Path> hiddenPaths() {
    return hiddenPaths;
  }

  @Override
  public String toString() {
    return "CommandSettings[defaultTimeout="
        + defaultTimeout
        + ", maxTimeout="
        + maxTimeout
        + ", maxOutputChars="
        + maxOutputChars
        + ", allowNetwork="
        + allowNetwork
        + "]";
  }

  /** Builds {@link CommandSettings}; every setter fails fast, naming its field. */
  public static final class Builder {
    private Duration defaultTimeout = Duration.ofSeconds(120);
    private Duration maxTimeout = Duration.ofSeconds(600);
    private Duration killGrace = Duration.ofSeconds(2);
    private int maxOutputChars = 12_000;
    private boolean allowNetwork;
    private Map<String, String> environment;
    private final List<Path> writablePaths = new ArrayList<>();
    private final List<Path> hiddenPaths = new ArrayList<>();

    private Builder() {}

    /** The time limit without {@code timeout_seconds}; default 120 s, whole seconds. */
    public Builder defaultTimeout(Duration value) {
      this.defaultTimeout = seconds(value, "defaultTimeout");
      return this;
    }

    /** The most {@code timeout_seconds} may ask for; default 600 s, whole seconds. */
    public Builder maxTimeout(Duration value) {
      this.maxTimeout = seconds(value, "maxTimeout");
      return this;
    }

    /** The wait between SIGTERM and SIGKILL; default 2 s. */
    public Builder killGrace(Duration value) {
      Objects.requireNonNull(value, "killGrace");
      if (value.isNegative()) {
        throw new IllegalArgumentException("killGrace must not be negative, was " + value);
      }
      this.killGrace = value;
      return this;
    }

    /** The most characters of output kept; default 12,000, at least 100. */
    public Builder maxOutputChars(int value) {
      if (value < 100) {
        throw new IllegalArgumentException("maxOutputChars must be at least 100, was " + value);
      }
      this.maxOutputChars = value;
      return this;
    }

    /** Whether sandboxed commands may use the network; default false. */
    public Builder allowNetwork(boolean value) {
      this.allowNetwork = value;
      return this;
    }

    /** The environment to start from (then scrubbed); default this process's. */
    public Builder environment(Map<String, String> value) {
      this.environment = Map.copyOf(Objects.requireNonNull(value, "environment"));
      return this;
    }

    /** Adds a path the sandbox makes writable (when it exists). */
    public Builder writablePath(Path value) {
      writablePaths.add(Objects.requireNonNull(value, "writablePath").toAbsolutePath().normalize());
      return this;
    }

    /** Adds a path the sandbox hides (when it exists), such as BECA's data directory. */
    public Builder hiddenPath(Path value) {
      hiddenPaths.add(Objects.requireNonNull(value, "hiddenPath").toAbsolutePath().normalize());
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalStateException when the default timeout is longer than the maximum
     */
    public CommandSettings build() {
      if (defaultTimeout.compareTo(maxTimeout) > 0) {
        throw new IllegalStateException(
            "defaultTimeout ("
                + defaultTimeout.toSeconds()
                + " s) must not be longer than maxTimeout ("
                + maxTimeout.toSeconds()
                + " s)");
      }
      return new CommandSettings(this);
    }

    private static Duration seconds(Duration value, String field) {
      Objects.requireNonNull(value, field);
      if (value.toSeconds() < 1 || value.toNanos() % 1_000_000_000L != 0) {
        throw new IllegalArgumentException(
            field + " must be a positive number of whole seconds, was " + value);
      }
      return value;
    }
  }
}
