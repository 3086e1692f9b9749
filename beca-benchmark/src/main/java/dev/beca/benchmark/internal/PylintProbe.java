package dev.beca.benchmark.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.quality.Finding;
import dev.beca.core.quality.FindingsReport;
import dev.beca.core.quality.ProbeContext;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.Severity;
import dev.beca.core.quality.ToolProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * pylint with {@code --output-format=json} on the project's Python files, read from its output
 * file.
 */
public final class PylintProbe extends PythonProbe {

  /** The probe's name. */
  public static final String NAME = "pylint";

  /**
   * Creates the probe.
   *
   * @param candidates Python interpreters to try, in order
   */
  public PylintProbe(List<String> candidates) {
    super(candidates, List.of("pylint"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<ProbeKind> measures() {
    return Set.of(ProbeKind.LINT);
  }

  /** The command: pylint on the files (relative to the project), JSON into the output folder. */
  public static List<String> command(String python, Path output, List<String> files) {
    List<String> command =
        new ArrayList<>(
            List.of(
                python,
                "-m",
                "pylint",
                "--output-format=json",
                "--output=" + output.resolve("pylint.json"),
                "--score=n",
                "--persistent=n"));
    command.addAll(files);
    return command;
  }

  @Override
  public ProbeResult run(ProbeContext context) {
    Instant start = Instant.now();
    var found = interpreter();
    if (found.isEmpty()) {
      return unavailable(start);
    }
    String version = found.get().describe(List.of("pylint"));
    Path root = context.projectRoot();
    // Shipped code only: the lint part scores it (tests are linted by their own standards).
    List<Path> all = sources(root);
    List<Path> shipped =
        all.stream()
            .filter(f -> !Finding.isTestPath(SourceFiles.slashes(root.relativize(f))))
            .toList();
    List<Path> files = shipped.isEmpty() ? all : shipped;
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
                out.resolve("pylint"),
                context.deadline());
    Duration took = Duration.between(start, Instant.now());
    if (outcome.timedOut()) {
      return ProbeResult.without(
          this,
          ProbeStatus.TIMED_OUT,
          "The time limit passed while pylint ran; it was " + "killed. Raise the time limit.",
          version,
          took);
    }
    Path json = out.resolve("pylint.json");
    // pylint's exit code is a bit mask of message types; 32 means it could not run at all.
    if ((outcome.exitCode() & 32) != 0 || !Files.isRegularFile(json)) {
      return ProbeResult.without(
          this,
          ProbeStatus.FAILED,
          "pylint failed (exit " + outcome.exitCode() + "): " + Texts.tail(outcome.stderr(), 5),
          version,
          took);
    }
    try {
      List<Finding> findings = new ArrayList<>();
      for (JsonNode message : new ObjectMapper().readTree(json.toFile())) {
        int priority =
            switch (message.path("type").asText()) {
              case "fatal" -> 1;
              case "error" -> 2;
              case "warning" -> 3;
              case "refactor" -> 4;
              default -> 5;
            };
        Severity severity =
            priority <= 2 ? Severity.HIGH : priority == 3 ? Severity.MEDIUM : Severity.LOW;
        findings.add(
            new Finding(
                message.path("symbol").asText(),
                priority,
                severity,
                message.path("path").asText().replace('\\', '/'),
                Math.max(0, message.path("line").asInt()),
                message.path("message-id").asText() + " " + message.path("message").asText()));
      }
      return new ProbeResult(
          NAME,
          measures(),
          ProbeStatus.OK,
          "pylint on " + files.size() + " file(s), exit " + outcome.exitCode(),
          version,
          took,
          null,
          null,
          new FindingsReport(findings, SourceFiles.nonBlankLines(files), files.size()),
          null);
    } catch (IOException | RuntimeException e) {
      return ProbeResult.without(
          this,
          ProbeStatus.FAILED,
          "The pylint report could not be read: " + e.getMessage(),
          version,
          took);
    }
  }
}
