package dev.beca.memory;

import dev.beca.core.access.ApiTokens;
import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.conversation.HistorySearch;
import dev.beca.core.conversation.MessageStore;
import dev.beca.core.conversation.SessionExpiry;
import dev.beca.core.conversation.SessionStore;
import dev.beca.core.conversation.ThreadStore;
import dev.beca.core.conversation.TokenEstimator;
import dev.beca.core.improve.ImprovementArchive;
import dev.beca.core.learning.LessonMatcher;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.learning.PatternStore;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelVersionStore;
import dev.beca.core.monitoring.MetricHistory;
import dev.beca.core.monitoring.MetricRetention;
import dev.beca.core.monitoring.MonitoringAlerts;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.secrets.SecurityAlertStore;
import dev.beca.memory.internal.DaemonThreads;
import dev.beca.memory.internal.EmbeddingIndexer;
import dev.beca.memory.internal.LazyMiniLmEmbeddingModel;
import dev.beca.memory.internal.QueryEmbeddingCache;
import dev.beca.memory.internal.SqliteApiTokens;
import dev.beca.memory.internal.SqliteBenchmarkStore;
import dev.beca.memory.internal.SqliteDatabase;
import dev.beca.memory.internal.SqliteDecisionAuditLog;
import dev.beca.memory.internal.SqliteHistorySearch;
import dev.beca.memory.internal.SqliteImprovementArchive;
import dev.beca.memory.internal.SqliteLessonStore;
import dev.beca.memory.internal.SqliteMessageStore;
import dev.beca.memory.internal.SqliteModelErrorLog;
import dev.beca.memory.internal.SqliteModelVersionStore;
import dev.beca.memory.internal.SqliteMonitoringStore;
import dev.beca.memory.internal.SqlitePatternStore;
import dev.beca.memory.internal.SqliteSecurityAlertStore;
import dev.beca.memory.internal.SqliteSessionStore;
import dev.beca.memory.internal.SqliteThreadStore;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BECA's knowledge base in one SQLite file, with a store for each kind of record.
 *
 * <pre>{@code
 * try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder()
 *     .dataDirectory(Path.of(System.getProperty("user.home"), ".beca"))
 *     .open()) {
 *   Session session = kb.sessions().create("refactoring");
 *   kb.messages().append(NewMessage.user(session.id(), "Hello"));
 * }
 * }</pre>
 *
 * <p>Opening creates the file and its folder when missing and migrates the schema in place. The
 * stores are thread-safe and stay usable until {@link #close()}. Embeddings of new messages are
 * computed by a background thread (all-MiniLM-L6-v2 in process by default), which starts with the
 * first append or {@link #awaitEmbeddings} and then also embeds any older message still without a
 * vector; when a session idle timeout is set, a background sweeper expires idle sessions once a
 * minute.
 */
public final class SqliteKnowledgeBase implements AutoCloseable {

  /** The database file's name inside a data directory. */
  public static final String FILE_NAME = "beca.db";

  private static final Logger LOG = LoggerFactory.getLogger(SqliteKnowledgeBase.class);

  private final SqliteDatabase database;
  private final EmbeddingIndexer indexer;
  private final SqliteMessageStore messages;
  private final SqliteSessionStore sessions;
  private final SqliteBenchmarkStore benchmarks;
  private final SqliteSecurityAlertStore securityAlerts;
  private final SqliteThreadStore threads;
  private final SqliteHistorySearch search;
  private final ScheduledExecutorService sweeper;
  private final SqliteModelVersionStore modelVersions;
  private final SqliteModelErrorLog modelErrors;
  private final SqliteDecisionAuditLog decisionAudit;
  private final SqliteApiTokens apiTokens;
  private final SqlitePatternStore patterns;
  private final SqliteLessonStore lessons;
  private final SqliteImprovementArchive improvements;
  private final SqliteMonitoringStore monitoring;

  private SqliteKnowledgeBase(Builder builder) {
    this.database =
        SqliteDatabase.open(
            builder.file, builder.busyTimeout, builder.commitDurability.synchronousPragma());
    this.indexer =
        builder.embeddingModel == null
            ? null
            // One turn's question is embedded once for lesson and history search alike.
            : new EmbeddingIndexer(
                database,
                new QueryEmbeddingCache(builder.embeddingModel),
                builder.embeddingModelKey);
    Runnable afterAppend = indexer == null ? () -> {} : indexer::nudge;
    this.messages =
        new SqliteMessageStore(
            database, builder.clock, builder.secretScanner, builder.tokenEstimator, afterAppend);
    this.sessions = new SqliteSessionStore(database, builder.clock, builder.secretScanner);
    this.benchmarks = new SqliteBenchmarkStore(database, builder.clock);
    this.securityAlerts = new SqliteSecurityAlertStore(database, builder.clock);
    this.threads = new SqliteThreadStore(database, builder.clock, builder.secretScanner);
    this.search = new SqliteHistorySearch(database, indexer);
    this.modelVersions = new SqliteModelVersionStore(database, builder.clock);
    this.modelErrors = new SqliteModelErrorLog(database, builder.clock);
    this.decisionAudit = new SqliteDecisionAuditLog(database, builder.secretScanner);
    this.apiTokens = new SqliteApiTokens(database, builder.clock);
    this.patterns = new SqlitePatternStore(database, builder.clock, builder.secretScanner);
    LessonMatcher matcher =
        (builder.lessonMatcher == null
                ? LessonMatcher.builder()
                : builder.lessonMatcher.toBuilder())
            .embeddingModel(indexer == null ? null : indexer.model())
            .build();
    this.lessons =
        new SqliteLessonStore(
            database,
            builder.clock,
            builder.secretScanner,
            indexer,
            matcher,
            builder.lessonKeywordStems);
    this.improvements = new SqliteImprovementArchive(database, builder.secretScanner);
    this.monitoring = new SqliteMonitoringStore(database, builder.clock, builder.metricRetention);
    // No catch-up run at open: messages stored while no indexer ran are embedded with the next
    // append or awaitEmbeddings (the indexer always starts from the oldest message without a
    // vector). A run started here made every short command wait for it when closing.
    this.sweeper =
        builder.sessionIdleTimeout == null ? null : startSweeper(builder.sessionIdleTimeout);
  }

  private ScheduledExecutorService startSweeper(Duration idle) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("beca-session-sweeper"));
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            var expired = sessions.expireIdle(idle);
            if (!expired.isEmpty()) {
              LOG.info("Expired {} session(s) idle for {}", expired.size(), idle);
            }
          } catch (RuntimeException e) {
            LOG.warn("Session sweep failed; will retry: {}", e.getMessage(), e);
          }
        },
        0,
        1,
        TimeUnit.MINUTES);
    return executor;
  }

  /** A builder; a database file or data directory must be given. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The append-only message history. Every message is redacted by the builder's {@link
   * Builder#secretScanner secret scanner} before it is stored, with an alert recorded in {@link
   * #securityAlerts()} for each secret, in the same transaction.
   */
  public MessageStore messages() {
    return messages;
  }

  /** The sessions; titles are redacted like messages. */
  public SessionStore sessions() {
    return sessions;
  }

  /** The benchmark history: results, trends and the learning queue. */
  public BenchmarkStore benchmarks() {
    return benchmarks;
  }

  /** The secrets found on the knowledge base's write paths (fingerprints, never secrets). */
  public SecurityAlertStore securityAlerts() {
    return securityAlerts;
  }

  /** Threads and their summaries. */
  public ThreadStore threads() {
    return threads;
  }

  /** Keyword, semantic and hybrid search over the history. */
  public HistorySearch search() {
    return search;
  }

  /** Clearing and expiring sessions (also run by the sweeper when an idle timeout is set). */
  public SessionExpiry sessionExpiry() {
    return sessions;
  }

  /**
   * Waits until every stored message has its embedding (for tests and batch jobs).
   *
   * @param timeout how long to wait at most
   * @return whether all were embedded in time; {@code false} too when embeddings are off
   */
  public boolean awaitEmbeddings(Duration timeout) {
    return indexer != null && indexer.awaitIdle(timeout);
  }

  /** Which model plays which role, with the history of switches and rollbacks. */
  public ModelVersionStore modelVersions() {
    return modelVersions;
  }

  /** Failures of model calls and what was done about them. */
  public ModelErrorLog modelErrors() {
    return modelErrors;
  }

  /**
   * The audit of the assistant's tool calls: every permission decision, committed before the call
   * runs; arguments and rules are redacted like messages.
   */
  public DecisionAuditLog decisionAudit() {
    return decisionAudit;
  }

  /**
   * The API tokens of {@code beca serve}: names, roles, expiry and revocation, with a salted hash
   * of each secret (never the secret).
   */
  public ApiTokens apiTokens() {
    return apiTokens;
  }

  /**
   * The patterns learned: solutions, and architectures, frameworks and build setups mined from
   * repositories. Texts are redacted like messages; a pattern seen again counts one more
   * occurrence.
   */
  public PatternStore patterns() {
    return patterns;
  }

  /**
   * Lessons learned: redacted like messages, merged with near-duplicates and superseding
   * contradicted lessons (decided by the builder's {@link Builder#lessonMatcher lesson matcher}
   * with this knowledge base's embedding model), found by keyword and meaning.
   */
  public LessonStore lessons() {
    return lessons;
  }

  /**
   * The self-improvement engine's archive: runs, proposals with their status, evaluation steps with
   * their measures (tables of migration V12).
   */
  public ImprovementArchive improvements() {
    return improvements;
  }

  /**
   * The monitoring time series of {@code beca serve} (tables of migration V14), downsampled by the
   * builder's {@link Builder#metricRetention retention} (raw for a day, per minute for a week,
   * hourly for 90 days by default).
   */
  public MetricHistory metricHistory() {
    return monitoring;
  }

  /** The events of threshold alerts: each crossing and each clearing (tables of migration V14). */
  public MonitoringAlerts monitoringAlerts() {
    return monitoring;
  }

  /** The absolute path of the database file. */
  public Path databaseFile() {
    return database.file();
  }

  /** The schema version of the open file, e.g. {@code "1"}. */
  public String schemaVersion() {
    return database.schemaVersion();
  }

  /**
   * Closes the connections after writing the lessons' uses still pending; the stores must not be
   * used afterwards.
   */
  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    if (indexer != null) {
      indexer.close();
    }
    lessons.close(); // writes the lessons' uses still pending
    database.close();
  }

  /** Configures and opens a {@link SqliteKnowledgeBase}. */
  public static final class Builder {
    private Path file;
    private Clock clock = Clock.systemUTC();
    private Duration busyTimeout = Duration.ofSeconds(10);
    private CommitDurability commitDurability = CommitDurability.SURVIVES_PROCESS_CRASH;
    private SecretScanner secretScanner = SecretScanner.standard();
    private EmbeddingModel embeddingModel = new LazyMiniLmEmbeddingModel();
    private String embeddingModelKey = LazyMiniLmEmbeddingModel.KEY;
    private TokenEstimator tokenEstimator = TokenEstimator.DEFAULT;
    private Duration sessionIdleTimeout;
    private LessonMatcher lessonMatcher;
    private boolean lessonKeywordStems = true;
    private MetricRetention metricRetention = MetricRetention.STANDARD;

    private Builder() {}

    /**
     * Whether the keyword side of lesson search also finds the other forms of a query word
     * ("configuration" finds "configure"); true by default. False matches the exact words, as
     * before (kept for the same-run comparison of LessonRetrievalBenchmark).
     */
    public Builder lessonKeywordStems(boolean stems) {
      this.lessonKeywordStems = stems;
      return this;
    }

    /**
     * The thresholds that decide whether a new lesson merges into or supersedes a stored one; the
     * measured defaults of {@link LessonMatcher#builder()} otherwise. Its embedding model is
     * replaced by this knowledge base's (vectors of different models never mix).
     */
    public Builder lessonMatcher(LessonMatcher matcher) {
      this.lessonMatcher = Objects.requireNonNull(matcher, "lessonMatcher");
      return this;
    }

    /**
     * The model that embeds messages for semantic search; all-MiniLM-L6-v2 in process by default.
     *
     * @param model the model
     * @param key the name its vectors are stored under (vectors of different keys never mix)
     */
    public Builder embeddingModel(EmbeddingModel model, String key) {
      this.embeddingModel = Objects.requireNonNull(model, "embeddingModel");
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("embeddingModel key must not be blank");
      }
      this.embeddingModelKey = key;
      return this;
    }

    /** No embeddings: semantic search is off and hybrid search uses keywords only. */
    public Builder withoutEmbeddings() {
      this.embeddingModel = null;
      return this;
    }

    /** Estimates the token count stored with each message; four characters a token by default. */
    public Builder tokenEstimator(TokenEstimator tokenEstimator) {
      this.tokenEstimator = Objects.requireNonNull(tokenEstimator, "tokenEstimator");
      return this;
    }

    /**
     * Expires sessions idle for this long (a sweeper checks once a minute); off by default.
     * Positive.
     */
    public Builder sessionIdleTimeout(Duration idle) {
      Objects.requireNonNull(idle, "sessionIdleTimeout");
      if (idle.isZero() || idle.isNegative()) {
        throw new IllegalArgumentException("sessionIdleTimeout must be positive, was " + idle);
      }
      this.sessionIdleTimeout = idle;
      return this;
    }

    /**
     * How long the {@link SqliteKnowledgeBase#metricHistory() metric history} keeps each
     * resolution; {@link MetricRetention#STANDARD} by default.
     */
    public Builder metricRetention(MetricRetention retention) {
      this.metricRetention = Objects.requireNonNull(retention, "metricRetention");
      return this;
    }

    /** Uses {@code directory/beca.db} as the database file. */
    public Builder dataDirectory(Path directory) {
      Objects.requireNonNull(directory, "dataDirectory");
      this.file = directory.resolve(FILE_NAME);
      return this;
    }

    /** Uses the given database file. */
    public Builder databaseFile(Path file) {
      this.file = Objects.requireNonNull(file, "databaseFile");
      return this;
    }

    /** The clock that stamps stored records; UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long a write waits for another writer before failing; 10 seconds by default. */
    public Builder busyTimeout(Duration busyTimeout) {
      Objects.requireNonNull(busyTimeout, "busyTimeout");
      if (busyTimeout.isNegative()) {
        throw new IllegalArgumentException("busyTimeout must not be negative, was " + busyTimeout);
      }
      this.busyTimeout = busyTimeout;
      return this;
    }

    /**
     * What a commit survives: {@link CommitDurability#SURVIVES_PROCESS_CRASH} by default (a killed
     * process loses no acknowledged write; a power loss may roll back the last ones), or {@link
     * CommitDurability#SURVIVES_POWER_LOSS} for one disk sync per commit.
     */
    public Builder commitDurability(CommitDurability durability) {
      this.commitDurability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /**
     * The scanner that redacts every text before it is stored; {@link SecretScanner#standard()}
     * (BECA's default rules) by default. Pass a {@link dev.beca.core.secrets.DefaultSecretScanner}
     * with your own rules or baseline to change what counts as a secret.
     */
    public Builder secretScanner(SecretScanner secretScanner) {
      this.secretScanner = Objects.requireNonNull(secretScanner, "secretScanner");
      return this;
    }

    /**
     * Opens the knowledge base, creating and migrating the file as needed.
     *
     * @throws IllegalStateException when neither a data directory nor a file was given
     * @throws dev.beca.core.StorageException when the file cannot be opened or migrated
     */
    public SqliteKnowledgeBase open() {
      if (file == null) {
        throw new IllegalStateException("dataDirectory or databaseFile must be set");
      }
      return new SqliteKnowledgeBase(this);
    }
  }
}
