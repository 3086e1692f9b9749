package dev.beca.app.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.access.ApiTokens;
import dev.beca.core.agent.DecisionAuditLog;
import dev.beca.core.conversation.HistorySearch;
import dev.beca.core.conversation.MessageStore;
import dev.beca.core.conversation.SessionStore;
import dev.beca.core.conversation.ThreadStore;
import dev.beca.core.improve.ImprovementArchive;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelVersionStore;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.secrets.SecurityAlertStore;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.models.ModelManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The one start-up path of every {@code beca} command: resolves the data directory, points the log
 * at it, opens the knowledge base and wires the models. Commands ask it for an {@link AppContext}
 * and keep only their own logic; failures are thrown as {@link dev.beca.core.BecaException}s and
 * turned into exit codes by {@link ExitCodes#handler()}.
 */
public final class Startup {

  /** What a command needs beside the knowledge base's stores. */
  public enum Need {
    /** The embedding model and its background indexer (semantic search). */
    EMBEDDINGS,
    /** The model manager, built from the options, the environment and the stored versions. */
    MODELS
  }

  private final Terminal terminal;
  private final Map<String, String> env;

  /**
   * Creates the start-up path of one command line run.
   *
   * @param terminal where commands read and write
   * @param env the environment variables to take settings from
   */
  public Startup(Terminal terminal, Map<String, String> env) {
    this.terminal = Objects.requireNonNull(terminal, "terminal");
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    // Starts compiling the secret rules in the background now, while picocli builds the command;
    // the log and the knowledge base scan with them.
    SecretScanner.standard();
  }

  /** Where commands read and write. */
  public Terminal terminal() {
    return terminal;
  }

  /** The environment variables settings come from. */
  public Map<String, String> env() {
    return env;
  }

  /**
   * Opens what a command works with: the log in the data directory, the knowledge base (its schema
   * migrated), and what else the command needs. The models are wired on first use ({@link
   * AppContext#models()}): their HTTP clients cost a large part of a second, which a chat that is
   * given no input never needs to pay.
   *
   * @param options the command's shared options
   * @param needs what the command needs beside the stores
   * @return the opened context; close it when the command ends
   * @throws InvalidInputException when an option is invalid (exit code 2)
   * @throws dev.beca.core.StorageException when the knowledge base cannot be opened
   */
  public AppContext open(AppOptions options, Need... needs) {
    Set<Need> wanted = needs.length == 0 ? Set.of() : Set.of(needs);
    Path dataDir = options.dataDir(env);
    Path logFile = Logging.toDataDirectory(dataDir);
    LoggerFactory.getLogger(Startup.class)
        .info("beca starting: data dir {}", dataDir.toAbsolutePath());
    SqliteKnowledgeBase.Builder builder = SqliteKnowledgeBase.builder().dataDirectory(dataDir);
    if (!wanted.contains(Need.EMBEDDINGS)) {
      builder.withoutEmbeddings();
    }
    SqliteKnowledgeBase sqlite = builder.open();
    Supplier<ModelManager> models =
        () -> {
          throw new IllegalStateException("models were not requested from Startup.open");
        };
    if (wanted.contains(Need.MODELS)) {
      models =
          () -> {
            try {
              ModelManager manager = ModelSetup.manager(options, env, sqlite);
              LoggerFactory.getLogger(Startup.class).info("Models: {}", manager);
              return manager;
            } catch (IllegalArgumentException e) {
              throw usage(e);
            }
          };
    }
    return new AppContext(dataDir, logFile, sqlite(sqlite), models);
  }

  /**
   * An option value the settings builders refused, as a usage error.
   *
   * @param refused the builder's refusal, naming the option and the value
   * @return the exception to throw (exit code 2)
   */
  static InvalidInputException usage(IllegalArgumentException refused) {
    return new InvalidInputException(
        refused.getMessage(), "See the command's --help for the accepted values.");
  }

  /** The SQLite knowledge base seen through the core store interfaces. */
  private static KnowledgeBase sqlite(SqliteKnowledgeBase kb) {
    return new KnowledgeBase() {
      @Override
      public MessageStore messages() {
        return kb.messages();
      }

      @Override
      public SessionStore sessions() {
        return kb.sessions();
      }

      @Override
      public ThreadStore threads() {
        return kb.threads();
      }

      @Override
      public HistorySearch search() {
        return kb.search();
      }

      @Override
      public BenchmarkStore benchmarks() {
        return kb.benchmarks();
      }

      @Override
      public SecurityAlertStore securityAlerts() {
        return kb.securityAlerts();
      }

      @Override
      public ModelVersionStore modelVersions() {
        return kb.modelVersions();
      }

      @Override
      public ModelErrorLog modelErrors() {
        return kb.modelErrors();
      }

      @Override
      public DecisionAuditLog decisionAudit() {
        return kb.decisionAudit();
      }

      @Override
      public ApiTokens apiTokens() {
        return kb.apiTokens();
      }

      @Override
      public dev.beca.core.learning.PatternStore patterns() {
        return kb.patterns();
      }

      @Override
      public LessonStore lessons() {
        return kb.lessons();
      }

      @Override
      public ImprovementArchive improvements() {
        return kb.improvements();
      }

      @Override
      public dev.beca.core.monitoring.MetricHistory metricHistory() {
        return kb.metricHistory();
      }

      @Override
      public dev.beca.core.monitoring.MonitoringAlerts monitoringAlerts() {
        return kb.monitoringAlerts();
      }

      @Override
      public String location() {
        return kb.databaseFile().toString();
      }

      @Override
      public boolean awaitEmbeddings(Duration timeout) {
        return kb.awaitEmbeddings(timeout);
      }

      @Override
      public void close() {
        kb.close();
      }
    };
  }
}
