package dev.beca.app.internal;

import dev.beca.core.access.ApiTokens;
import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.conversation.HistorySearch;
import dev.beca.core.conversation.MessageStore;
import dev.beca.core.conversation.SessionStore;
import dev.beca.core.conversation.ThreadStore;
import dev.beca.core.improve.ImprovementArchive;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.PatternStore;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelVersionStore;
import dev.beca.core.monitoring.MetricHistory;
import dev.beca.core.monitoring.MonitoringAlerts;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.secrets.SecurityAlertStore;
import java.time.Duration;

/**
 * The knowledge base as the commands see it: beca-core's store interfaces only, so another store
 * can be wired in {@link Startup} (which adapts BECA's SQLite file, the one store the app ships
 * with) without touching a command.
 */
interface KnowledgeBase extends AutoCloseable {

  /** The append-only message history. */
  MessageStore messages();

  /** The sessions. */
  SessionStore sessions();

  /** Threads and their summaries. */
  ThreadStore threads();

  /** Keyword, semantic and hybrid search over the history. */
  HistorySearch search();

  /** Benchmark results, trends and the learning queue. */
  BenchmarkStore benchmarks();

  /** The secrets found on the write paths (fingerprints only). */
  SecurityAlertStore securityAlerts();

  /** Which model plays which role. */
  ModelVersionStore modelVersions();

  /** Failures of model calls. */
  ModelErrorLog modelErrors();

  /** The audit of the assistant's tool calls: every permission decision. */
  DecisionAuditLog decisionAudit();

  /** The patterns learned: solutions, and what repositories are built with. */
  PatternStore patterns();

  /** Lessons learned. */
  LessonStore lessons();

  /** The self-improvement engine's archive of runs, proposals and evaluation steps. */
  ImprovementArchive improvements();

  /** Where the knowledge base lives, for messages (e.g. the database file). */
  /** The API tokens of {@code beca serve}. */
  ApiTokens apiTokens();

  String location();

  /**
   * Waits until every stored message is indexed for semantic search.
   *
   * @param timeout how long to wait at most
   * @return whether all were indexed in time; {@code false} when semantic indexing is off
   */
  boolean awaitEmbeddings(Duration timeout);

  /** The monitoring series of {@code beca serve}, downsampled. */
  MetricHistory metricHistory();

  /** The threshold alerts of {@code beca serve}: each raise and clear. */
  MonitoringAlerts monitoringAlerts();

  /** Releases the store; it must not be used afterwards. */
  @Override
  void close();
}
