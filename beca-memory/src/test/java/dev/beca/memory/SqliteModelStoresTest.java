package dev.beca.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.conversation.MutableClock;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelStoresContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite model version store and error log pass the contract on a real database file. */
class SqliteModelStoresTest extends ModelStoresContract {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase knowledgeBase;

  @Override
  protected Stores createStores(MutableClock clock) {
    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).clock(clock).open();
    return new Stores(knowledgeBase.modelVersions(), knowledgeBase.modelErrors());
  }

  @AfterEach
  void close() {
    knowledgeBase.close();
  }

  @Test
  void theDatabaseItselfRefusesASecondActiveVersionOfARole() throws SQLException {
    knowledgeBase
        .modelVersions()
        .activate(
            new dev.beca.core.model.NewModelVersion(
                ModelRole.GENERAL,
                model("llama3.2:latest", "abc"),
                dev.beca.core.model.ModelParameters.SERVER_DEFAULTS,
                ""));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + knowledgeBase.databaseFile());
        Statement s = c.createStatement()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  s.executeUpdate(
                      "INSERT INTO model_versions (role, server, name, status, first_seen_at, activated_at) "
                          + "VALUES ('GENERAL', 'ollama', 'x', 'ACTIVE', 0, 0)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("UNIQUE");
    }
    assertThat(knowledgeBase.modelVersions().history(ModelRole.GENERAL)).hasSize(1);
  }

  @Test
  void aVersionOneDatabaseUpgradesInPlaceKeepingItsMessages() throws Exception {
    knowledgeBase.close();
    Path old = dataDir.resolve("old").resolve("beca.db");
    java.nio.file.Files.createDirectories(old.getParent());
    // A file as the first release left it: schema version 1 only, with a conversation in it.
    org.flywaydb.core.Flyway.configure()
        .dataSource("jdbc:sqlite:" + old, null, null)
        .locations("classpath:dev/beca/memory/migration")
        .target("1")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO sessions (id, title, created_at, last_active_at) VALUES ('s1', 'old', 0, 0)");
      s.executeUpdate(
          "INSERT INTO messages (session_id, role, content, created_at) VALUES ('s1', 'USER', 'kept', 0)");
    }

    knowledgeBase = SqliteKnowledgeBase.builder().databaseFile(old).open();

    assertThat(Integer.parseInt(knowledgeBase.schemaVersion())).isGreaterThan(1);
    assertThat(knowledgeBase.messages().recent("s1", 10))
        .extracting(m -> m.content())
        .containsExactly("kept");
    assertThat(knowledgeBase.modelVersions().history()).isEmpty();
    assertThat(knowledgeBase.modelErrors().record("ollama", "llama3.2", "E", "m", "gave up").id())
        .isPositive();
  }

  @Test
  void versionsSurviveReopeningTheFile() {
    var stored =
        knowledgeBase
            .modelVersions()
            .activate(
                new dev.beca.core.model.NewModelVersion(
                    ModelRole.CODING,
                    model("qwen2.5-coder:7b", "d1"),
                    dev.beca.core.model.ModelParameters.defaultsFor("qwen2", "qwen2.5-coder"),
                    "pass"));
    knowledgeBase.close();

    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).open();

    assertThat(knowledgeBase.modelVersions().active(ModelRole.CODING)).contains(stored);
  }
}
