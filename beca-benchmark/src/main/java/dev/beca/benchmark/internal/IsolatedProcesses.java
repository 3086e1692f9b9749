package dev.beca.benchmark.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.quality.ToolProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tools with their output captured to files and kills the whole process tree (the tool and
 * every descendant it started, such as forked test JVMs) when the deadline passes.
 */
public final class IsolatedProcesses implements ToolProcesses {

  private static final Logger LOG = LoggerFactory.getLogger(IsolatedProcesses.class);

  @Override
  public Outcome run(
      List<String> command,
      Path workingDirectory,
      Map<String, String> environment,
      Path outputPrefix,
      Instant deadline) {
    Path stdout = outputPrefix.resolveSibling(outputPrefix.getFileName() + ".out");
    Path stderr = outputPrefix.resolveSibling(outputPrefix.getFileName() + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Instant start = Instant.now();
    Process process;
    try {
      Files.createDirectories(stdout.getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new InvalidInputException(
          "Could not start " + command.get(0) + " (" + e.getMessage() + ").",
          "Check that it is installed and on the PATH.");
    }
    LOG.debug("Started {} (pid {}) in {}", command, process.pid(), workingDirectory);
    boolean timedOut = false;
    try {
      long waitMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      if (!process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
        timedOut = true;
        killTree(process);
      }
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      timedOut = true;
    }
    int exit = timedOut ? -1 : process.exitValue();
    return new Outcome(exit, timedOut, stdout, stderr, Duration.between(start, Instant.now()));
  }

  /**
   * Kills the descendants first (deepest first is not needed: each is killed by its own pid), then
   * the root.
   */
  static void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    LOG.warn(
        "Time limit passed: killing pid {} and {} descendant process(es)",
        process.pid(),
        descendants.size());
    process.toHandle().destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle handle : descendants) {
        handle.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("A killed process did not exit within 10 s: {}", e.toString());
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
