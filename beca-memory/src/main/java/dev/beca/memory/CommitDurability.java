package dev.beca.memory;

/**
 * What a committed write of the knowledge base survives, set once per {@link SqliteKnowledgeBase}
 * with {@link SqliteKnowledgeBase.Builder#commitDurability(CommitDurability)}.
 *
 * <p>Both keep the file consistent (SQLite's WAL journal never leaves a half-written transaction)
 * and both keep every acknowledged write when the process is killed, even with {@code SIGKILL}.
 * They differ only when the operating system itself stops (a power loss or kernel crash).
 */
public enum CommitDurability {
  /**
   * The default: a commit is in the write-ahead log when it returns, and the log is synced to disk
   * at checkpoints ({@code synchronous=NORMAL}, SQLite's recommended setting for WAL). A power loss
   * may roll back the last commits; a killed process loses nothing. Commits cost about a hundredth
   * of {@link #SURVIVES_POWER_LOSS}'s on the disks measured (docs/performance.md).
   */
  SURVIVES_PROCESS_CRASH("NORMAL"),

  /**
   * Every commit waits until the write-ahead log is synced to disk ({@code synchronous=FULL}), so
   * an acknowledged write survives a power loss too, at the cost of one {@code fsync} per commit.
   */
  SURVIVES_POWER_LOSS("FULL");

  private final String synchronousPragma;

  CommitDurability(String synchronousPragma) {
    this.synchronousPragma = synchronousPragma;
  }

  /**
   * The value of SQLite's {@code synchronous} pragma that gives this durability in WAL mode.
   *
   * @return {@code NORMAL} or {@code FULL}
   */
  public String synchronousPragma() {
    return synchronousPragma;
  }
}
