package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads what a command left in the knowledge base, with plain JDBC beside BECA. */
final class KnowledgeBaseRows {

  private KnowledgeBaseRows() {}

  /**
   * The first column of every row a query returns.
   *
   * @param dataDir the data directory holding {@code beca.db}; the file must exist
   * @param sql the query
   * @return the values as strings, in the query's order
   */
  static List<String> rows(Path dataDir, String sql) throws SQLException {
    Path file = dataDir.resolve("beca.db");
    assertThat(Files.exists(file)).as("the knowledge base %s", file).isTrue();
    List<String> rows = new ArrayList<>();
    try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = jdbc.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }
}
