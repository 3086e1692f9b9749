package dev.beca.benchmark;

import dev.beca.core.secrets.Confidence;
import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.Severity;
import java.util.List;
import java.util.Objects;

/**
 * The result of scanning a file tree or staged changes for secrets.
 *
 * @param root what was scanned (a folder, or a repository's staged changes)
 * @param findings the secrets found, by file then position; locations use paths relative to root
 *     with {@code /} separators
 * @param skipped files that were not scanned, each with the reason (binary, too large, unreadable,
 *     a symbolic link leaving the root, a FIFO or device)
 * @param filesScanned how many files were scanned
 * @param bytesScanned how many bytes those files held
 * @param hidden how many findings were left out by {@link #atLeast}; 0 in a scanner's report
 */
public record SecretScanReport(
    String root,
    List<SecretFinding> findings,
    List<SkippedFile> skipped,
    int filesScanned,
    long bytesScanned,
    int hidden) {

  /** A report with nothing hidden. */
  public SecretScanReport(
      String root,
      List<SecretFinding> findings,
      List<SkippedFile> skipped,
      int filesScanned,
      long bytesScanned) {
    this(root, findings, skipped, filesScanned, bytesScanned, 0);
  }

  /** A file left out of a scan, and why. */
  public record SkippedFile(String path, String reason) {
    /** Checks the components. */
    public SkippedFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Copies the lists. */
  public SecretScanReport {
    Objects.requireNonNull(root, "root");
    findings = List.copyOf(findings);
    skipped = List.copyOf(skipped);
  }

  /**
   * Whether no secret was found (a scan that {@link #readNothing() read nothing} is not clean
   * either).
   */
  public boolean isClean() {
    return findings.isEmpty() && !readNothing();
  }

  /** Whether files were asked for but none could be read: such a scan proves nothing. */
  public boolean readNothing() {
    return filesScanned == 0 && !skipped.isEmpty();
  }

  /**
   * The report restricted to the findings that reach both thresholds; the others are counted in
   * {@link #hidden()}.
   */
  public SecretScanReport atLeast(Severity minSeverity, Confidence minConfidence) {
    List<SecretFinding> kept =
        findings.stream().filter(f -> f.reaches(minSeverity, minConfidence)).toList();
    return new SecretScanReport(
        root, kept, skipped, filesScanned, bytesScanned, hidden + findings.size() - kept.size());
  }
}
