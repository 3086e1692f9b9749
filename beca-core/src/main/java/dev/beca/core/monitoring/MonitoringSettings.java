package dev.beca.core.monitoring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a server (beca-server's {@code BecaServer}) watches itself: how often it samples (request
 * times, error rates, model latency, queues, resources) into the metric history, the alert
 * thresholds checked on each sample, the data directory whose disk is watched, and the {@code
 * nvidia-smi} command asked for GPUs.
 *
 * <pre>{@code
 * MonitoringSettings.builder()
 *     .dataDirectory(Path.of(System.getProperty("user.home"), ".beca"))
 *     .thresholds(AlertThresholds.builder().p95LatencyMillis(500).build())
 *     .build();
 * }</pre>
 */
public final class MonitoringSettings {

  /** How often the server samples unless told otherwise. */
  public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(30);

  private final Duration sampleInterval;
  private final AlertThresholds thresholds;
  private final Path dataDirectory;
  private final List<String> gpuCommand;
  private final Duration commandTimeout;

  private MonitoringSettings(Builder builder) {
    this.sampleInterval = builder.sampleInterval;
    this.thresholds = builder.thresholds;
    this.dataDirectory = builder.dataDirectory;
    this.gpuCommand = List.copyOf(builder.gpuCommand);
    this.commandTimeout = builder.commandTimeout;
  }

  /** The defaults: a sample every 30 s, {@link AlertThresholds#standard()}, no data directory. */
  public static MonitoringSettings defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .sampleInterval(sampleInterval)
            .thresholds(thresholds)
            .gpuCommand(gpuCommand)
            .commandTimeout(commandTimeout);
    if (dataDirectory != null) {
      builder.dataDirectory(dataDirectory);
    }
    return builder;
  }

  /** How often the server samples. */
  public Duration sampleInterval() {
    return sampleInterval;
  }

  /** The thresholds checked on each sample. */
  public AlertThresholds thresholds() {
    return thresholds;
  }

  /** The data directory whose disk is watched; empty when none was given. */
  public Optional<Path> dataDirectory() {
    return Optional.ofNullable(dataDirectory);
  }

  /** The command that lists GPUs as CSV, {@code nvidia-smi} by default. */
  public List<String> gpuCommand() {
    return gpuCommand;
  }

  /** How long {@code nvidia-smi} may take. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  @Override
  public String toString() {
    return "MonitoringSettings[sampleInterval="
        + sampleInterval
        + ", thresholds="
        + thresholds
        + ", dataDirectory="
        + dataDirectory
        + ", gpuCommand="
        + gpuCommand
        + "]";
  }

  /** Configures {@link MonitoringSettings}; setters fail fast naming the field. */
  public static final class Builder {
    private Duration sampleInterval = DEFAULT_SAMPLE_INTERVAL;
    private AlertThresholds thresholds = AlertThresholds.standard();
    private Path dataDirectory;
    private List<String> gpuCommand = List.of("nvidia-smi");
    private Duration commandTimeout = Duration.ofSeconds(5);

    private Builder() {}

    /** How often to sample; from 1 second to 1 hour. */
    public Builder sampleInterval(Duration interval) {
      Objects.requireNonNull(interval, "sampleInterval");
      if (interval.compareTo(Duration.ofSeconds(1)) < 0
          || interval.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "sampleInterval must be from 1 s to 1 h, was " + interval);
      }
      this.sampleInterval = interval;
      return this;
    }

    /** The thresholds checked on each sample. */
    public Builder thresholds(AlertThresholds thresholds) {
      this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
      return this;
    }

    /** The data directory whose disk is watched (free space, alert below the threshold). */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = Objects.requireNonNull(directory, "dataDirectory").toAbsolutePath();
      return this;
    }

    /**
     * The program asked for GPUs, {@code nvidia-smi} by default; BECA adds the CSV query arguments.
     * When it does not exist the GPU is reported absent, not as an error.
     */
    public Builder gpuCommand(List<String> command) {
      Objects.requireNonNull(command, "gpuCommand");
      if (command.isEmpty() || command.stream().anyMatch(c -> c == null || c.isBlank())) {
        throw new IllegalArgumentException("gpuCommand must be a program, was " + command);
      }
      this.gpuCommand = List.copyOf(command);
      return this;
    }

    /** How long {@code nvidia-smi} may take; positive. */
    public Builder commandTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "commandTimeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("commandTimeout must be positive, was " + timeout);
      }
      this.commandTimeout = timeout;
      return this;
    }

    /** The settings. */
    public MonitoringSettings build() {
      return new MonitoringSettings(this);
    }
  }
}
