package dev.beca.server;

import dev.beca.core.quality.Confidence;
import dev.beca.core.quality.Finding;
import dev.beca.core.quality.FindingsReport;
import dev.beca.core.quality.ProbeContext;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.QualityProbe;
import dev.beca.core.quality.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real lint probe small enough for API tests: every {@code TODO} line of the project's {@code
 * .java} files is a finding, so a test changes the score by writing files.
 */
final class TodoProbe implements QualityProbe {

  @Override
  public String name() {
    return "todo-lint";
  }

  @Override
  public Set<ProbeKind> measures() {
    return Set.of(ProbeKind.LINT);
  }

  @Override
  public boolean appliesTo(Path projectRoot) {
    return !javaFiles(projectRoot).isEmpty();
  }

  @Override
  public String fingerprint() {
    return "todo-lint 1";
  }

  @Override
  public ProbeResult run(ProbeContext context) {
    long start = System.nanoTime();
    List<Finding> findings = new ArrayList<>();
    long lines = 0;
    List<Path> files = javaFiles(context.projectRoot());
    for (Path file : files) {
      try {
        List<String> text = Files.readAllLines(file);
        lines += text.size();
        for (int i = 0; i < text.size(); i++) {
          if (text.get(i).contains("TODO")) {
            findings.add(
                new Finding(
                    "todo",
                    3,
                    Severity.MEDIUM,
                    context.projectRoot().relativize(file).toString(),
                    i + 1,
                    "A TODO is left in the code.",
                    Confidence.HIGH));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ProbeResult(
        name(),
        measures(),
        ProbeStatus.OK,
        findings.size() + " TODO(s)",
        "1",
        Duration.ofNanos(System.nanoTime() - start),
        null,
        null,
        new FindingsReport(findings, lines, files.size()),
        null);
  }

  private static List<Path> javaFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
