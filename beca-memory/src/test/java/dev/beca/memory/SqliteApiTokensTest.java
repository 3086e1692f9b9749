package dev.beca.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.access.AccessRole;
import dev.beca.core.access.ApiTokens;
import dev.beca.core.access.ApiTokensContract;
import dev.beca.core.access.IssuedToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite token store passes the contract on a real file and keeps only hashes there. */
class SqliteApiTokensTest extends ApiTokensContract {

  @TempDir Path dataDir;
  private SqliteKnowledgeBase knowledgeBase;

  @Override
  protected ApiTokens tokens() {
    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
    return knowledgeBase.apiTokens();
  }

  @AfterEach
  void close() {
    if (knowledgeBase != null) {
      knowledgeBase.close();
    }
  }

  @Test
  void theSecretIsNeverInTheDatabaseFileOnlyItsSaltedHash() throws Exception {
    IssuedToken issued = tokens().create("ci", AccessRole.ADMIN, Optional.empty());
    // The key is the fixed 43-character base64url tail; it may itself contain '_'.
    String key = issued.secret().substring("beca_".length() + 16 + 1);
    assertThat(key).hasSize(43);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + knowledgeBase.databaseFile());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT length(salt), length(hash) FROM api_tokens")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(32);
      assertThat(rows.getInt(2)).isEqualTo(64);
    }
    knowledgeBase.close();
    for (Path file : Files.list(dataDir).toList()) {
      if (Files.isRegularFile(file)) {
        assertThat(
                new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(file.toString())
            .doesNotContain(key);
      }
    }
    knowledgeBase = null;
  }

  @Test
  void tokensSurviveReopeningTheFile() {
    IssuedToken issued = tokens().create("laptop", AccessRole.VIEWER, Optional.empty());
    knowledgeBase.close();

    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();

    assertThat(knowledgeBase.apiTokens().authenticate(issued.secret()).valid()).isTrue();
  }
}
