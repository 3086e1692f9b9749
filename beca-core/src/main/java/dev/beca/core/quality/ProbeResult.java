package dev.beca.core.quality;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What one probe found. Parts the probe does not measure are {@code null}.
 *
 * @param probe the probe's name, e.g. {@code maven-tests}
 * @param measures the parts of the score this probe measures
 * @param status how the run ended
 * @param message why the probe is unavailable, failed or timed out, and what to do; or a short note
 *     (the command run) when it succeeded
 * @param toolVersion the version of the tool that ran, e.g. {@code pylint 2.16.2}; empty when
 *     unknown
 * @param duration how long the probe took
 * @param tests the test report, or {@code null}
 * @param coverage the coverage counters, or {@code null}
 * @param lint the lint findings, or {@code null}
 * @param security the security findings, or {@code null}
 */
public record ProbeResult(
    String probe,
    Set<ProbeKind> measures,
    ProbeStatus status,
    String message,
    String toolVersion,
    Duration duration,
    TestReport tests,
    CoverageReport coverage,
    FindingsReport lint,
    FindingsReport security) {

  /** Checks the components. */
  public ProbeResult {
    Objects.requireNonNull(probe, "probe");
    measures = Set.copyOf(Objects.requireNonNull(measures, "measures"));
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(duration, "duration");
    if (status != ProbeStatus.OK
        && (tests != null || coverage != null || lint != null || security != null)) {
      throw new IllegalArgumentException("a probe that is " + status + " carries no report");
    }
  }

  /**
   * A result without any report: the tool is missing, failed or timed out.
   *
   * @param probe the probe
   * @param status {@link ProbeStatus#UNAVAILABLE}, {@link ProbeStatus#FAILED} or {@link
   *     ProbeStatus#TIMED_OUT}
   * @param message what happened and what to do
   * @param toolVersion the tool's version, or empty
   * @param duration how long it took
   * @return the result
   */
  public static ProbeResult without(
      QualityProbe probe,
      ProbeStatus status,
      String message,
      String toolVersion,
      Duration duration) {
    if (status == ProbeStatus.OK) {
      throw new IllegalArgumentException("status must not be OK for a result without a report");
    }
    return new ProbeResult(
        probe.name(),
        probe.measures(),
        status,
        message,
        toolVersion,
        duration,
        null,
        null,
        null,
        null);
  }

  /** Whether the tool ran and its report was read. */
  public boolean ok() {
    return status == ProbeStatus.OK;
  }
}
