package dev.beca.core.quality;

import dev.beca.core.secrets.SecretScanner;
import java.util.List;
import java.util.Objects;

/**
 * A {@link SecretDetector} that asks a {@link SecretScanner}; the secrets themselves stay inside
 * the scanner, only rule ids, lines, severities and confidences come out.
 *
 * @param scanner the scanner
 */
public record ScannerSecretDetector(SecretScanner scanner) implements SecretDetector {

  /** Checks that the scanner is given. */
  public ScannerSecretDetector {
    Objects.requireNonNull(scanner, "scanner");
  }

  @Override
  public List<Match> find(String path, String text) {
    return scanner.scan(path, text).stream()
        .map(
            finding ->
                new Match(
                    finding.ruleId(),
                    finding.location().line(),
                    finding.severity(),
                    finding.confidence()))
        .toList();
  }

  @Override
  public String toString() {
    return "ScannerSecretDetector[" + scanner.getClass().getName() + "]";
  }
}
