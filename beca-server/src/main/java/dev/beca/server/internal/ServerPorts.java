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
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What the server was handed; every port but the tokens, the audit, the clock and the project root
 * may be {@code null}, and a route whose ports are missing is not registered (nor documented).
 */
public record ServerPorts(
    ApiTokens tokens,
    DecisionAuditLog audit,
    SessionStore sessions,
    MessageStore messages,
    ThreadStore threads,
    HistorySearch search,
    Assistant assistant,
    ThreadSummarizer summarizer,
    ModelGateway gateway,
    Supplier<List<ModelInfo>> modelList,
    Supplier<List<ServerHealth>> modelHealth,
    BenchmarkStore benchmarks,
    SecurityAlertStore alerts,
    ModelErrorLog modelErrors,
    Supplier<RateLimits> limitsPerToken,
    Clock clock,
    ModelControl modelControl,
    BenchmarkRunner benchmarkRunner,
    BiFunction<BenchmarkResult, BenchmarkResult, Object> benchmarkComparison,
    FolderScanner secretScanner,
    LessonStore lessons,
    PatternStore patterns,
    Path projectRoot,
    MetricHistory metricHistory,
    MonitoringAlerts monitoringAlerts,
    Supplier<List<ModelServerLoad>> modelServerLoad,
    MonitoringSettings monitoring,
    Improvements improvements,
    PermissionPolicy operationsPolicy,
    ApiApprovals approvals,
    AgentRegistry agents) {}
