package dev.beca.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.StorageException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.Session;
import dev.beca.memory.internal.SqliteDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, configuring and migrating the SQLite file, checked with plain JDBC beside it. */
class SqliteKnowledgeBaseTest {

  @TempDir Path dataDir;

  /** The highest version among the migration scripts, so the tests hold as migrations are added. */
  private static String latestMigration() {
    try (java.util.stream.Stream<Path> files =
        java.nio.file.Files.list(
            Path.of(SqliteKnowledgeBase.class.getResource("/dev/beca/memory/migration").toURI()))) {
      return String.valueOf(
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.matches("V\\d+__.+\\.sql"))
              .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
              .max()
              .orElseThrow());
    } catch (java.io.IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void opensANewFileInTheDataDirectoryWithWalAndForeignKeys() throws SQLException {
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir.resolve("nested")).open()) {
      assertThat(kb.databaseFile())
          .isEqualTo(dataDir.resolve("nested").resolve("beca.db").toAbsolutePath());
      assertThat(kb.databaseFile()).exists();
      assertThat(kb.schemaVersion()).isEqualTo(latestMigration());
      try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + kb.databaseFile())) {
        assertThat(pragma(jdbc, "journal_mode")).isEqualTo("wal");
      }
    }
  }

  @Test
  void storeConnectionsEnforceForeignKeys() {
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).open()) {
      // Only an enforced foreign key can reject a message whose parent does not exist.
      Session session = kb.sessions().create("");
      assertThatThrownBy(
              () -> kb.messages().append(NewMessage.user(session.id(), "x").replyingTo(42)))
          .hasMessageContaining("42");
    }
  }

  @Test
  void rowsSurviveClosingAndReopening() throws SQLException {
    Session session;
    ConversationMessage message;
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).open()) {
      session = kb.sessions().create("kept");
      message = kb.messages().append(NewMessage.user(session.id(), "remember me"));
    }
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).open()) {
      assertThat(kb.sessions().find(session.id())).contains(session);
      assertThat(kb.messages().find(message.id())).contains(message);
      assertThat(kb.schemaVersion()).isEqualTo(latestMigration());
    }
    try (Connection jdbc =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("beca.db"));
        Statement statement = jdbc.createStatement();
        ResultSet rows = statement.executeQuery("SELECT content FROM messages")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("remember me");
    }
  }

  @Test
  void appendIsVisibleToAnotherConnectionAsSoonAsItReturns() throws SQLException {
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).open();
        Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + kb.databaseFile())) {
      Session session = kb.sessions().create("");
      ConversationMessage message =
          kb.messages().append(NewMessage.user(session.id(), "committed"));
      try (Statement statement = jdbc.createStatement();
          ResultSet rows =
              statement.executeQuery("SELECT content FROM messages WHERE id = " + message.id())) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("committed");
      }
    }
  }

  @Test
  void refusesAFileFromANewerSchemaWithoutTouchingIt() throws SQLException {
    SqliteKnowledgeBase.builder().dataDirectory(dataDir).open().close();
    Path file = dataDir.resolve("beca.db");
    try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = jdbc.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " checksum, installed_by, execution_time, success)"
              + " VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'test', 1, 1)");
    }

    assertThatThrownBy(() -> SqliteKnowledgeBase.builder().dataDirectory(dataDir).open())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("99")
        .hasMessageContaining("newer BECA");
  }

  @Test
  void theLatestSchemaVersionConstantNamesTheNewestMigration() {
    // An up-to-date file opens without Flyway by comparing its history with this constant.
    assertThat(String.valueOf(SqliteDatabase.LATEST_SCHEMA_VERSION)).isEqualTo(latestMigration());
  }

  @Test
  void anUpToDateFileWithAFailedMigrationRowGoesThroughFlyway() throws SQLException {
    SqliteKnowledgeBase.builder().dataDirectory(dataDir).open().close();
    try (Connection jdbc =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("beca.db"));
        Statement statement = jdbc.createStatement()) {
      statement.executeUpdate("UPDATE flyway_schema_history SET success = 0 WHERE version = '3'");
    }

    // The quick check must not vouch for this file; Flyway's validation refuses it.
    assertThatThrownBy(() -> SqliteKnowledgeBase.builder().dataDirectory(dataDir).open())
        .isInstanceOf(StorageException.class);
  }

  @Test
  void anotherProgramsSqliteFileIsRefusedAsNotABecaKnowledgeBaseAndLeftUntouched()
      throws SQLException {
    Path file = dataDir.resolve("beca.db");
    try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = jdbc.createStatement()) {
      statement.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
    }

    assertThatThrownBy(() -> SqliteKnowledgeBase.builder().dataDirectory(dataDir).open())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("is not a BECA knowledge base")
        .hasMessageContaining("invoices")
        .hasMessageNotContaining("See the log");
    try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = jdbc.createStatement();
        ResultSet tables =
            statement.executeQuery(
                "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'")) {
      assertThat(tables.getString(1)).isEqualTo("invoices");
    }
  }

  @Test
  void aFileThatIsNotADatabaseGivesAClearError() throws Exception {
    Files.writeString(
        dataDir.resolve("beca.db"), "this is not sqlite ".repeat(100), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> SqliteKnowledgeBase.builder().dataDirectory(dataDir).open())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("beca.db");
  }

  @Test
  void anUncreatableDataDirectoryGivesAClearError() throws Exception {
    Path blocker = Files.writeString(dataDir.resolve("a-file"), "x");

    assertThatThrownBy(
            () -> SqliteKnowledgeBase.builder().dataDirectory(blocker.resolve("sub")).open())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("Could not create the folder")
        .hasMessageContaining("a-file");
  }

  @Test
  void builderRequiresALocation() {
    assertThatThrownBy(() -> SqliteKnowledgeBase.builder().open())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dataDirectory");
  }

  private static String pragma(Connection jdbc, String name) throws SQLException {
    try (Statement statement = jdbc.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
