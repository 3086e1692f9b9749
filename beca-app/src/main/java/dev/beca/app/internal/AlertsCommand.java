package dev.beca.app.internal;

import dev.beca.core.BecaException;
import dev.beca.core.secrets.SecurityAlert;
import dev.beca.memory.SqliteKnowledgeBase;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code beca alerts}: the latest secrets found on BECA's write paths (fingerprints only). */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = "List the latest security alerts: secrets that were redacted before being stored.",
    footer = {"", "Exit codes: 0 done, 1 the knowledge base could not be read."})
public final class AlertsCommand implements Callable<Integer> {

  private final Terminal terminal;
  private final Map<String, String> env;

  @Mixin AppOptions options;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many alerts (default 20).")
  int limit;

  /**
   * Creates the command.
   *
   * @param terminal where to write
   * @param env the environment variables to read settings from
   */
  public AlertsCommand(Terminal terminal, Map<String, String> env) {
    this.terminal = terminal;
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = terminal.out();
    if (limit < 1) {
      terminal.err().println("beca alerts: --limit must be positive, was " + limit);
      return ChatCommand.EXIT_USAGE;
    }
    Logging.toDataDirectory(options.dataDir(env));
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().dataDirectory(options.dataDir(env)).open()) {
      List<SecurityAlert> alerts = kb.securityAlerts().recent(limit);
      for (SecurityAlert a : alerts) {
        out.println(a.time() + " " + a.source() + " " + a.ruleId() + " (" + a.severity().name().toLowerCase(java.util.Locale.ROOT)
            + ") at " + a.location() + " " + a.fingerprint());
      }
      out.println(alerts.isEmpty() ? "No security alerts." : alerts.size() + " of " + kb.securityAlerts().count() + " alert(s).");
      out.flush();
      return 0;
    } catch (BecaException e) {
      terminal.err().println("beca alerts: " + e.getMessage());
      return ChatCommand.EXIT_FAILURE;
    }
  }
}
