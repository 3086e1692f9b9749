package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.memory.CommitDurability;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge base's connections sync commits as the chosen {@link CommitDurability} says. */
class CommitDurabilityTest {

  private static final int NORMAL = 1;
  private static final int FULL = 2;

  @TempDir Path dir;

  @Test
  void connectionsSyncAtCheckpointsOnlyByDefault() throws SQLException {
    try (SqliteDatabase database =
        SqliteDatabase.open(dir.resolve("a.db"), Duration.ofSeconds(5))) {
      assertThat(pragma(database, "synchronous")).isEqualTo(NORMAL);
      assertThat(journalMode(database)).isEqualTo("wal");
    }
  }

  @Test
  void connectionsSyncEveryCommitWhenAskedToSurvivePowerLoss() throws SQLException {
    try (SqliteDatabase database =
        SqliteDatabase.open(
            dir.resolve("b.db"),
            Duration.ofSeconds(5),
            CommitDurability.SURVIVES_POWER_LOSS.synchronousPragma())) {
      assertThat(pragma(database, "synchronous")).isEqualTo(FULL);
      assertThat(journalMode(database)).isEqualTo("wal");
    }
  }

  private static int pragma(SqliteDatabase database, String name) throws SQLException {
    return Integer.parseInt(pragmaText(database, name));
  }

  private static String journalMode(SqliteDatabase database) throws SQLException {
    return pragmaText(database, "journal_mode");
  }

  private static String pragmaText(SqliteDatabase database, String name) throws SQLException {
    try (SqlSession session = database.autoCommitSession();
        Statement statement = session.getConnection().createStatement();
        ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      row.next();
      return row.getString(1);
    }
  }
}
