package dev.beca.app.internal;

import dev.beca.benchmark.BenchmarkTools;
import dev.beca.benchmark.CodeBenchmark;
import dev.beca.benchmark.ProgressTracker;
import dev.beca.benchmark.SecretTreeScanner;
import dev.beca.core.BecaException;
import dev.beca.core.agent.AgentTool;
import dev.beca.core.agent.AnnotatedTools;
import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.CommandSandbox;
import dev.beca.core.agent.CommandSettings;
import dev.beca.core.agent.GitTools;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ProjectCommandTools;
import dev.beca.core.agent.ProjectFileTools;
import dev.beca.core.agent.ProjectHistory;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.RiskClassifier;
import dev.beca.core.agent.RuleScope;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.learning.LessonTools;
import dev.beca.core.learning.PatternTools;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.memory.ConversationTools;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.secrets.SecretTools;
import dev.beca.models.ModelTools;
import dev.beca.selfimprove.JGitProjectHistory;
import dev.beca.server.mcp.McpClientTools;
import dev.beca.server.mcp.McpServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assistant's tools for {@code beca chat}: the project, the approval mode, the policy files
 * (the user's in the data directory, the project's in {@code .beca/policy.toml}), the command
 * sandbox, the git history when the project is a repository, the audit and the secret filter, all
 * through one {@link ToolRunner}.
 */
final class ChatAgent implements AutoCloseable {

  /**
   * How long a terminal question may wait: the person answers at the prompt, so this only bounds a
   * question nobody reads.
   */
  static final Duration TERMINAL_ANSWER_TIMEOUT = Duration.ofHours(12);

  /** The user's policy file, in the data directory. */
  static final String USER_POLICY_FILE = "policy.toml";

  /** The project's policy file, relative to its root. */
  static final String PROJECT_POLICY_FILE = ".beca/policy.toml";

  /** The external MCP servers whose tools the agent may use, in the data directory. */
  static final String MCP_SERVERS_FILE = "mcp.toml";

  /** How long an external MCP server may take to start, and each of its calls. */
  static final Duration MCP_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(ChatAgent.class);

  private final ProjectRoot root;
  private final ApprovalMode mode;
  // Found on first use, not at start: a chat given no input needs neither (the sandbox probe
  // starts a process, the repository loads JGit).
  private CommandSandbox sandbox;
  private JGitProjectHistory history;
  private boolean historyLooked;
  private final List<McpClientTools> external = new ArrayList<>();

  private ChatAgent(ProjectRoot root, ApprovalMode mode) {
    this.root = root;
    this.mode = mode;
  }

  /**
   * Checks the project folder; the sandbox and the git history are found when first needed.
   *
   * @throws dev.beca.core.InvalidInputException when the folder does not exist (exit code 2)
   */
  static ChatAgent of(Path project, ApprovalMode mode) {
    return new ChatAgent(ProjectRoot.of(project), mode);
  }

  /** The project's root. */
  ProjectRoot root() {
    return root;
  }

  /** The project's git history, when it is a repository (opened on the first call). */
  synchronized Optional<ProjectHistory> history() {
    if (!historyLooked) {
      historyLooked = true;
      try {
        history = JGitProjectHistory.open(root.path());
      } catch (BecaException e) {
        LOG.info("No git tools for {}: {}", root.path(), e.getMessage());
      }
    }
    return Optional.<ProjectHistory>ofNullable(history);
  }

  private synchronized CommandSandbox sandbox() {
    if (sandbox == null) {
      sandbox = CommandSandbox.detect();
    }
    return sandbox;
  }

  /** One line for the chat's greeting: project, mode, sandbox, git. */
  String describe() {
    return "Tools on "
        + root.path()
        + " (approval: "
        + mode.name().toLowerCase(Locale.ROOT).replace('_', '-')
        + "; commands: "
        + sandbox().notice().orElse("in a bubblewrap sandbox")
        + "; git: "
        + (history().isEmpty() ? "none" : "yes")
        + ").";
  }

