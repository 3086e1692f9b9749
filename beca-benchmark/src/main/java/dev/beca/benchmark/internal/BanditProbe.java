package dev.beca.benchmark.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.core.quality.Confidence;
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
import java.util.Locale;
import java.util.Set;

/** bandit with {@code -f json} on the project's Python files, read from its output file. */
public final class BanditProbe extends PythonProbe {

  /** The probe's name. */
  public static final String NAME = "bandit";

  /**
   * Creates the probe.
   *
   * @param candidates Python interpreters to try, in order
   */
  public BanditProbe(List<String> candidates) {
    super(candidates, List.of("bandit"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<ProbeKind> measures() {
    return Set.of(ProbeKind.SECURITY);
  }

  /** The command: bandit on the files (relative to the project), JSON into the output folder. */
  public static List<String> command(String python, Path output, List<String> files) {
    List<String> command =
        new ArrayList<>(
            List.of(
                python,
                "-m",
                "bandit",
                "-f",
                "json",
                "-o",
                output.resolve("bandit.json").toString(),
                "-q"));
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
    String version = found.get().describe(List.of("bandit"));
    Path root = context.projectRoot();
    List<Path> files = sources(root);
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
                out.resolve("bandit"),
                context.deadline());
    Duration took = Duration.between(start, Instant.now());
    if (outcome.timedOut()) {
      return ProbeResult.without(
          this,
          ProbeStatus.TIMED_OUT,
          "The time limit passed while bandit ran; it was " + "killed. Raise the time limit.",
          version,
          took);
    }
    Path json = out.resolve("bandit.json");
    // bandit exits 1 when it found issues; only a missing report is a failure.
    if (!Files.isRegularFile(json)) {
      return ProbeResult.without(
          this,
          ProbeStatus.FAILED,
          "bandit failed (exit " + outcome.exitCode() + "): " + Texts.tail(outcome.stderr(), 5),
          version,
          took);
    }
    try {
      JsonNode report = new ObjectMapper().readTree(json.toFile());
      List<Finding> findings = new ArrayList<>();
      for (JsonNode issue : report.path("results")) {
        String severityText = issue.path("issue_severity").asText().toUpperCase(Locale.ROOT);
        Severity severity =
            switch (severityText) {
              case "HIGH" -> Severity.HIGH;
              case "MEDIUM" -> Severity.MEDIUM;
              default -> Severity.LOW;
            };
        int priority = severity == Severity.HIGH ? 1 : severity == Severity.MEDIUM ? 3 : 5;
        String file = issue.path("filename").asText().replace('\\', '/');
        if (file.startsWith("./")) {
          file = file.substring(2);
        }
        findings.add(
            new Finding(
                issue.path("test_id").asText() + " " + issue.path("test_name").asText(),
                priority,
                severity,
                file,
                Math.max(0, issue.path("line_number").asInt()),
                issue.path("issue_text").asText(),
                switch (issue.path("issue_confidence").asText().toUpperCase(Locale.ROOT)) {
                  case "HIGH" -> Confidence.HIGH;
                  case "MEDIUM" -> Confidence.MEDIUM;
                  default -> Confidence.LOW;
                }));
      }
      long loc = report.path("metrics").path("_totals").path("loc").asLong();
      return new ProbeResult(
          NAME,
          measures(),
          ProbeStatus.OK,
          "bandit on " + files.size() + " file(s), exit " + outcome.exitCode(),
          version,
          took,
          null,
          null,
          null,
          new FindingsReport(findings, loc, files.size()));
    } catch (IOException | RuntimeException e) {
      return ProbeResult.without(
          this,
          ProbeStatus.FAILED,
          "The bandit report could not be read: " + e.getMessage(),
          version,
          took);
    }
  }
}
