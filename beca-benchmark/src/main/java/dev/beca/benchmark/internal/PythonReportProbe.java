package dev.beca.benchmark.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.quality.FindingsReport;
import dev.beca.core.quality.ProbeContext;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.ToolProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A Python tool that checks the project's files and writes its findings as a JSON report ({@code
 * TOOL.json} in the output folder): find an interpreter that has it, run it, read the report. The
 * subclasses say which files, which command line, which exit codes mean it could not run, and how
 * to read the report.
 */
abstract class PythonReportProbe extends PythonProbe {

  private final String tool;

  PythonReportProbe(List<String> candidates, String tool) {
    super(candidates, List.of(tool));
    this.tool = tool;
  }

  /** The files the tool checks; every Python file of the project unless overridden. */
  List<Path> files(Path root) {
    return sources(root);
  }

  /** The command line, given the interpreter, the output folder and the files (relative). */
  abstract List<String> command(String python, Path output, List<String> files);

  /** Whether the exit code says the tool could not run; a missing report always says so. */
  boolean couldNotRun(int exitCode) {
    return false;
  }

  /** Reads the findings of the report the tool wrote about these files. */
  abstract FindingsReport read(JsonNode report, List<Path> files);

  /** The result of a run whose report was read, with the findings in this probe's part. */
  abstract ProbeResult succeeded(
      String summary, String version, Duration took, FindingsReport findings);

  @Override
  public final ProbeResult run(ProbeContext context) {
    Instant start = Instant.now();
    var found = interpreter();
    if (found.isEmpty()) {
      return unavailable(start);
    }
    String version = found.get().describe(List.of(tool));
    Path root = context.projectRoot();
    List<Path> files = files(root);
    List<String> relative =
        files.stream().map(f -> SourceFiles.slashes(root.relativize(f))).toList();
    Path out = context.outputDirectory();
    ToolProcesses.Outcome outcome =
        context
            .processes()
            .run(
                command(found.get().command(), out, relative),
                root,
                context.environment(),
                out.resolve(tool),
                context.deadline());
    Duration took = Duration.between(start, Instant.now());
    if (outcome.timedOut()) {
      return ProbeResult.without(
          this,
          ProbeStatus.TIMED_OUT,
          "The time limit passed while " + tool + " ran; it was killed. Raise the time limit.",
          version,
          took);
    }
    Path json = out.resolve(tool + ".json");
    if (couldNotRun(outcome.exitCode()) || !Files.isRegularFile(json)) {
      return ProbeResult.without(
          this,
          ProbeStatus.FAILED,
          tool + " failed (exit " + outcome.exitCode() + "): " + Texts.tail(outcome.stderr(), 5),
          version,
          took);
    }
    try {
      FindingsReport findings = read(new ObjectMapper().readTree(json.toFile()), files);
      return succeeded(
          tool + " on " + files.size() + " file(s), exit " + outcome.exitCode(),
          version,
          took,
          findings);
    } catch (IOException | RuntimeException e) {
      return ProbeResult.without(
          this,
          ProbeStatus.FAILED,
          "The " + tool + " report could not be read: " + e.getMessage(),
          version,
          took);
    }
  }
}
