package dev.beca.core.secrets;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate every tool that writes a file or runs a command must pass: content or a command line
 * holding a secret is refused with a {@link SecretDetectedException}, unless the caller passes
 * {@link Permission#ALLOW_SECRETS} (for example after the user confirmed). Every secret found is
 * recorded as an alert either way.
 */
public final class SecretGuard {

  /** Whether a write or command may contain secrets. */
  public enum Permission {
    /** Refuse when a secret is found (the default for tools). */
    REFUSE_SECRETS,
    /** Let it through, still recording an alert: the user explicitly allowed it. */
    ALLOW_SECRETS
  }

  private static final Logger LOG = LoggerFactory.getLogger(SecretGuard.class);

  private final SecretScanner scanner;
  private final SecurityAlertStore alerts;

  /**
   * Creates the guard.
   *
   * @param scanner the scanner to use
   * @param alerts where to record what was found
   */
  public SecretGuard(SecretScanner scanner, SecurityAlertStore alerts) {
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
  }

  /**
   * Checks content a tool is about to write to a file.
   *
   * @param path the file's path, as the tool will write it
   * @param content the content
   * @param permission whether secrets may be written
   * @return the findings (empty when clean, or the allowed findings)
   * @throws SecretDetectedException when secrets are found and not allowed; nothing may be written
   */
  public List<SecretFinding> checkFileWrite(String path, String content, Permission permission) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(permission, "permission");
    List<SecretFinding> findings = scanner.scan(path, content);
    return decide(
        "file-write",
        "Writing " + path,
        findings,
        permission,
        "Remove the secret (read it from an environment variable or a secret store instead), "
            + "or allow this write explicitly.");
  }

  /**
   * Checks a command a tool is about to run.
   *
   * @param command the program and its arguments
   * @param permission whether secrets may appear on the command line
   * @return the findings (empty when clean, or the allowed findings)
   * @throws SecretDetectedException when secrets are found and not allowed; the command must not
   *     run
   */
  public List<SecretFinding> checkCommand(List<String> command, Permission permission) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(permission, "permission");
    if (command.isEmpty()) {
      return List.of();
    }
    // One argument per line, so a finding's line tells the argument.
    List<SecretFinding> findings = scanner.scan("command", String.join("\n", command));
    return decide(
        "command",
        "Running " + command.get(0),
        findings,
        permission,
        "Pass the secret through an environment variable or a file the command reads, "
            + "or allow this command explicitly.");
  }

  private List<SecretFinding> decide(
      String source,
      String action,
      List<SecretFinding> findings,
      Permission permission,
      String remedy) {
    if (findings.isEmpty()) {
      return List.of();
    }
    for (SecretFinding finding : findings) {
      alerts.record(NewSecurityAlert.of(source, finding));
    }
    String summary =
        findings.stream()
            .map(f -> f.ruleId() + " at " + f.location() + " (" + f.redacted() + ")")
            .collect(Collectors.joining(", "));
    if (permission == Permission.ALLOW_SECRETS) {
      LOG.warn("{} contains secrets, allowed explicitly: {}", action, summary);
      return findings;
    }
    LOG.warn("{} was refused: it contains secrets: {}", action, summary);
    throw new SecretDetectedException(
        action
            + " was refused: it contains "
            + (findings.size() == 1 ? "a secret" : findings.size() + " secrets")
            + ": "
            + summary
            + ".",
        remedy,
        findings);
  }
}
