package dev.beca.server.internal;

import dev.beca.core.access.ApiTokens;
import dev.beca.core.agent.AgentRegistry;
import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.conversation.HistorySearch;
import dev.beca.core.conversation.MessageStore;
import dev.beca.core.conversation.SessionStore;
import dev.beca.core.conversation.ThreadStore;
import dev.beca.core.improve.Improvements;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.PatternStore;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.memory.ThreadSummarizer;
import dev.beca.core.model.ModelControl;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelServerLoad;
import dev.beca.core.model.ServerHealth;
import dev.beca.core.monitoring.MetricHistory;
import dev.beca.core.monitoring.MonitoringAlerts;
import dev.beca.core.monitoring.MonitoringSettings;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.BenchmarkRunner;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.secrets.FolderScanner;
import dev.beca.core.secrets.SecurityAlertStore;
import dev.beca.server.approvals.ApiApprovals;
import dev.beca.server.benchmark.RevisionComparison;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What the server was handed, by name: built with {@link #builder()} and its named setters, so
 * adding a port touches no other port's line. Every port but the tokens, the audit and the clock
 * may be {@code null} (the project root too, for harnesses that serve no file routes), and a route
 * whose ports are missing is not registered (nor documented).
 */
public final class ServerPorts {

  private final ApiTokens tokens;
  private final DecisionAuditLog audit;
  private final SessionStore sessions;
  private final MessageStore messages;
  private final ThreadStore threads;
  private final HistorySearch search;
  private final Assistant assistant;
  private final ThreadSummarizer summarizer;
  private final ModelGateway gateway;
  private final Supplier<List<ModelInfo>> modelList;
  private final Supplier<List<ServerHealth>> modelHealth;
  private final BenchmarkStore benchmarks;
  private final SecurityAlertStore alerts;
  private final ModelErrorLog modelErrors;
  private final Supplier<RateLimits> limitsPerToken;
  private final Clock clock;
  private final ModelControl modelControl;
  private final BenchmarkRunner benchmarkRunner;
  private final BiFunction<BenchmarkResult, BenchmarkResult, Object> benchmarkComparison;
  private final RevisionComparison revisionComparison;
  private final FolderScanner secretScanner;
  private final LessonStore lessons;
  private final PatternStore patterns;
  private final Path projectRoot;
  private final MetricHistory metricHistory;
  private final MonitoringAlerts monitoringAlerts;
  private final Supplier<List<ModelServerLoad>> modelServerLoad;
  private final MonitoringSettings monitoring;
  private final Improvements improvements;
  private final PermissionPolicy operationsPolicy;
  private final ApiApprovals approvals;
  private final AgentRegistry agents;

  private ServerPorts(Builder b) {
    this.tokens = b.tokens;
    this.audit = b.audit;
    this.sessions = b.sessions;
    this.messages = b.messages;
    this.threads = b.threads;
    this.search = b.search;
    this.assistant = b.assistant;
    this.summarizer = b.summarizer;
    this.gateway = b.gateway;
    this.modelList = b.modelList;
    this.modelHealth = b.modelHealth;
    this.benchmarks = b.benchmarks;
    this.alerts = b.alerts;
    this.modelErrors = b.modelErrors;
    this.limitsPerToken = b.limitsPerToken;
    this.clock = b.clock;
    this.modelControl = b.modelControl;
    this.benchmarkRunner = b.benchmarkRunner;
    this.benchmarkComparison = b.benchmarkComparison;
    this.revisionComparison = b.revisionComparison;
    this.secretScanner = b.secretScanner;
    this.lessons = b.lessons;
    this.patterns = b.patterns;
    this.projectRoot = b.projectRoot;
    this.metricHistory = b.metricHistory;
    this.monitoringAlerts = b.monitoringAlerts;
    this.modelServerLoad = b.modelServerLoad;
    this.monitoring = b.monitoring;
    this.improvements = b.improvements;
    this.operationsPolicy = b.operationsPolicy;
    this.approvals = b.approvals;
    this.agents = b.agents;
  }

  /** A builder with the clock set to {@link Clock#systemUTC()} and every other port empty. */
  public static Builder builder() {
    return new Builder();
  }

  public ApiTokens tokens() {
    return tokens;
  }

  public DecisionAuditLog audit() {
    return audit;
  }

  public SessionStore sessions() {
    return sessions;
  }

  public MessageStore messages() {
    return messages;
  }

  public ThreadStore threads() {
    return threads;
  }

  public HistorySearch search() {
    return search;
  }

  public Assistant assistant() {
    return assistant;
  }

  public ThreadSummarizer summarizer() {
    return summarizer;
  }

  public ModelGateway gateway() {
    return gateway;
  }

  public Supplier<List<ModelInfo>> modelList() {
    return modelList;
  }

  public Supplier<List<ServerHealth>> modelHealth() {
    return modelHealth;
  }

  public BenchmarkStore benchmarks() {
    return benchmarks;
  }

  public SecurityAlertStore alerts() {
    return alerts;
  }

  public ModelErrorLog modelErrors() {
    return modelErrors;
  }

  public Supplier<RateLimits> limitsPerToken() {
    return limitsPerToken;
  }

  public Clock clock() {
    return clock;
  }

  public ModelControl modelControl() {
    return modelControl;
  }

  public BenchmarkRunner benchmarkRunner() {
    return benchmarkRunner;
  }

  public BiFunction<BenchmarkResult, BenchmarkResult, Object> benchmarkComparison() {
    return benchmarkComparison;
  }

  public RevisionComparison revisionComparison() {
    return revisionComparison;
  }

  public FolderScanner secretScanner() {
    return secretScanner;
  }

  public LessonStore lessons() {
    return lessons;
  }

  public PatternStore patterns() {
    return patterns;
  }

  public Path projectRoot() {
    return projectRoot;
  }

  public MetricHistory metricHistory() {
    return metricHistory;
  }

  public MonitoringAlerts monitoringAlerts() {
    return monitoringAlerts;
  }

  public Supplier<List<ModelServerLoad>> modelServerLoad() {
    return modelServerLoad;
  }

  public MonitoringSettings monitoring() {
    return monitoring;
  }

  public Improvements improvements() {
    return improvements;
  }

  public PermissionPolicy operationsPolicy() {
    return operationsPolicy;
  }

  public ApiApprovals approvals() {
    return approvals;
  }

  public AgentRegistry agents() {
    return agents;
  }

  /** Collects the ports by name; a port not set stays {@code null}. */
  public static final class Builder {
    private ApiTokens tokens;
    private DecisionAuditLog audit;
    private SessionStore sessions;
    private MessageStore messages;
    private ThreadStore threads;
    private HistorySearch search;
    private Assistant assistant;
    private ThreadSummarizer summarizer;
    private ModelGateway gateway;
    private Supplier<List<ModelInfo>> modelList;
    private Supplier<List<ServerHealth>> modelHealth;
    private BenchmarkStore benchmarks;
    private SecurityAlertStore alerts;
    private ModelErrorLog modelErrors;
    private Supplier<RateLimits> limitsPerToken;
    private Clock clock = Clock.systemUTC();
    private ModelControl modelControl;
    private BenchmarkRunner benchmarkRunner;
    private BiFunction<BenchmarkResult, BenchmarkResult, Object> benchmarkComparison;
    private RevisionComparison revisionComparison;
    private FolderScanner secretScanner;
    private LessonStore lessons;
    private PatternStore patterns;
    private Path projectRoot;
    private MetricHistory metricHistory;
    private MonitoringAlerts monitoringAlerts;
    private Supplier<List<ModelServerLoad>> modelServerLoad;
    private MonitoringSettings monitoring;
    private Improvements improvements;
    private PermissionPolicy operationsPolicy;
    private ApiApprovals approvals;
    private AgentRegistry agents;

    private Builder() {}

    public Builder tokens(ApiTokens tokens) {
      this.tokens = tokens;
      return this;
    }

    public Builder audit(DecisionAuditLog audit) {
      this.audit = audit;
      return this;
    }

    public Builder sessions(SessionStore sessions) {
      this.sessions = sessions;
      return this;
    }

    public Builder messages(MessageStore messages) {
      this.messages = messages;
      return this;
    }

    public Builder threads(ThreadStore threads) {
      this.threads = threads;
      return this;
    }

    public Builder search(HistorySearch search) {
      this.search = search;
      return this;
    }

    public Builder assistant(Assistant assistant) {
      this.assistant = assistant;
      return this;
    }

    public Builder summarizer(ThreadSummarizer summarizer) {
      this.summarizer = summarizer;
      return this;
    }

    public Builder gateway(ModelGateway gateway) {
      this.gateway = gateway;
      return this;
    }

    public Builder modelList(Supplier<List<ModelInfo>> modelList) {
      this.modelList = modelList;
      return this;
    }

    public Builder modelHealth(Supplier<List<ServerHealth>> modelHealth) {
      this.modelHealth = modelHealth;
      return this;
    }

    public Builder benchmarks(BenchmarkStore benchmarks) {
      this.benchmarks = benchmarks;
      return this;
    }

    public Builder alerts(SecurityAlertStore alerts) {
      this.alerts = alerts;
      return this;
    }

    public Builder modelErrors(ModelErrorLog modelErrors) {
      this.modelErrors = modelErrors;
      return this;
    }

    public Builder limitsPerToken(Supplier<RateLimits> limitsPerToken) {
      this.limitsPerToken = limitsPerToken;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder modelControl(ModelControl modelControl) {
      this.modelControl = modelControl;
      return this;
    }

    public Builder benchmarkRunner(BenchmarkRunner benchmarkRunner) {
      this.benchmarkRunner = benchmarkRunner;
      return this;
    }

    public Builder benchmarkComparison(
        BiFunction<BenchmarkResult, BenchmarkResult, Object> benchmarkComparison) {
      this.benchmarkComparison = benchmarkComparison;
      return this;
    }

    public Builder revisionComparison(RevisionComparison revisionComparison) {
      this.revisionComparison = revisionComparison;
      return this;
    }

    public Builder secretScanner(FolderScanner secretScanner) {
      this.secretScanner = secretScanner;
      return this;
    }

    public Builder lessons(LessonStore lessons) {
      this.lessons = lessons;
      return this;
    }

    public Builder patterns(PatternStore patterns) {
      this.patterns = patterns;
      return this;
    }

    public Builder projectRoot(Path projectRoot) {
      this.projectRoot = projectRoot;
      return this;
    }

    public Builder metricHistory(MetricHistory metricHistory) {
      this.metricHistory = metricHistory;
      return this;
    }

    public Builder monitoringAlerts(MonitoringAlerts monitoringAlerts) {
      this.monitoringAlerts = monitoringAlerts;
      return this;
    }

    public Builder modelServerLoad(Supplier<List<ModelServerLoad>> modelServerLoad) {
      this.modelServerLoad = modelServerLoad;
      return this;
    }

    public Builder monitoring(MonitoringSettings monitoring) {
      this.monitoring = monitoring;
      return this;
    }

    public Builder improvements(Improvements improvements) {
      this.improvements = improvements;
      return this;
    }

    public Builder operationsPolicy(PermissionPolicy operationsPolicy) {
      this.operationsPolicy = operationsPolicy;
      return this;
    }

    public Builder approvals(ApiApprovals approvals) {
      this.approvals = approvals;
      return this;
    }

    public Builder agents(AgentRegistry agents) {
      this.agents = agents;
      return this;
    }

    /**
     * The ports.
     *
     * @throws IllegalStateException when the tokens, the audit or the clock are missing
     */
    public ServerPorts build() {
      if (tokens == null) {
        throw new IllegalStateException("tokens must be set: the server lets nobody in without");
      }
      if (audit == null) {
        throw new IllegalStateException("audit must be set: access is audited");
      }
      if (clock == null) {
        throw new IllegalStateException("clock must be set: audit entries and windows need it");
      }
      return new ServerPorts(this);
    }
  }
}
