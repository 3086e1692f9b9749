package dev.beca.benchmark;

import dev.beca.core.secrets.SecretFinding;
import java.util.List;
import java.util.Objects;

/**
 * The result of scanning a file tree or staged changes for secrets.
 *
 * @param root what was scanned (a folder, or a repository's staged changes)
 * @param findings the secrets found, by file then position; locations use paths relative to root
 *     with {@code /} separators
 * @param skipped files that were not scanned, each with the reason (binary, too large, unreadable)
 * @param filesScanned how many files were scanned
 * @param bytesScanned how many bytes those files held
 */
public record SecretScanReport(
    String root, List<SecretFinding> findings, List<SkippedFile> skipped, int filesScanned, long bytesScanned) {

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

  /** Whether no secret was found. */
  public boolean isClean() {
    return findings.isEmpty();
  }
}
