package dev.beca.memory.internal;

import dev.beca.core.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.datasource.unpooled.UnpooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One opened SQLite database file: a small connection pool with BECA's pragmas, the schema migrated
 * to the latest version, and MyBatis configured with the mappers.
 */
public final class SqliteDatabase implements AutoCloseable {

  /** Where the versioned migrations live on the classpath. */
  static final String MIGRATIONS = "classpath:dev/beca/memory/migration";

  /**
   * The version of the newest migration in {@link #MIGRATIONS}; a file at this version opens
   * without Flyway. Raise it with every new migration (a test compares it with the folder).
   */
  public static final int LATEST_SCHEMA_VERSION = 18;

  private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

  private final Path file;
  private final PooledDataSource dataSource;

  /**
   * MyBatis, configured on first use: reading the mappers' annotations (and the XML of their {@code
   * <script>} statements) loads about 300 classes and was the largest part of opening an up-to-date
   * file, which a command that reads or stores nothing (e.g. {@code beca chat} given no input)
   * never needs. (A background thread started at open would still spend that CPU on every command,
   * competing with the command's own work on a shared 2-core machine.)
   */
  private volatile SqlSessionFactory sessions;

  private final Object configuring = new Object();
  private final String schemaVersion;
  // One writer at a time inside this process: SQLite allows only one anyway, and waiting on a
  // Java lock never surfaces SQLITE_BUSY to callers; other processes are covered by busy_timeout.
  private final ReentrantLock writeLock = new ReentrantLock();
  private SqlSession writer; // guarded by writeLock
  private final java.util.Map<String, java.sql.PreparedStatement> writerStatements =
      new java.util.HashMap<>();

  private SqliteDatabase(Path file, PooledDataSource dataSource, String schemaVersion) {
    this.file = file;
    this.dataSource = dataSource;
    this.schemaVersion = schemaVersion;
  }

  /**
   * Opens (creating if needed) and migrates a database file.
   *
   * @param file the database file; its folder is created when missing
   * @param busyTimeout how long a writer waits for another one before failing
   * @return the opened database
   * @throws StorageException when the file cannot be created, opened or migrated
   */
  public static SqliteDatabase open(Path file, Duration busyTimeout) {
    return open(file, busyTimeout, "NORMAL");
  }

