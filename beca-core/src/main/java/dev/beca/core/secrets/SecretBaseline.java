package dev.beca.core.secrets;

import dev.beca.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Accepted findings, by fingerprint: findings whose secret has a fingerprint in the baseline are
 * not reported. The file holds one fingerprint per line, optionally followed by a comment (rule and
 * location); lines starting with {@code #} are comments. It never holds a secret.
 *
 * @param fingerprints the accepted fingerprints ({@code sha256:} and 64 hex digits)
 */
public record SecretBaseline(Set<String> fingerprints) {

  /** The empty baseline. */
  public static final SecretBaseline EMPTY = new SecretBaseline(Set.of());

  /** Copies the set; rejects malformed fingerprints. */
  public SecretBaseline {
    fingerprints = Set.copyOf(fingerprints);
    for (String fingerprint : fingerprints) {
      if (!SecretFingerprints.isFingerprint(fingerprint)) {
        throw new IllegalArgumentException(
            "not a fingerprint (sha256: and 64 hex digits): " + fingerprint);
      }
    }
  }

  /** Whether the finding's secret was accepted. */
  public boolean accepts(SecretFinding finding) {
    return fingerprints.contains(finding.fingerprint());
  }

  /**
   * Reads a baseline file.
   *
   * @throws InvalidInputException when the file cannot be read or a line is not a fingerprint
   */
  public static SecretBaseline load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(
          "Could not read the baseline " + file + " (" + e.getMessage() + ").",
          "Check the path, or create one with beca scan --write-baseline.");
    }
    Set<String> fingerprints = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String fingerprint = line.split("\\s+", 2)[0];
      if (!SecretFingerprints.isFingerprint(fingerprint)) {
        throw new InvalidInputException(
            "Line " + (i + 1) + " of the baseline " + file + " is not a fingerprint.",
            "Each line starts with sha256: and 64 hex digits; regenerate the file with beca scan --write-baseline.");
      }
      fingerprints.add(fingerprint);
    }
    return new SecretBaseline(fingerprints);
  }

  /**
   * Writes a baseline accepting the given findings, one line each with rule and location.
   *
   * @throws java.io.UncheckedIOException when the file cannot be written
   */
  public static void write(Path file, Collection<SecretFinding> findings) {
    List<String> lines = new ArrayList<>();
    lines.add("# BECA secret baseline: accepted findings by fingerprint (SHA-256 of the secret).");
    Set<String> seen = new LinkedHashSet<>();
    for (SecretFinding finding : findings) {
      if (seen.add(finding.fingerprint())) {
        lines.add(finding.fingerprint() + " " + finding.ruleId() + " " + finding.location());
      }
    }
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("could not write the baseline " + file, e);
    }
  }
}
