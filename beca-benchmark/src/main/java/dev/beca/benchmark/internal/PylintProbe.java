package dev.beca.benchmark.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beca.core.quality.Finding;
import dev.beca.core.quality.FindingsReport;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * pylint with {@code --output-format=json} on the project's Python files, read from its output
 * file.
 */
public final class PylintProbe extends PythonReportProbe {

  /** The probe's name. */
  public static final String NAME = "pylint";

  /**
   * Creates the probe.
   *
   * @param candidates Python interpreters to try, in order
   */
  public PylintProbe(List<String> candidates) {
    super(candidates, NAME);
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
  @Override
  List<String> command(String python, Path output, List<String> files) {
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

  /** Shipped code only: the lint part scores it (tests are linted by their own standards). */
  @Override
  List<Path> files(Path root) {
    List<Path> all = sources(root);
    List<Path> shipped =
        all.stream()
            .filter(f -> !Finding.isTestPath(SourceFiles.slashes(root.relativize(f))))
            .toList();
    return shipped.isEmpty() ? all : shipped;
  }

  /** pylint's exit code is a bit mask of message types; 32 means it could not run at all. */
  @Override
  boolean couldNotRun(int exitCode) {
    return (exitCode & 32) != 0;
  }

  @Override
  FindingsReport read(JsonNode report, List<Path> files) {
    List<Finding> findings = new ArrayList<>();
    for (JsonNode message : report) {
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
    return new FindingsReport(findings, SourceFiles.nonBlankLines(files), files.size());
  }

  @Override
  ProbeResult succeeded(String summary, String version, Duration took, FindingsReport findings) {
    return new ProbeResult(
        NAME, measures(), ProbeStatus.OK, summary, version, took, null, null, findings, null);
  }
}