  /**
   * Opens (creating if needed) and migrates a database file.
   *
   * @param file the database file; its folder is created when missing
   * @param busyTimeout how long a writer waits for another one before failing
   * @param synchronous the {@code synchronous} pragma of the pool's connections ({@code NORMAL}: a
   *     commit survives a killed process; {@code FULL}: a power loss too)
   * @return the opened database
   * @throws StorageException when the file cannot be created, opened or migrated
   */
  public static SqliteDatabase open(Path file, Duration busyTimeout, String synchronous) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(synchronous, "synchronous");
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw new StorageException(
          "Could not create the folder " + absolute.getParent() + " for the database.",
          "Check that the path is writable, or choose another data directory.",
          e);
    }
    PooledDataSource dataSource = dataSource(absolute, busyTimeout, synchronous);
    try {
      String version = migrateOnce(absolute, busyTimeout);
      LOG.info("Opened knowledge base {} at schema version {}", absolute, version);
      return new SqliteDatabase(absolute, dataSource, version);
    } catch (RuntimeException e) {
      dataSource.forceCloseAll();
      if (e instanceof StorageException storage) {
        throw storage;
      }
      throw SqliteErrors.storage("open the knowledge base " + absolute, absolute, e);
    }
  }

  private static SqlSessionFactory configure(PooledDataSource dataSource) {
    Environment environment = new Environment("beca", new JdbcTransactionFactory(), dataSource);
    Configuration configuration = new Configuration(environment);
    configuration.setObjectFactory(new AccessibleObjectFactory());
    configuration.setMapUnderscoreToCamelCase(true);
    configuration.setArgNameBasedConstructorAutoMapping(true);
    configuration.addMapper(MessageMapper.class);
    configuration.addMapper(SessionMapper.class);
    configuration.addMapper(BenchmarkMapper.class);
    configuration.addMapper(SecurityAlertMapper.class);
    configuration.addMapper(ThreadMapper.class);
    configuration.addMapper(SearchMapper.class);
    configuration.addMapper(EmbeddingMapper.class);
    configuration.addMapper(ModelVersionMapper.class);
    configuration.addMapper(PermissionDecisionMapper.class);
    configuration.addMapper(ModelErrorMapper.class);
    configuration.addMapper(ApiTokenMapper.class);
    configuration.addMapper(PatternMapper.class);
    configuration.addMapper(LessonMapper.class);
    configuration.addMapper(MonitoringMapper.class);
    configuration.addMapper(LessonFeedbackMapper.class);
    return new SqlSessionFactoryBuilder().build(configuration);
  }

  /** MyBatis, configured on the first call. */
  private SqlSessionFactory sessions() {
    SqlSessionFactory configured = sessions;
    if (configured == null) {
      synchronized (configuring) {
        configured = sessions;
        if (configured == null) {
          try {
            configured = configure(dataSource);
          } catch (RuntimeException e) {
            throw SqliteErrors.storage("configure the mappers of " + file, file, e);
          }
          sessions = configured;
        }
      }
    }
    return configured;
  }

  private static PooledDataSource dataSource(Path file, Duration busyTimeout, String synchronous) {
    Properties pragmas = connectionPragmas(busyTimeout);
    pragmas.setProperty("synchronous", synchronous);
    UnpooledDataSource unpooled =
        new UnpooledDataSource("org.sqlite.JDBC", "jdbc:sqlite:" + file, pragmas);
    PooledDataSource pooled = new PooledDataSource(unpooled);
    pooled.setPoolMaximumActiveConnections(8);
    pooled.setPoolMaximumIdleConnections(4);
    return pooled;
  }

  /**
   * The pragmas of pooled connections: as {@link #pragmas} but without {@code journal_mode}. WAL is
   * persistent, set once when the file is opened and migrated; setting it again on every new
   * connection needs a lock, which fails at once (no busy wait) while another connection writes.
   */
  private static Properties connectionPragmas(Duration busyTimeout) {
    Properties pragmas = pragmas(busyTimeout);
    pragmas.remove("journal_mode");
    // Write transactions take the write lock first (BEGIN IMMEDIATE), waiting up to busy_timeout.
    // A deferred one would read first and, if another connection committed meanwhile, fail with
    // SQLITE_BUSY at once when upgrading to write: SQLite cannot wait that conflict out.
    pragmas.setProperty("transaction_mode", "IMMEDIATE");
    return pragmas;
  }

  private static Properties pragmas(Duration busyTimeout) {
    Properties pragmas = new Properties();
    // WAL lets readers run beside the writer. The migration and probe connections sync every
    // commit; the pool's connections take the knowledge base's commit durability instead.
    pragmas.setProperty("journal_mode", "WAL");
    pragmas.setProperty("synchronous", "FULL");
    pragmas.setProperty("foreign_keys", "true");
    pragmas.setProperty("busy_timeout", Long.toString(busyTimeout.toMillis()));
    return pragmas;
  }

  /**
   * Brings the schema up to date, once across threads and processes. A file already at {@link
   * #LATEST_SCHEMA_VERSION} is only read (one query, no Flyway: its class loading and validation
   * cost most of a command's start-up); otherwise the migration runs under {@link MigrationLock},
   * so processes opening a fresh data directory at the same moment wait for each other instead of
   * failing with {@code SQLITE_BUSY} halfway through Flyway's work.
   */
  private static String migrateOnce(Path file, Duration busyTimeout) {
    UnpooledDataSource dataSource =
        new UnpooledDataSource("org.sqlite.JDBC", "jdbc:sqlite:" + file, pragmas(busyTimeout));
    if (Files.exists(file)) {
      Optional<String> upToDate = upToDateVersion(file, busyTimeout);
      if (upToDate.isPresent()) {
        return upToDate.get();
      }
    }
    try (MigrationLock lock = MigrationLock.acquire(file)) {
      refuseForeignSchema(file, dataSource);
      return migrate(file, dataSource);
    }
  }

  /**
   * The schema version when every applied migration succeeded and the newest is the one this BECA
   * knows last; empty when there is anything for Flyway to do or check.
   */
  private static Optional<String> upToDateVersion(Path file, Duration busyTimeout) {
    UnpooledDataSource reader =
        new UnpooledDataSource(
            "org.sqlite.JDBC", "jdbc:sqlite:" + file, connectionPragmas(busyTimeout));
    try (Connection connection = reader.getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet history =
          statement.executeQuery(
              "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'")) {
        if (!history.next() || history.getInt(1) == 0) {
          return Optional.empty();
        }
      }
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT max(CAST(version AS INTEGER)), min(success) FROM flyway_schema_history WHERE version IS NOT NULL")) {
        if (rows.next() && rows.getInt(1) == LATEST_SCHEMA_VERSION && rows.getInt(2) == 1) {
          return Optional.of(String.valueOf(LATEST_SCHEMA_VERSION));
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      // Not readable this way (damaged, locked, not a database): Flyway's path reports it properly.
      LOG.debug("Quick schema check of {} failed; migrating the long way", file, e);
      return Optional.empty();
    }
  }

  /**
   * Refuses a SQLite file that holds tables but no BECA schema history: another program's database,
   * which Flyway would only call "non-empty" and which must not be touched.
   */
  private static void refuseForeignSchema(Path file, UnpooledDataSource dataSource) {
    List<String> tables = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw SqliteErrors.storage("open the knowledge base " + file, file, e);
    }
    if (!tables.isEmpty() && !tables.contains("flyway_schema_history")) {
      String shown =
          tables.size() <= 5
              ? String.join(", ", tables)
              : String.join(", ", tables.subList(0, 5)) + " and " + (tables.size() - 5) + " more";
      throw new StorageException(
          file
              + " is not a BECA knowledge base: it is another program's SQLite database (tables "
              + shown
              + ").",
          "Point BECA at another data directory (--data-dir or BECA_DATA_DIR); the file was left untouched.",
          null);
    }
  }

  /**
   * Migrates the schema in place; refuses a file written by a newer BECA. Runs on its own unpooled
   * connections: Flyway closes what it opens, which a pool does not expect.
   */
  private static String migrate(Path file, UnpooledDataSource dataSource) {
    Flyway flyway =
        Flyway.configure(SqliteDatabase.class.getClassLoader())
            .dataSource(dataSource)
            .locations(MIGRATIONS)
            .loggers("slf4j")
            .load();
    MigrationInfoService info = flyway.info();
    String versions =
        Arrays.stream(info.applied())
            .filter(
                m ->
                    m.getState() == MigrationState.FUTURE_SUCCESS
                        || m.getState() == MigrationState.FUTURE_FAILED)
            .map(m -> String.valueOf(m.getVersion()))
            .collect(Collectors.joining(", "));
    if (!versions.isEmpty()) {
      throw new StorageException(
          "The knowledge base "
              + file
              + " has schema version(s) "
              + versions
              + " from a newer BECA than this one.",
          "Use the newer BECA, or point this one at another data directory.",
          null);
    }
    MigrateResult result = flyway.migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info(
          "Migrated {} from version {} to {}",
          file,
          result.initialSchemaVersion,
          result.targetSchemaVersion);
    }
    MigrationInfo current = flyway.info().current();
    return current == null ? "0" : current.getVersion().getVersion();
  }

  /** A MyBatis session whose every statement commits on its own. */
  SqlSession autoCommitSession() {
    return sessions().openSession(true);
  }

  /**
   * Runs writes as one transaction, serialised with every other write of this process: all of it is
   * committed, or (on an exception) none of it.
   */
  <T> T write(Function<SqlSession, T> work) {
    return write(work, result -> {});
  }

  /**
   * Runs {@code work} in one write transaction as {@link #write(Function)} does, then, once it is
   * committed and before the next write of this process begins, hands its result to {@code
   * committed} (e.g. to bring an in-memory index up to date in the order of the writes). Not called
   * when the transaction fails.
   */
  <T> T write(Function<SqlSession, T> work, java.util.function.Consumer<T> committed) {
    writeLock.lock();
    try {
      T result;
      try (SqlSession session = sessions().openSession(false)) {
        try {
          result = work.apply(session);
          session.commit(true);
        } catch (RuntimeException | Error e) {
          session.rollback(true);
          throw e;
        }
      }
      committed.accept(result);
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs one self-committing write statement, serialised with every other write of this process:
   * the cheapest durable write (no explicit BEGIN/COMMIT round trips).
   */
  <T> T writeStatement(Function<SqlSession, T> statement) {
    writeLock.lock();
    try {
      if (writer == null) {
        // One long-lived writer session that reuses its prepared statements: preparing an insert
        // compiles its triggers (thread check, FTS index) and foreign keys, which costs as much
        // as the insert itself.
        writer = sessions().openSession(ExecutorType.REUSE, true);
      }
      try {
        return statement.apply(writer);
      } catch (RuntimeException e) {
        closeWriter(); // a fresh connection next time, in case this one is broken
        throw e;
      }
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * A prepared statement of the writer session's connection, prepared once and reused; only inside
   * {@link #writeStatement}, whose lock guards it.
   */
  java.sql.PreparedStatement writerStatement(String sql) throws java.sql.SQLException {
    if (!writeLock.isHeldByCurrentThread() || writer == null) {
      throw new IllegalStateException("writerStatement is only for use inside writeStatement");
    }
    java.sql.PreparedStatement prepared = writerStatements.get(sql);
    if (prepared == null) {
      prepared = writer.getConnection().prepareStatement(sql);
      writerStatements.put(sql, prepared);
    }
    return prepared;
  }

  private void closeWriter() {
    for (java.sql.PreparedStatement prepared : writerStatements.values()) {
      try {
        prepared.close();
      } catch (java.sql.SQLException e) {
        LOG.debug("Closing a cached statement failed", e);
      }
    }
    writerStatements.clear();
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  /** The absolute path of the database file. */
  public Path file() {
    return file;
  }

  /** The schema version after migration, e.g. {@code "1"}. */
  public String schemaVersion() {
    return schemaVersion;
  }

  /** Closes every pooled connection. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      closeWriter();
    } finally {
      writeLock.unlock();
    }
    dataSource.forceCloseAll();
  }
}
