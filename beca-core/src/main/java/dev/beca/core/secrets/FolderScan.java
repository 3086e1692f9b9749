package dev.beca.core.secrets;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link FolderScanner} found: findings hold only the redacted form and a fingerprint of
 * each secret, never the secret.
 *
 * @param root what was scanned
 * @param findings the secrets found, by file then position; paths relative to the root with {@code
 *     /} separators
 * @param skipped files that were not scanned, each with the reason
 * @param filesScanned how many files were scanned
 * @param bytesScanned how many bytes those files held
 * @param hidden how many findings {@link #atLeast} left out; 0 in a scanner's answer
 */
public record FolderScan(
    String root,
    List<SecretFinding> findings,
    List<Skipped> skipped,
    int filesScanned,
    long bytesScanned,
    int hidden) {

  /**
   * A file left out of the scan.
   *
   * @param path its path relative to the root
   * @param reason why (binary, too large, unreadable, a link leaving the root, ...)
   */
  public record Skipped(String path, String reason) {
    /** Checks the components. */
    public Skipped {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Checks the components and copies the lists. */
  public FolderScan {
    Objects.requireNonNull(root, "root");
    findings = List.copyOf(findings);
    skipped = List.copyOf(skipped);
  }

  /**
   * This scan restricted to the findings that reach both thresholds; the others are counted in
   * {@link #hidden()}.
   *
   * @param minSeverity the least severity kept
   * @param minConfidence the least confidence kept
   * @return the restricted scan
   */
  public FolderScan atLeast(Severity minSeverity, Confidence minConfidence) {
    List<SecretFinding> kept =
        findings.stream().filter(f -> f.reaches(minSeverity, minConfidence)).toList();
    return new FolderScan(
        root, kept, skipped, filesScanned, bytesScanned, hidden + findings.size() - kept.size());
  }
}
