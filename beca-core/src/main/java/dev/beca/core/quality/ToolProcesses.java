package dev.beca.core.quality;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs a tool as a subprocess the way benchmarks need it: in a controlled environment, with its
 * output captured to files, and killed together with all its descendants when the deadline passes.
 */
public interface ToolProcesses {

  /**
   * What became of one tool process.
   *
   * @param exitCode the exit code; -1 when it was killed
   * @param timedOut whether the deadline passed and the process tree was killed
   * @param stdout the file holding its standard output
   * @param stderr the file holding its standard error
   * @param duration how long it ran
   */
  record Outcome(int exitCode, boolean timedOut, Path stdout, Path stderr, Duration duration) {}

  /**
   * Runs a command to completion or until the deadline.
   *
   * @param command the program and its arguments
   * @param workingDirectory where it runs
   * @param environment its complete environment
   * @param outputPrefix the captured output goes to {@code outputPrefix.out} and {@code
   *     outputPrefix.err}
   * @param deadline when to kill it and its descendants
   * @return what became of it
   * @throws dev.beca.core.InvalidInputException when the program cannot be started
   */
  Outcome run(
      List<String> command,
      Path workingDirectory,
      Map<String, String> environment,
      Path outputPrefix,
      Instant deadline);
}
