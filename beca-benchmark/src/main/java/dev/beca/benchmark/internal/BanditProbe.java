package dev.beca.benchmark.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beca.core.quality.Confidence;
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
import java.util.Locale;
import java.util.Set;

/** bandit with {@code -f json} on the project's Python files, read from its output file. */
public final class BanditProbe extends PythonReportProbe {

  /** The probe's name. */
  public static final String NAME = "bandit";

  /**
   * Creates the probe.
   *
   * @param candidates Python interpreters to try, in order
   */
  public BanditProbe(List<String> candidates) {
    super(candidates, NAME);
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
  @Override
  List<String> command(String python, Path output, List<String> files) {
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

  // bandit exits 1 when it found issues; only a missing report is a failure (the default).

  @Override
  FindingsReport read(JsonNode report, List<Path> files) {
    List<Finding> findings = new ArrayList<>();
    for (JsonNode issue : report.path("results")) {
      Severity severity =
          switch (issue.path("issue_severity").asText().toUpperCase(Locale.ROOT)) {
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
    return new FindingsReport(findings, loc, files.size());
  }

  @Override
  ProbeResult succeeded(String summary, String version, Duration took, FindingsReport findings) {
    return new ProbeResult(
        NAME, measures(), ProbeStatus.OK, summary, version, took, null, null, null, findings);
  }
}
