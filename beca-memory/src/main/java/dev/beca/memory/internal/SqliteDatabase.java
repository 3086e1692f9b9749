package dev.beca.memory.internal;

import dev.beca.core.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
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
 * One opened SQLite database file: a small connection pool with BECA's pragmas, the schema
 * migrated to the latest version, and MyBatis configured with the mappers.
 */
public final class SqliteDatabase implements AutoCloseable {

  /** Where the versioned migrations live on the classpath. */
  static final String MIGRATIONS = "classpath:dev/beca/memory/migration";

  private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

  private final Path file;
  private final PooledDataSource dataSource;
  private final SqlSessionFactory sessions;
  private final String schemaVersion;
  // One writer at a time inside this process: SQLite allows only one anyway, and waiting on a
  // Java lock never surfaces SQLITE_BUSY to callers; other processes are covered by busy_timeout.
  private final ReentrantLock writeLock = new ReentrantLock();
  private SqlSession writer; // guarded by writeLock
  private final java.util.Map<String, java.sql.PreparedStatement> writerStatements = new java.util.HashMap<>();

  private SqliteDatabase(Path file, PooledDataSource dataSource, SqlSessionFactory sessions, String schemaVersion) {
    this.file = file;
    this.dataSource = dataSource;
    this.sessions = sessions;
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
    Objects.requireNonNull(file, "file");
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw new StorageException(
          "Could not create the folder " + absolute.getParent() + " for the database.",
          "Check that the path is writable, or choose another data directory.",
          e);
    }
    PooledDataSource dataSource = dataSource(absolute, busyTimeout);
    try {
      String version =
          migrate(
              absolute,
              new UnpooledDataSource("org.sqlite.JDBC", "jdbc:sqlite:" + absolute, pragmas(busyTimeout)));
      Environment environment = new Environment("beca", new JdbcTransactionFactory(), dataSource);
      Configuration configuration = new Configuration(environment);
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
      configuration.addMapper(ModelErrorMapper.class);
      SqlSessionFactory sessions = new SqlSessionFactoryBuilder().build(configuration);
      LOG.info("Opened knowledge base {} at schema version {}", absolute, version);
      return new SqliteDatabase(absolute, dataSource, sessions, version);
    } catch (RuntimeException e) {
      dataSource.forceCloseAll();
      if (e instanceof StorageException storage) {
        throw storage;
      }
      throw SqliteErrors.storage("open the knowledge base " + absolute, absolute, e);
    }
  }

  private static PooledDataSource dataSource(Path file, Duration busyTimeout) {
    UnpooledDataSource unpooled =
        new UnpooledDataSource("org.sqlite.JDBC", "jdbc:sqlite:" + file, connectionPragmas(busyTimeout));
    PooledDataSource pooled = new PooledDataSource(unpooled);
    pooled.setPoolMaximumActiveConnections(8);
    pooled.setPoolMaximumIdleConnections(4);
    return pooled;
  }

  /**
   * The pragmas of pooled connections: as {@link #pragmas} but without {@code journal_mode}. WAL
   * is persistent, set once when the file is opened and migrated; setting it again on every new
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
    // WAL lets readers run beside the writer; FULL makes every commit durable before it returns.
    pragmas.setProperty("journal_mode", "WAL");
    pragmas.setProperty("synchronous", "FULL");
    pragmas.setProperty("foreign_keys", "true");
    pragmas.setProperty("busy_timeout", Long.toString(busyTimeout.toMillis()));
    return pragmas;
  }

  /**
   * Migrates the schema in place; refuses a file written by a newer BECA. Runs on its own
   * unpooled connections: Flyway closes what it opens, which a pool does not expect.
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
            .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
            .map(m -> String.valueOf(m.getVersion()))
            .collect(Collectors.joining(", "));
    if (!versions.isEmpty()) {
      throw new StorageException(
          "The knowledge base " + file + " has schema version(s) " + versions
              + " from a newer BECA than this one.",
          "Use the newer BECA, or point this one at another data directory.",
          null);
    }
    MigrateResult result = flyway.migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("Migrated {} from version {} to {}", file, result.initialSchemaVersion, result.targetSchemaVersion);
    }
    MigrationInfo current = flyway.info().current();
    return current == null ? "0" : current.getVersion().getVersion();
  }

  /** A MyBatis session whose every statement commits on its own. */
  SqlSession autoCommitSession() {
    return sessions.openSession(true);
  }

  /**
   * Runs writes as one transaction, serialised with every other write of this process: all of
   * it is committed, or (on an exception) none of it.
   */
  <T> T write(Function<SqlSession, T> work) {
    writeLock.lock();
    try (SqlSession session = sessions.openSession(false)) {
      try {
        T result = work.apply(session);
        session.commit(true);
        return result;
      } catch (RuntimeException | Error e) {
        session.rollback(true);
        throw e;
      }
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
        writer = sessions.openSession(ExecutorType.REUSE, true);
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
   * A prepared statement of the writer session's connection, prepared once and reused; only
   * inside {@link #writeStatement}, whose lock guards it.
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
