package dev.beca.benchmark.internal;

import dev.beca.core.quality.Finding;
import dev.beca.core.quality.FindingsReport;
import dev.beca.core.quality.ProbeContext;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.QualityProbe;
import dev.beca.core.quality.SecretDetector;
import dev.beca.core.quality.Severity;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Scans a project's text files for secrets through a {@link SecretDetector}. Without a detector
 * it reports itself unavailable, never clean. Every secret found is a high-severity finding.
 */
public final class SecretScanProbe implements QualityProbe {

  /** The probe's name. */
  public static final String NAME = "secrets";
  private static final long MAX_FILE_BYTES = 1_000_000;

  private final SecretDetector detector;

  /** A probe without a detector: always unavailable until one is wired. */
  public SecretScanProbe() {
    this(null);
  }

  /**
   * A probe using a detector.
   *
   * @param detector the detector, or {@code null} for none
   */
  public SecretScanProbe(SecretDetector detector) {
    this.detector = detector;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<ProbeKind> measures() {
    return Set.of(ProbeKind.SECURITY);
  }

  @Override
  public boolean appliesTo(Path projectRoot) {
    return true;
  }

  @Override
  public String fingerprint() {
    return NAME + " detector=" + (detector == null ? "none" : detector.getClass().getName());
  }

  @Override
  public ProbeResult run(ProbeContext context) {
    Instant start = Instant.now();
    if (detector == null) {
      return ProbeResult.without(this, ProbeStatus.UNAVAILABLE,
          "no secret scanner is wired in; give one to CodeBenchmark.builder().secretDetector(..)",
          "", Duration.between(start, Instant.now()));
    }
    Path root = context.projectRoot();
    List<Path> files = SourceFiles.find(root, p -> true);
    List<Finding> findings = new ArrayList<>();
    long lines = 0;
    int scanned = 0;
    for (Path file : files) {
      Optional<String> text = text(file);
      if (text.isEmpty()) {
        continue;
      }
      scanned++;
      lines += text.get().lines().filter(l -> !l.isBlank()).count();
      String relative = SourceFiles.slashes(root.relativize(file));
      for (SecretDetector.Match match : detector.find(relative, text.get())) {
        // Never the secret itself: only where it is and which rule matched.
        findings.add(new Finding(match.rule(), 1, Severity.HIGH, relative, Math.max(0, match.line()),
            "possible secret (" + match.rule() + ")"));
      }
    }
    return new ProbeResult(NAME, measures(), ProbeStatus.OK, "scanned " + scanned + " text file(s)", "",
        Duration.between(start, Instant.now()), null, null, null, new FindingsReport(findings, lines, scanned));
  }

  private static Optional<String> text(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(file);
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
