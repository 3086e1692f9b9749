package dev.beca.core.quality;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a probe needs for one run.
 *
 * @param projectRoot the project to measure; a probe must not modify its tracked files
 * @param outputDirectory a fresh folder for this probe's reports and captured output
 * @param deadline when the run's time limit passes; a probe stops its tools by then
 * @param environment the controlled environment for the tools' processes (CI variables and other
 *     settings that change the tools' behaviour removed)
 * @param processes starts the tools' processes with the time limit, output capture and whole-tree
 *     kill applied
 */
public record ProbeContext(
    Path projectRoot,
    Path outputDirectory,
    Instant deadline,
    Map<String, String> environment,
    ToolProcesses processes) {

  /** Checks the components and copies the environment. */
  public ProbeContext {
    Objects.requireNonNull(projectRoot, "projectRoot");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(deadline, "deadline");
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    Objects.requireNonNull(processes, "processes");
  }
}
