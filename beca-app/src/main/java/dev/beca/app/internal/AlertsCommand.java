package dev.beca.app.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.secrets.SecurityAlert;
import dev.beca.core.secrets.SecurityAlertStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code beca alerts}: the latest secrets found on BECA's write paths (fingerprints only). */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description =
        "List the latest security alerts: secrets that were redacted before being stored.",
    footer = {"", "Exit codes: 0 done, 1 the knowledge base could not be read, 2 invalid options."})
public final class AlertsCommand implements Callable<Integer> {

  private final Startup startup;
  private final Terminal terminal;

  @Mixin AppOptions options;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "How many alerts (default 20).")
  int limit;

  /**
   * Creates the command.
   *
   * @param startup the start-up path: terminal, settings and knowledge base
   */
  public AlertsCommand(Startup startup) {
    this.startup = startup;
    this.terminal = startup.terminal();
  }

  @Override
  public Integer call() {
    PrintWriter out = terminal.out();
    if (limit < 1) {
      throw new InvalidInputException(
          "--limit must be positive, was " + limit + ".", "Give a number of alerts.");
    }
    try (AppContext app = startup.open(options)) {
      SecurityAlertStore store = app.knowledgeBase().securityAlerts();
      List<SecurityAlert> alerts = store.recent(limit);
      for (SecurityAlert a : alerts) {
        out.println(
            a.time()
                + " "
                + a.source()
                + " "
                + a.ruleId()
                + " ("
                + a.severity().name().toLowerCase(java.util.Locale.ROOT)
                + ", "
                + a.confidenceName()
                + " confidence) at "
                + a.location()
                + " "
                + a.fingerprint());
      }
      out.println(
          alerts.isEmpty()
              ? "No security alerts."
              : alerts.size() + " of " + store.count() + " alert(s).");
      out.flush();
      return ExitCodes.OK;
    }
  }
}
