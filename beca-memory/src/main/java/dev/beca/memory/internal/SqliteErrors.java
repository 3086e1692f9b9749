package dev.beca.memory.internal;

import dev.beca.core.StorageException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Translates driver and MyBatis errors into BECA's exceptions at the module's edge. */
final class SqliteErrors {

  private SqliteErrors() {}

  /** The SQLite result code in the cause chain, or {@code null} when there is none. */
  static SQLiteErrorCode code(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLiteException sqlite) {
        return sqlite.getResultCode();
      }
    }
    return null;
  }

  /** Whether the failure was a foreign key that points nowhere. */
  static boolean isForeignKeyViolation(Throwable error) {
    return code(error) == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
  }

  /** Whether a trigger refused a thread id that points nowhere (see the V2 migration). */
  static boolean isUnknownThread(Throwable error) {
    return rootMessage(error).contains("beca: unknown thread");
  }

  /** Whether the FTS5 engine rejected the syntax of a query. */
  static boolean isQuerySyntax(Throwable error) {
    String message = rootMessage(error);
    return message.contains("fts5: syntax error")
        || message.contains("no such column")
        || message.contains("unterminated string")
        || message.contains("unknown special query");
  }

  /** The innermost message of an error chain. */
  static String rootCause(Throwable error) {
    return rootMessage(error);
  }

  /** A storage exception saying what was being done, with advice matched to the cause. */
  static StorageException storage(String doing, Path file, Throwable error) {
    SQLiteErrorCode code = code(error);
    String remedy;
    if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED) {
      remedy = "Another process holds the database " + file + "; close it and try again.";
    } else if (code == SQLiteErrorCode.SQLITE_FULL) {
      remedy = "The disk holding " + file + " is full; free some space.";
    } else if (code == SQLiteErrorCode.SQLITE_READONLY
        || code == SQLiteErrorCode.SQLITE_CANTOPEN
        || code == SQLiteErrorCode.SQLITE_PERM) {
      remedy = "Check that " + file + " and its folder are writable.";
    } else if (code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_NOTADB) {
      remedy =
          file + " is damaged or not a BECA database; restore it from a backup or move it away.";
    } else {
      remedy = "See the log for the database's error; the file is " + file + ".";
    }
    String detail =
        error instanceof SQLException || code != null ? " (" + rootMessage(error) + ")" : "";
    return new StorageException("Could not " + doing + detail + ".", remedy, error);
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage()).replaceAll("\\s+", " ").strip();
  }
}
