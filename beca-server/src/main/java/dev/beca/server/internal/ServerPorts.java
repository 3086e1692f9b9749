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
import dev.beca.core.limits.RateLimits;
import dev.beca.core.memory.ThreadSummarizer;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ServerHealth;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.secrets.SecurityAlertStore;
import dev.beca.server.approvals.ApiApprovals;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the server was handed; every port but the tokens and the audit may be {@code null}, and a
 * route whose ports are missing is not registered (nor documented).
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
    Improvements improvements,
    PermissionPolicy operationsPolicy,
    ApiApprovals approvals,
    AgentRegistry agents) {}
