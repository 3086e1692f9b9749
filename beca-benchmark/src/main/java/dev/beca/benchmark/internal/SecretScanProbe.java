package dev.beca.benchmark.internal;

import dev.beca.core.quality.Confidence;
import dev.beca.core.quality.Finding;
import dev.beca.core.quality.FindingsReport;
import dev.beca.core.quality.ProbeContext;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.QualityProbe;
import dev.beca.core.quality.SecretDetector;
import dev.beca.core.quality.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scans a project's text files for secrets through a {@link SecretDetector}, walking the tree as
 * {@code beca scan} does ({@link TextTree}: {@code .gitignore}, symbolic links, special files,
 * binaries and the size limit) but never into build output ({@link BuildOutput}: Maven's {@code
 * target/} beside a {@code pom.xml}, Python caches, virtual environments...). Without a detector it
 * reports itself unavailable, never clean. Each finding keeps the scanner's severity (critical and
 * high become {@link Severity#HIGH}, critical with priority 1) and names its confidence in the
 * message.
 */
public final class SecretScanProbe implements QualityProbe {

  /** The probe's name. */
  public static final String NAME = "secrets";

  private static final long MAX_FILE_BYTES = 2L * 1024 * 1024;

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
      return ProbeResult.without(
          this,
          ProbeStatus.UNAVAILABLE,
          "no secret scanner is wired in; give one to CodeBenchmark.builder().secretDetector(..)",
          "",
          Duration.between(start, Instant.now()));
    }
    // Build output is never scanned: in place, a project that ignores nothing would otherwise have
    // the run's own target/ (copies of its sources and test fixtures) scanned as shipped code.
    TextTree.Walk walk = TextTree.walk(context.projectRoot(), MAX_FILE_BYTES, true);
    List<Finding> findings = new ArrayList<>();
    long lines = 0;
    int scanned = 0;
    for (TextTree.Entry file : walk.files()) {
      TextTree.Text text = TextTree.read(file.path());
      if (text.skipReason() != null) {
        continue;
      }
      scanned++;
      lines += text.text().lines().filter(l -> !l.isBlank()).count();
      for (SecretDetector.Match match : detector.find(file.rel(), text.text())) {
        // Never the secret itself: only where it is, which rule matched and how sure it is.
        findings.add(
            new Finding(
                match.rule(),
                priority(match.severity()),
                severity(match.severity()),
                file.rel(),
                Math.max(0, match.line()),
                "possible secret ("
                    + match.rule()
                    + ", "
                    + match.severity().name().toLowerCase(Locale.ROOT)
                    + " severity, "
                    + match.confidence().name().toLowerCase(Locale.ROOT)
                    + " confidence)",
                confidence(match.confidence())));
      }
    }
    return new ProbeResult(
        NAME,
        measures(),
        ProbeStatus.OK,
        "scanned " + scanned + " text file(s)",
        "",
        Duration.between(start, Instant.now()),
        null,
        null,
        null,
        new FindingsReport(findings, lines, scanned));
  }

  /** The scanner's confidence on the quality scale, which the score's security gate reads. */
  static Confidence confidence(dev.beca.core.secrets.Confidence confidence) {
    return switch (confidence) {
      case HIGH -> Confidence.HIGH;
      case MEDIUM -> Confidence.MEDIUM;
      case LOW -> Confidence.LOW;
    };
  }

  /** The scanner's severity on the quality scale: critical and high are high, the rest as named. */
  static Severity severity(dev.beca.core.secrets.Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> Severity.HIGH;
      case MEDIUM -> Severity.MEDIUM;
      case LOW -> Severity.LOW;
    };
  }

  private static int priority(dev.beca.core.secrets.Severity severity) {
    return switch (severity) {
      case CRITICAL -> 1;
      case HIGH -> 2;
      case MEDIUM -> 3;
      case LOW -> 4;
    };
  }
}
