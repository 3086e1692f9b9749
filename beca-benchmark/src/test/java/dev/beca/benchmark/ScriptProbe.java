package dev.beca.benchmark;

import dev.beca.core.quality.ProbeContext;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.QualityProbe;
import dev.beca.core.quality.TestReport;
import dev.beca.core.quality.ToolProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A probe that runs a shell script through the benchmark's process runner, applies to folders with
 * a {@code probe.sh}, and reports one passing test when the script exits 0. Listed in {@code
 * META-INF/services}, so it also proves ServiceLoader discovery.
 */
public final class ScriptProbe implements QualityProbe {

  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public ScriptProbe() {}

  @Override
  public String name() {
    return "script";
  }

  @Override
  public Set<ProbeKind> measures() {
    return Set.of(ProbeKind.TESTS);
  }

  @Override
  public boolean appliesTo(Path projectRoot) {
    return Files.isRegularFile(projectRoot.resolve("probe.sh"));
  }

  @Override
  public String fingerprint() {
    return "script v1";
  }

  @Override
  public ProbeResult run(ProbeContext context) {
    ToolProcesses.Outcome outcome =
        context
            .processes()
            .run(
                List.of("sh", "probe.sh"),
                context.projectRoot(),
                context.environment(),
                context.outputDirectory().resolve("script"),
                context.deadline());
    if (outcome.timedOut()) {
      return ProbeResult.without(
          this,
          ProbeStatus.TIMED_OUT,
          "killed after " + outcome.duration(),
          "sh",
          outcome.duration());
    }
    return new ProbeResult(
        name(),
        measures(),
        ProbeStatus.OK,
        "exit " + outcome.exitCode(),
        "sh",
        Duration.ZERO,
        new TestReport(1, outcome.exitCode() == 0 ? 0 : 1, 0, 0, List.of()),
        null,
        null,
        null);
  }
}
