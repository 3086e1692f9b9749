package dev.beca.app.internal;

import dev.beca.benchmark.SecretReportFormat;
import dev.beca.benchmark.SecretScanReport;
import dev.beca.benchmark.SecretTreeScanner;
import dev.beca.core.BecaException;
import dev.beca.core.secrets.Confidence;
import dev.beca.core.secrets.DefaultSecretScanner;
import dev.beca.core.secrets.SecretBaseline;
import dev.beca.core.secrets.SecretRuleSet;
import dev.beca.core.secrets.Severity;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beca scan}: scans a file tree, or the staged git changes, for secrets. Exit code 0 when
 * clean, 1 when secrets at or above the thresholds were found, 2 on an error (bad option,
 * unreadable rule file or baseline) or when nothing that was asked for could be read.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Scan files for secrets (API keys, tokens, private keys, passwords).",
      "Respects .gitignore; skips binary and large files with a note. Output never contains a secret."
    },
    footer = {
      "",
      "Exit codes: 0 no secrets, 1 secrets found (at or above --min-severity and --min-confidence),",
      "2 error, or nothing could be read (a FIFO, a device, only links leaving the folder).",
      "Pre-commit hook: beca scan --staged (in .git/hooks/pre-commit)."
    })
public final class ScanCommand implements Callable<Integer> {

  /** Exit code when secrets were found. */
  public static final int EXIT_FOUND = 1;

  /** Exit code on errors. */
  public static final int EXIT_ERROR = 2;

  private final Terminal terminal;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      defaultValue = ".",
      description =
          "File or folder to scan (default: the current folder); with --staged, a folder in the repository.")
  Path path;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "Output format: text, json or sarif (SARIF 2.1.0, for code scanning). Default: text.")
  String format;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Accept the findings whose fingerprints are listed in FILE.")
  Path baseline;

  @Option(
      names = "--write-baseline",
      paramLabel = "FILE",
      description =
          "Write every finding's fingerprint to FILE (accepting them from now on) and exit 0.")
  Path writeBaseline;

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description = "Extra rules in BECA's or gitleaks' TOML format, added to the default rules.")
  Path rules;

  @Option(
      names = "--staged",
      description = "Scan the lines staged for the next commit instead of the tree.")
  boolean staged;

  @Option(
      names = "--min-severity",
      paramLabel = "LEVEL",
      defaultValue = "low",
      description =
          "Report (and fail on) findings of this severity or worse: low, medium, high, critical. Default: low.")
  String minSeverity;

  @Option(
      names = "--min-confidence",
      paramLabel = "LEVEL",
      defaultValue = "medium",
      description =
          "Report (and fail on) findings at least this sure: low, medium, high. Default: medium, so "
              + "low-confidence guesses (high-entropy strings, placeholder-looking keys) stay quiet in CI.")
  String minConfidence;

  @Option(
      names = "--include-tests",
      description =
          "Report findings in test code and test data (src/test, tests, testdata, fixtures, FooTest.java)"
              + " at their rule's confidence. By default they are reported at low confidence: keys"
              + " committed as test fixtures are nearly always generated for the tests.")
  boolean includeTests;

  @Option(
      names = "--max-file-size",
      paramLabel = "BYTES",
      defaultValue = "2097152",
      description = "Skip larger files (with a note). Default: 2097152 (2 MiB).")
  long maxFileSize;

  /**
   * Creates the command.
   *
   * @param terminal where to write the report and errors
   */
  public ScanCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    PrintWriter err = terminal.err();
    try {
      SecretReportFormat outputFormat = SecretReportFormat.parse(format);
      Severity severity = Severity.parse(minSeverity);
      Confidence confidence = Confidence.parse(minConfidence);
      SecretRuleSet ruleSet = SecretRuleSet.defaults();
      if (rules != null) {
        ruleSet = ruleSet.plus(SecretRuleSet.load(rules));
      }
      DefaultSecretScanner.Builder scanner = DefaultSecretScanner.builder().rules(ruleSet);
      if (baseline != null) {
        scanner.baseline(SecretBaseline.load(baseline));
      }
      SecretTreeScanner tree =
          SecretTreeScanner.builder()
              .scanner(scanner.build())
              .maxFileBytes(maxFileSize)
              .testCodeAtLowConfidence(!includeTests)
              .build();
      SecretScanReport report =
          (staged ? tree.scanStaged(path) : tree.scanTree(path)).atLeast(severity, confidence);
      if (writeBaseline != null) {
        SecretBaseline.write(writeBaseline, report.findings());
        terminal
            .out()
            .println(
                "Wrote "
                    + report.findings().size()
                    + " finding(s) to the baseline "
                    + writeBaseline
                    + ".");
        terminal.out().flush();
        return 0;
      }
      outputFormat.write(report, BecaVersionProvider.version(), terminal.out());
      if (report.readNothing()) {
        err.println(
            "beca scan: nothing under "
                + path
                + " could be read ("
                + report.skipped().get(0).reason()
                + "). Give a regular file or a folder.");
        err.flush();
        return EXIT_ERROR;
      }
      return report.findings().isEmpty() ? 0 : EXIT_FOUND;
    } catch (BecaException | IllegalArgumentException | UncheckedIOException e) {
      err.println("beca scan: " + e.getMessage());
      err.flush();
      return EXIT_ERROR;
    }
  }
}
