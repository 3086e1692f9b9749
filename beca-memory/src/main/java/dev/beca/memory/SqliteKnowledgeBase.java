package dev.beca.memory;

import dev.beca.core.conversation.MessageStore;
import dev.beca.core.conversation.SessionStore;
import dev.beca.core.model.ModelErrorLog;
import dev.beca.core.model.ModelVersionStore;
import dev.beca.memory.internal.SqliteDatabase;
import dev.beca.memory.internal.SqliteMessageStore;
import dev.beca.memory.internal.SqliteModelErrorLog;
import dev.beca.memory.internal.SqliteModelVersionStore;
import dev.beca.memory.internal.SqliteSessionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

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
 * <p>Opening creates the file and its folder when missing and migrates the schema in place.
 * The stores are thread-safe and stay usable until {@link #close()}.
 */
public final class SqliteKnowledgeBase implements AutoCloseable {

  /** The database file's name inside a data directory. */
  public static final String FILE_NAME = "beca.db";

  private final SqliteDatabase database;
  private final SqliteMessageStore messages;
  private final SqliteSessionStore sessions;
  private final SqliteModelVersionStore modelVersions;
  private final SqliteModelErrorLog modelErrors;

  private SqliteKnowledgeBase(Builder builder) {
    this.database = SqliteDatabase.open(builder.file, builder.busyTimeout);
    this.messages = new SqliteMessageStore(database, builder.clock);
    this.sessions = new SqliteSessionStore(database, builder.clock);
    this.modelVersions = new SqliteModelVersionStore(database, builder.clock);
    this.modelErrors = new SqliteModelErrorLog(database, builder.clock);
  }

  /** A builder; a database file or data directory must be given. */
  public static Builder builder() {
    return new Builder();
  }

  /** The append-only message history. */
  public MessageStore messages() {
    return messages;
  }

  /** The sessions. */
  public SessionStore sessions() {
    return sessions;
  }

  /** Which model plays which role, with the history of switches and rollbacks. */
  public ModelVersionStore modelVersions() {
    return modelVersions;
  }

  /** Failures of model calls and what was done about them. */
  public ModelErrorLog modelErrors() {
    return modelErrors;
  }

  /** The absolute path of the database file. */
  public Path databaseFile() {
    return database.file();
  }

  /** The schema version of the open file, e.g. {@code "1"}. */
  public String schemaVersion() {
    return database.schemaVersion();
  }

  /** Closes the connections; the stores must not be used afterwards. */
  @Override
  public void close() {
    database.close();
  }

  /** Configures and opens a {@link SqliteKnowledgeBase}. */
  public static final class Builder {
    private Path file;
    private Clock clock = Clock.systemUTC();
    private Duration busyTimeout = Duration.ofSeconds(10);

    private Builder() {}

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
