/**
 * BECA's knowledge base on SQLite: open one with {@link dev.beca.memory.SqliteKnowledgeBase} and
 * use its stores, which implement the core's store interfaces.
 *
 * <p>One database file, WAL journal, foreign keys on, commits that survive a killed process (or,
 * with {@link dev.beca.memory.CommitDurability#SURVIVES_POWER_LOSS}, a power loss too); the schema
 * is migrated in place by versioned migrations (Flyway) when the file is opened, so a file written
 * by an older BECA upgrades without losing rows, and a file written by a newer BECA is refused
 * rather than damaged.
 */
package dev.beca.memory;