  /**
   * The runner for one session's tool calls.
   *
   * @param app the opened application (data directory)
   * @param knowledgeBase the audit and alert stores
   * @param sessionId the session (named in commit trailers)
   * @param approvals who answers when the policy asks
   * @param limits the rate limits of commands and benchmark runs
   * @param env the environment (the benchmark's Python interpreters)
   */
  ToolRunner runner(
      AppContext app,
      KnowledgeBase knowledgeBase,
      String sessionId,
      PendingApprovals approvals,
      RateLimits limits,
      Map<String, String> env,
      Consumer<String> problems) {
    List<AgentTool> tools = new ArrayList<>(ProjectFileTools.create(root));
    // BECA's own data (the knowledge base, the log) is hidden from commands in the sandbox.
    CommandSettings commands = CommandSettings.builder().hiddenPath(app.dataDirectory()).build();
    tools.addAll(ProjectCommandTools.create(root, sandbox(), commands));
    history().ifPresent(h -> tools.addAll(GitTools.create(h, sessionId)));
    tools.addAll(ownTools(app, knowledgeBase, env));
    tools.addAll(externalTools(app, problems));
    return runner(tools, app, knowledgeBase, approvals, limits);
  }

  /**
   * The runner of BECA's own tools only (memory, models, secrets, benchmark), for {@code beca mcp}:
   * another agent has its own file tools.
   */
  ToolRunner ownToolsRunner(
      AppContext app,
      KnowledgeBase knowledgeBase,
      PendingApprovals approvals,
      RateLimits limits,
      Map<String, String> env) {
    return runner(ownTools(app, knowledgeBase, env), app, knowledgeBase, approvals, limits);
  }

  /**
   * The tools of the external MCP servers listed in {@code mcp.toml} in the data directory, started
   * now and stopped by {@link #close()}.
   */
  private List<AgentTool> externalTools(AppContext app, Consumer<String> problems) {
    List<McpServerConfig> servers =
        McpServerConfig.load(app.dataDirectory().resolve(MCP_SERVERS_FILE));
    if (servers.isEmpty()) {
      return List.of();
    }
    McpClientTools connected = McpClientTools.connect(servers, MCP_TIMEOUT, problems);
    synchronized (this) {
      external.add(connected);
    }
    return connected.tools();
  }

  private ToolRunner runner(
      List<AgentTool> tools,
      AppContext app,
      KnowledgeBase knowledgeBase,
      PendingApprovals approvals,
      RateLimits limits) {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(mode)
            .rulesFrom(app.dataDirectory().resolve(USER_POLICY_FILE), RuleScope.USER)
            .rulesFrom(root.path().resolve(PROJECT_POLICY_FILE), RuleScope.PROJECT)
            .build();
    return ToolRunner.builder()
        .tools(tools)
        .classifier(new RiskClassifier(root, sandbox()))
        .policy(policy)
        .approvals(approvals)
        .audit(knowledgeBase.decisionAudit())
        .scanner(SecretScanner.standard())
        .alerts(knowledgeBase.securityAlerts())
        .rateLimits(limits)
        .build();
  }

  /**
   * BECA's own tools beside the project's: the conversation memory, the models, the secret scanner
   * and the code benchmark, each method classified by the effect it declares ({@link
   * AnnotatedTools}).
   */
  private List<AgentTool> ownTools(
      AppContext app, KnowledgeBase knowledgeBase, Map<String, String> env) {
    List<AgentTool> tools = new ArrayList<>();
    tools.addAll(
        AnnotatedTools.from(
            new ConversationTools(knowledgeBase.threads(), knowledgeBase.search()), root));
    tools.addAll(PatternTools.create(knowledgeBase.patterns()));
    tools.addAll(AnnotatedTools.from(new LessonTools(knowledgeBase.lessons()), root));
    tools.addAll(AnnotatedTools.from(new ModelTools(app.models().catalog()), root));
    SecretTreeScanner tree = SecretTreeScanner.builder().build();
    tools.addAll(
        AnnotatedTools.secretTools(
            new SecretTools(
                SecretScanner.standard(),
                knowledgeBase.securityAlerts(),
                path -> tree.scanTree(path).findings()),
            root));
    CodeBenchmark benchmark =
        BenchmarkCommand.codeBenchmark(
            knowledgeBase.benchmarks(),
            env,
            app.dataDirectory(),
            CodeBenchmark.DEFAULT_TIMEOUT,
            false);
    tools.addAll(AnnotatedTools.from(new BenchmarkTools(benchmark, new ProgressTracker()), root));
    return tools;
  }

  /** Closes the git repository, if one was opened, and stops the external MCP servers. */
  @Override
  public synchronized void close() {
    external.forEach(McpClientTools::close);
    external.clear();
    if (history != null) {
      history.close();
    }
  }
}
