package dev.beca.core.secrets;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Secret scanning as agent tools (LangChain4j {@link Tool}s): scan a text or a path, list the
 * latest alerts. Replies hold redacted forms and fingerprints only, so a tool call never hands a
 * secret back to the model.
 */
public final class SecretTools {

  /** Scans a file or folder; the app wires the tree scanner of beca-benchmark here. */
  @FunctionalInterface
  public interface PathScan {
    /**
     * Scans a path.
     *
     * @param path a file or folder
     * @return the findings
     */
    List<SecretFinding> scan(Path path);
  }

  private static final int MAX_ALERTS = 100;

  private final SecretScanner scanner;
  private final SecurityAlertStore alerts;
  private final PathScan paths;

  /**
   * Creates the tools.
   *
   * @param scanner the scanner for texts
   * @param alerts the alerts to list
   * @param paths the scanner for files and folders
   */
  public SecretTools(SecretScanner scanner, SecurityAlertStore alerts, PathScan paths) {
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.paths = Objects.requireNonNull(paths, "paths");
  }

  /** Scans a text and describes the findings. */
  @Tool(
      "Scan a text for secrets (API keys, tokens, private keys, passwords). Returns redacted findings.")
  public String scanText(@P("the text to scan") String text) {
    return describe(scanner.scan("text", text == null ? "" : text));
  }

  /** Scans a file or folder and describes the findings. */
  @Tool(
      "Scan a file or folder for secrets, respecting .gitignore. Returns redacted findings with locations.")
  public String scanPath(@P("path of the file or folder") String path) {
    if (path == null || path.isBlank()) {
      return "Give the path of a file or folder to scan.";
    }
    return describe(paths.scan(Path.of(path)));
  }

  /** Lists the latest security alerts. */
  @Tool(
      "List the latest security alerts: secrets BECA redacted before storing them (no secret is shown).")
  public String recentAlerts(@P("how many alerts, 1 to 100") int limit) {
    List<SecurityAlert> recent = alerts.recent(Math.max(1, Math.min(MAX_ALERTS, limit)));
    if (recent.isEmpty()) {
      return "No security alerts.";
    }
    return recent.stream()
        .map(
            a ->
                a.time()
                    + " "
                    + a.source()
                    + " "
                    + a.ruleId()
                    + " ("
                    + a.severity().name().toLowerCase(Locale.ROOT)
                    + ", "
                    + a.confidenceName()
                    + " confidence) at "
                    + a.location()
                    + " "
                    + a.fingerprint())
        .collect(Collectors.joining("\n"));
  }

  private static String describe(List<SecretFinding> findings) {
    if (findings.isEmpty()) {
      return "No secrets found.";
    }
    return findings.size()
        + " secret(s) found:\n"
        + findings.stream().map(SecretFinding::toString).collect(Collectors.joining("\n"));
  }
}
