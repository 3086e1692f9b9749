package dev.beca.core.agent;

import dev.beca.core.BecaException;
import dev.beca.core.limits.LimitedOperation;
import dev.beca.core.limits.RateDecision;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.secrets.NewSecurityAlert;
import dev.beca.core.secrets.Redaction;
import dev.beca.core.secrets.SecretDetectedException;
import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.SecretGuard;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.secrets.SecurityAlertStore;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path a tool call takes. For the tool name and JSON arguments a model wrote it:
 *
 * <ol>
 *   <li>finds the tool and validates the arguments against its schema;
 *   <li>asks the tool what the call would do and classifies it ({@link RiskClassifier});
 *   <li>refuses a write or command that carries a secret ({@link SecretGuard}, which records an
 *       alert);
 *   <li>decides by the {@link PermissionPolicy}, asking through {@link PendingApprovals} when the
 *       policy says ask (an "always for this session" answer is remembered per session and tool,
 *       never for critical calls);
 *   <li>records the decision in the {@link DecisionAuditLog}, with the arguments redacted; if the
 *       audit cannot be written the call does not run;
 *   <li>for a command, takes a permit from the {@link RateLimits} (over the limit the call is
 *       refused with the wait, audited as denied, and nothing runs);
 *   <li>runs the tool, turning any exception into an error result; {@link #cancelRunning} stops the
 *       running calls of a session;
 *   <li>redacts secrets in the output (recording alerts) and caps it with a note.
 * </ol>
 *
 * <p>Every failure, from an unknown tool to a tool that throws, comes back as a {@link ToolResult}
 * the model can read; this class does not throw for anything a model writes. Thread-safe.
 */
public final class ToolRunner {

  /**
   * Part of the result a tool call gets when the user answered no to it (the call was not run);
   * {@link dev.beca.core.assistant.LessonFeedback} counts such a turn as failed.
   */
  public static final String REFUSED_BY_USER = "the user answered no";

  private static final Logger LOG = LoggerFactory.getLogger(ToolRunner.class);
  private static final int MAX_AUDIT_ARGUMENT_CHARS = 2_000;

  private final Map<String, AgentTool> tools;
  private final RiskClassifier classifier;
  private final PermissionPolicy policy;
  private final PendingApprovals approvals;
  private final DecisionAuditLog audit;
  private final SecretScanner scanner;
  private final SecurityAlertStore alerts;
  private final SecretGuard guard;
  private final Clock clock;
  private final int maxOutputChars;
  private final RateLimits limits;
  private final Set<String> alwaysForSession = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<ToolCancellation>> running = new ConcurrentHashMap<>();

  private ToolRunner(Builder b) {
    this.tools = b.tools;
    this.classifier = b.classifier;
    this.policy = b.policy;
    this.approvals = b.approvals;
    this.audit = b.audit;
    this.scanner = b.scanner;
    this.alerts = b.alerts;
    this.guard = new SecretGuard(b.scanner, b.alerts);
    this.clock = b.clock;
    this.maxOutputChars = b.maxOutputChars;
    this.limits = b.limits;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The specifications of the tools, to offer to the model. */
  public List<ToolSpecification> specifications() {
    return tools.values().stream().map(AgentTool::specification).toList();
  }

  /**
   * Arguments as they may be shown, stored and audited: secrets redacted, shortened to 2,000
   * characters.
   *
   * @param argumentsJson the arguments as the model wrote them (may be null)
   * @return the redacted, shortened form
   */
  public String shownArguments(String argumentsJson) {
    return auditForm(argumentsJson);
  }

  /**
   * Stops the tool calls of a session that are running now (a command and the processes it
   * started); each returns what it has so far, saying it was cancelled. For a front end's Ctrl-C or
   * stop button; calls that start later are not affected.
   *
   * @param sessionId the session
   * @return how many running calls were cancelled (0 when none was running)
   */
  public int cancelRunning(String sessionId) {
    Set<ToolCancellation> calls = running.get(Objects.requireNonNull(sessionId, "sessionId"));
    int n = 0;
    if (calls != null) {
      for (ToolCancellation call : List.copyOf(calls)) {
        if (call.cancel()) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Stops the running tool calls of every session, as {@link #cancelRunning(String)} (at shutdown).
   *
   * @return how many running calls were cancelled
   */
  public int cancelAllRunning() {
    return running.keySet().stream().mapToInt(this::cancelRunning).sum();
  }

  /**
   * Runs one tool call.
   *
   * @param sessionId the session the call belongs to
   * @param toolName the tool's name as the model wrote it
   * @param argumentsJson the arguments as the model wrote them
   * @return the result for the model: redacted, capped, an error result for anything that failed
   */
  public ToolResult run(String sessionId, String toolName, String argumentsJson) {
    Objects.requireNonNull(sessionId, "sessionId");
    AgentTool tool = toolName == null ? null : tools.get(toolName.strip());
    if (tool == null) {
      return ToolResult.error(
          "There is no tool named '"
              + toolName
              + "'. The tools are: "
              + String.join(", ", tools.keySet())
              + ".");
    }
    String name = tool.name();
    ToolArguments arguments;
    ToolAction action;
    try {
      arguments = ToolArguments.parse(tool.specification(), argumentsJson);
      action = tool.describe(arguments).normalised(classifier.root());
    } catch (BecaException e) {
      return ToolResult.error(e.getMessage());
    }
    String shownArguments = auditForm(argumentsJson);
    RiskAssessment risk = classifier.classify(action);
    try {
      checkSecrets(action);
    } catch (SecretDetectedException e) {
      if (!record(
          sessionId,
          name,
          shownArguments,
          risk,
          "secret filter: " + e.problem(),
          DecisionAnswer.REFUSED_SECRET)) {
        return auditFailed(name);
      }
      return ToolResult.error(e.getMessage());
    }
    PolicyDecision decision = policy.decide(name, action, risk);
    LimitedOperation limited =
        switch (action.kind()) {
          case COMMAND -> LimitedOperation.COMMAND;
          case PROJECT_TOOLS -> LimitedOperation.BENCHMARK_RUN;
          default -> null;
        };
    if (limited != null && decision.effect() != PolicyEffect.DENY) {
      // Refuse before asking anybody when there is no room anyway.
      RateDecision room = limits.check(limited);
      if (!room.permitted()) {
        return rateLimited(sessionId, name, shownArguments, risk, room);
      }
    }
    String rule = decision.rule() + " [" + risk.reason() + "]";
    DecisionAnswer answer =
        switch (decision.effect()) {
          case ALLOW -> DecisionAnswer.ALLOWED_BY_POLICY;
          case DENY -> DecisionAnswer.DENIED_BY_POLICY;
          case ASK -> null;
        };
    String noAnswerReason = "";
    if (answer == null) {
      String key = sessionId + '\0' + name;
      if (risk.level() != RiskLevel.CRITICAL && alwaysForSession.contains(key)) {
        answer = DecisionAnswer.APPROVED_FOR_SESSION;
      } else {
        ApprovalOutcome outcome =
            approvals.ask(
                new ApprovalRequest(
                    UUID.randomUUID().toString(),
                    sessionId,
                    name,
                    shownArguments,
                    risk,
                    decision.rule(),
                    clock.instant()));
        answer =
            outcome
                .answer()
                .map(
                    a ->
                        switch (a) {
                          case YES -> DecisionAnswer.APPROVED;
                          case NO -> DecisionAnswer.REFUSED;
                          case ALWAYS_FOR_SESSION -> DecisionAnswer.APPROVED_FOR_SESSION;
                        })
                .orElse(DecisionAnswer.UNANSWERED);
        if (outcome.answer().orElse(null) == ApprovalAnswer.ALWAYS_FOR_SESSION
            && risk.level() != RiskLevel.CRITICAL) {
          alwaysForSession.add(key);
        }
        noAnswerReason = outcome.reason();
        if (answer == DecisionAnswer.UNANSWERED) {
          rule = rule + "; " + noAnswerReason;
        }
      }
    }
    if (answer.allowed() && limited != null) {
      RateDecision permit = limits.tryAcquire(limited);
      if (!permit.permitted()) {
        return rateLimited(sessionId, name, shownArguments, risk, permit);
      }
    }
    if (!record(sessionId, name, shownArguments, risk, rule, answer)) {
      return auditFailed(name);
    }
    if (!answer.allowed()) {
      return ToolResult.error(denial(name, action, risk, decision, answer, noAnswerReason));
    }
    ToolResult result;
    ToolCancellation cancellation = new ToolCancellation();
    running.compute(
        sessionId,
        (k, calls) -> {
          Set<ToolCancellation> set = calls == null ? ConcurrentHashMap.newKeySet() : calls;
          set.add(cancellation);
          return set;
        });
    try {
      result = tool.execute(arguments, cancellation);
    } catch (BecaException e) {
      result = ToolResult.error(e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("The tool {} failed", name, e);
      result =
          ToolResult.error(
              "The tool "
                  + name
                  + " failed ("
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage())
                  + "). Try different arguments or another tool.");
    } finally {
      running.computeIfPresent(
          sessionId,
          (k, calls) -> {
            calls.remove(cancellation);
            return calls.isEmpty() ? null : calls;
          });
    }
    return capped(redacted(name, action, result));
  }

  /**
   * A call refused by a rate limit: audited as denied by policy with the limit as the rule, and an
   * error saying how long to wait.
   */
  private ToolResult rateLimited(
      String sessionId,
      String name,
      String shownArguments,
      RiskAssessment risk,
      RateDecision refusal) {
    if (!record(
        sessionId,
        name,
        shownArguments,
        risk,
        "rate limit: "
            + refusal.limit()
            + "; retry after "
            + refusal.retryAfter().toSeconds()
            + " s",
        DecisionAnswer.DENIED_BY_POLICY)) {
      return auditFailed(name);
    }
    return ToolResult.error(
        refusal.message() + " Do something else meanwhile, or tell the user about the wait.");
  }

  private void checkSecrets(ToolAction action) {
    if (action.content().isPresent()) {
      guard.checkFileWrite(
          action.paths().isEmpty() ? "file" : action.paths().get(0),
          action.content().get(),
          SecretGuard.Permission.REFUSE_SECRETS);
    }
    if (action.command().isPresent()) {
      guard.checkCommand(List.of(action.command().get()), SecretGuard.Permission.REFUSE_SECRETS);
    }
  }

  private boolean record(
      String sessionId,
      String tool,
      String arguments,
      RiskAssessment risk,
      String rule,
      DecisionAnswer answer) {
    try {
      audit.record(
          new PermissionDecision(
              sessionId, tool, arguments, risk.level(), rule, answer, clock.instant()));
      return true;
    } catch (BecaException e) {
      LOG.error("Could not record the permission decision for {}; the call does not run", tool, e);
      return false;
    }
  }

  private static ToolResult auditFailed(String tool) {
    return ToolResult.error(
        "The call of "
            + tool
            + " did not run: its permission decision could not be recorded "
            + "in the audit. Tell the user; BECA's log has the cause.");
  }

  private static String denial(
      String tool,
      ToolAction action,
      RiskAssessment risk,
      PolicyDecision decision,
      DecisionAnswer answer,
      String noAnswerReason) {
    String what =
        tool
            + (action.subject().isEmpty() ? "" : " on '" + action.subject() + "'")
            + " ("
            + risk.level().name().toLowerCase(Locale.ROOT)
            + " risk: "
            + risk.reason()
            + ")";
    String why =
        switch (answer) {
          case REFUSED -> REFUSED_BY_USER;
          case UNANSWERED -> "it needed approval and " + noAnswerReason;
          default -> decision.rule();
        };
    return "Denied: "
        + what
        + " was not run because "
        + why
        + ". Do not repeat the call; choose another way "
        + "or ask the user.";
  }

  private String auditForm(String argumentsJson) {
    String text = argumentsJson == null ? "" : argumentsJson;
    String redacted = scanner.redact("tool-arguments", text).text();
    return redacted.length() <= MAX_AUDIT_ARGUMENT_CHARS
        ? redacted
        : redacted.substring(0, MAX_AUDIT_ARGUMENT_CHARS)
            + "... ["
            + redacted.length()
            + " characters]";
  }

  private ToolResult redacted(String tool, ToolAction action, ToolResult result) {
    String source = tool + (action.subject().isEmpty() ? "" : ":" + action.subject());
    Redaction redaction = scanner.redact(source, result.text());
    if (redaction.isClean()) {
      return result;
    }
    for (SecretFinding finding : redaction.findings()) {
      try {
        alerts.record(NewSecurityAlert.of("tool-output", finding));
      } catch (BecaException e) {
        LOG.warn("Could not record a security alert for the output of {}", tool, e);
      }
    }
    int n = redaction.findings().size();
    return result.withText(
        redaction.text()
            + "\n["
            + n
            + (n == 1 ? " secret was" : " secrets were")
            + " redacted from this output]");
  }

  private ToolResult capped(ToolResult result) {
    String text = result.text();
    if (text.length() <= maxOutputChars) {
      return result;
    }
    return result.withText(
        text.substring(0, maxOutputChars)
            + "\n[output cut: "
            + maxOutputChars
            + " of "
            + text.length()
            + " characters shown; narrow the request to see the rest]");
  }

  /** Builds a {@link ToolRunner}; every part but the clock and the output cap is required. */
  public static final class Builder {
    private final Map<String, AgentTool> tools = new LinkedHashMap<>();
    private RiskClassifier classifier;
    private PermissionPolicy policy;
    private PendingApprovals approvals;
    private DecisionAuditLog audit;
    private SecretScanner scanner;
    private SecurityAlertStore alerts;
    private Clock clock = Clock.systemUTC();
    private int maxOutputChars = 16_000;
    private RateLimits limits = RateLimits.unlimited();

    private Builder() {}

    /** Adds tools; names must be unique. */
    public Builder tools(List<? extends AgentTool> values) {
      for (AgentTool tool : Objects.requireNonNull(values, "tools")) {
        if (tools.putIfAbsent(tool.name(), tool) != null) {
          throw new IllegalArgumentException("tools: two tools are named " + tool.name());
        }
      }
      return this;
    }

    /** The risk classifier of the project. */
    public Builder classifier(RiskClassifier value) {
      this.classifier = Objects.requireNonNull(value, "classifier");
      return this;
    }

    /** The permission policy. */
    public Builder policy(PermissionPolicy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /** Where calls that need approval wait. */
    public Builder approvals(PendingApprovals value) {
      this.approvals = Objects.requireNonNull(value, "approvals");
      return this;
    }

    /** Where decisions are recorded. */
    public Builder audit(DecisionAuditLog value) {
      this.audit = Objects.requireNonNull(value, "audit");
      return this;
    }

    /** The secret scanner for inputs, outputs and audited arguments. */
    public Builder scanner(SecretScanner value) {
      this.scanner = Objects.requireNonNull(value, "scanner");
      return this;
    }

    /** Where secrets found in inputs and outputs are recorded as alerts. */
    public Builder alerts(SecurityAlertStore value) {
      this.alerts = Objects.requireNonNull(value, "alerts");
      return this;
    }

    /** The clock of decisions and requests; default the system's UTC clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The most characters of output the model sees from one call; default 16,000. */
    public Builder maxOutputChars(int value) {
      if (value < 100) {
        throw new IllegalArgumentException("maxOutputChars must be at least 100, was " + value);
      }
      this.maxOutputChars = value;
      return this;
    }

    /**
     * The rate limits; {@link LimitedOperation#COMMAND} limits calls whose action is a command,
     * {@link LimitedOperation#BENCHMARK_RUN} those that run the project's tools. Default: no
     * limits.
     */
    public Builder rateLimits(RateLimits value) {
      this.limits = Objects.requireNonNull(value, "rateLimits");
      return this;
    }

    /** The runner. */
    public ToolRunner build() {
      require(classifier, "classifier");
      require(policy, "policy");
      require(approvals, "approvals");
      require(audit, "audit");
      require(scanner, "scanner");
      require(alerts, "alerts");
      if (tools.isEmpty()) {
        throw new IllegalStateException("tools: give at least one tool");
      }
      return new ToolRunner(this);
    }

    private static void require(Object value, String field) {
      if (value == null) {
        throw new IllegalStateException(field + " is required");
      }
    }
  }
}
