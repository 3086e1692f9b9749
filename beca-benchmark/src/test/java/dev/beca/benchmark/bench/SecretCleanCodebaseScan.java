package dev.beca.benchmark.bench;

import dev.beca.benchmark.SecretScanReport;
import dev.beca.benchmark.SecretTreeScanner;
import dev.beca.core.secrets.Confidence;
import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scans large clean codebases (fetched, pinned commits, outside the repository) and lists what
 * {@code beca scan} would report by default and what write paths would redact. Not part of {@code
 * mvn verify}; see docs/secrets.md:
 *
 * <pre>
 * ./mvnw -q -pl beca-benchmark -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.benchmark.bench.SecretCleanCodebaseScan \
 *     -Dexec.args="/work/cache/src/langchain4j+langchain4j /work/cache/src/spring-projects+spring-boot"
 * </pre>
 */
public final class SecretCleanCodebaseScan {

  private SecretCleanCodebaseScan() {}

  public static void main(String[] args) {
    for (String arg : args) {
      SecretScanReport report = SecretTreeScanner.builder().build().scanTree(Path.of(arg));
      List<SecretFinding> reported =
          report.findings().stream()
              .filter(f -> f.reaches(Severity.LOW, Confidence.MEDIUM))
              .toList();
      Map<String, Integer> byRule = new TreeMap<>();
      report
          .findings()
          .forEach(
              f ->
                  byRule.merge(
                      f.ruleId() + " (" + f.confidence().name().toLowerCase(Locale.ROOT) + ")",
                      1,
                      Integer::sum));
      System.out.printf(
          Locale.ROOT,
          "%s: %d files, %.1f MB, %d findings in all (redacted on write paths), %d reported"
              + " by default (confidence medium or more)%n",
          arg,
          report.filesScanned(),
          report.bytesScanned() / 1e6,
          report.findings().size(),
          reported.size());
      System.out.println("  all findings by rule: " + byRule);
      reported.forEach(f -> System.out.println("  " + f));
    }
  }
}
