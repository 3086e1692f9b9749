package dev.beca.app.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.agent.PermissionDecision;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beca audit}: the permission decisions about the assistant's tool calls, oldest first, as
 * the audit table keeps them (arguments redacted).
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "List the assistant's tool calls and what the permission policy decided about each:",
      "time, session, tool, risk, decision, the rule that decided and the (redacted) arguments."
    },
    footer = {"", "Exit codes: 0 done, 1 the knowledge base could not be read, 2 invalid options."})
public final class AuditCommand implements Callable<Integer> {

  /** The most sessions searched when {@code --session} is given as a prefix. */
  private static final int PREFIX_SEARCH = 10_000;

  private static final int SESSION_CHARS = 8;
  private static final int RULE_CHARS = 60;
  private static final int ARGUMENT_CHARS = 60;

  private static final TextTable TABLE =
      TextTable.builder()
          .left("TIME", 20)
          .left("SESSION", SESSION_CHARS)
          .left("TOOL", 13)
          .left("RISK", 8)
          .left("DECISION", 20)
          .left("RULE", RULE_CHARS)
          .left("ARGUMENTS")
          .build();

  private final Startup startup;
  private final Terminal terminal;

  @Mixin AppOptions options;

  @Option(
      names = "--session",
      paramLabel = "ID",
      description = "Only this session's decisions (its id, or the start of it as listed).")
  String session;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "Show the latest N decisions (default 50).")
  int limit;

  @Option(names = "--json", description = "Print the decisions, unshortened, as one JSON document.")
  boolean json;

  /**
   * Creates the command.
   *
   * @param startup the start-up path: terminal, settings and knowledge base
   */
  public AuditCommand(Startup startup) {
    this.startup = startup;
    this.terminal = startup.terminal();
  }

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new InvalidInputException(
          "--limit must be positive, was " + limit + ".", "Give a number of decisions.");
    }
    if (session != null && session.isBlank()) {
      throw new InvalidInputException(
          "--session is empty.", "Give a session id as 'beca audit' lists it.");
    }
    PrintWriter out = terminal.out();
    try (AppContext app = startup.open(options)) {
      DecisionAuditLog audit = app.knowledgeBase().decisionAudit();
      String sessionId = session == null ? null : sessionId(audit, session.strip());
      List<PermissionDecision> decisions = latestOldestFirst(audit, sessionId);
      if (json) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("session", sessionId);
        document.put("limit", limit);
        document.put("decisions", decisions.stream().map(AuditCommand::jsonRow).toList());
        out.println(BenchmarkCommand.json(document));
      } else if (decisions.isEmpty()) {
        out.println(
            sessionId == null
                ? "No tool calls audited yet: the audit lists the assistant's tool calls once it"
                    + " uses tools."
                : "No tool calls audited for session " + sessionId + ".");
      } else {
        out.println(TABLE.header());
        for (PermissionDecision d : decisions) {
          out.println(
              TABLE.row(
                  d.time().truncatedTo(ChronoUnit.SECONDS),
                  shorten(d.sessionId(), SESSION_CHARS, ""),
                  d.tool(),
                  d.risk().name().toLowerCase(Locale.ROOT),
                  words(d.answer().name()),
                  shorten(d.rule(), RULE_CHARS, "..."),
                  shorten(d.arguments(), ARGUMENT_CHARS, "...")));
        }
        out.println(
            decisions.size()
                + (decisions.size() == 1 ? " decision" : " decisions")
                + (decisions.size() == limit
                    ? " (the latest " + limit + "; --limit N for more)"
                    : "")
                + ". --json shows rules and arguments whole.");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private List<PermissionDecision> latestOldestFirst(DecisionAuditLog audit, String sessionId) {
    if (sessionId == null) {
      List<PermissionDecision> newestFirst = new ArrayList<>(audit.recent(limit));
      Collections.reverse(newestFirst);
      return newestFirst;
    }
    List<PermissionDecision> all = audit.session(sessionId);
    return all.subList(Math.max(0, all.size() - limit), all.size());
  }

  /** The session id itself, or the one id among the audited sessions that starts with it. */
  private static String sessionId(DecisionAuditLog audit, String given) {
    if (!audit.session(given).isEmpty()) {
      return given;
    }
    List<String> matches =
        audit.recent(PREFIX_SEARCH).stream()
            .map(PermissionDecision::sessionId)
            .filter(id -> id.startsWith(given))
            .distinct()
            .toList();
    if (matches.size() > 1) {
      throw new InvalidInputException(
          "--session " + given + " matches " + matches.size() + " sessions.",
          "Give more of the id: "
              + String.join(", ", matches.subList(0, Math.min(5, matches.size())))
              + ".");
    }
    return matches.isEmpty() ? given : matches.get(0);
  }

  private static Map<String, Object> jsonRow(PermissionDecision d) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("time", d.time().toString());
    row.put("session", d.sessionId());
    row.put("tool", d.tool());
    row.put("risk", d.risk().name().toLowerCase(Locale.ROOT));
    row.put("decision", words(d.answer().name()));
    row.put("allowed", d.allowed());
    row.put("rule", d.rule());
    row.put("arguments", d.arguments());
    return row;
  }

  private static String words(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String shorten(String text, int max, String ellipsis) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() <= max ? line : line.substring(0, max - ellipsis.length()) + ellipsis;
  }
}
