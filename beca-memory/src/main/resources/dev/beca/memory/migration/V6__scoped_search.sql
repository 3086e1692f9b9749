-- Scoped search: thread- and session-scoped searches (what context assembly runs every turn)
-- without reading every match of the whole history.
-- Never edit a released migration: add a new one.

-- 1. Keyword search. The FTS index gets a second column, `scope`, holding one token for the
-- message's thread ('t' || id) and one for its session ('s' || hex of its id), so that a scoped
-- query intersects posting lists inside FTS5 ("scope : t42 AND content : (...)") instead of
-- ranking every match in the history and then looking each one up in `messages`. The scope
-- column weighs nothing in BM25, so ranks are those of the content alone.
DROP TRIGGER messages_fts_on_insert;
DROP TRIGGER messages_fts_on_delete;
DROP TABLE messages_fts_terms;
DROP TABLE messages_fts;

-- The index's external content: the scope expression is written once, here.
CREATE VIEW messages_fts_source AS
    SELECT id,
           content,
           CASE WHEN thread_id IS NULL THEN '' ELSE 't' || thread_id || ' ' END || 's' || lower(hex(session_id)) AS scope
    FROM messages;

CREATE VIRTUAL TABLE messages_fts USING fts5 (
    content,
    scope,
    content = 'messages_fts_source',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO messages_fts (messages_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)');
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

-- Kept in step in the same transaction as the write. Removals run before the row changes, so
-- they can read the indexed values through the view (FTS5 needs them to remove an entry).
CREATE TRIGGER messages_fts_on_insert AFTER INSERT ON messages
BEGIN
    INSERT INTO messages_fts (rowid, content, scope)
        SELECT id, content, scope FROM messages_fts_source WHERE id = NEW.id;
END;

CREATE TRIGGER messages_fts_on_delete BEFORE DELETE ON messages
BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content, scope)
        SELECT 'delete', id, content, scope FROM messages_fts_source WHERE id = OLD.id;
END;

CREATE TRIGGER messages_fts_before_move BEFORE UPDATE OF thread_id ON messages
    WHEN OLD.thread_id IS NOT NEW.thread_id
BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content, scope)
        SELECT 'delete', id, content, scope FROM messages_fts_source WHERE id = OLD.id;
END;

CREATE TRIGGER messages_fts_after_move AFTER UPDATE OF thread_id ON messages
    WHEN OLD.thread_id IS NOT NEW.thread_id
BEGIN
    INSERT INTO messages_fts (rowid, content, scope)
        SELECT id, content, scope FROM messages_fts_source WHERE id = NEW.id;
END;

-- Document frequency per term and column (relevance queries consult the content column's).
CREATE VIRTUAL TABLE messages_fts_terms USING fts5vocab (messages_fts, 'col');

-- 2. Semantic search. Searchers keep the candidates (message, vector) of the threads and
-- sessions they searched in memory and bring them up to date from this log of changes: a
-- message that got its vector is an addition; a message that moved to another thread or lost
-- its vector (deleted, re-embedded) makes them start over. The log is pruned to its newest rows
-- by the embedding indexer; a searcher that finds its last-seen change pruned starts over too.
CREATE TABLE search_changes (
    seq        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER NOT NULL,
    added      INTEGER NOT NULL
);

CREATE TRIGGER search_changes_on_embed AFTER INSERT ON message_embeddings
BEGIN
    INSERT INTO search_changes (message_id, added) VALUES (NEW.message_id, 1);
END;

CREATE TRIGGER search_changes_on_reembed AFTER UPDATE ON message_embeddings
BEGIN
    INSERT INTO search_changes (message_id, added) VALUES (NEW.message_id, 0);
END;

CREATE TRIGGER search_changes_on_unembed AFTER DELETE ON message_embeddings
BEGIN
    INSERT INTO search_changes (message_id, added) VALUES (OLD.message_id, 0);
END;

CREATE TRIGGER search_changes_on_delete AFTER DELETE ON messages
BEGIN
    INSERT INTO search_changes (message_id, added) VALUES (OLD.id, 0);
END;

CREATE TRIGGER search_changes_on_move AFTER UPDATE OF thread_id ON messages
    WHEN OLD.thread_id IS NOT NEW.thread_id
BEGIN
    INSERT INTO search_changes (message_id, added) VALUES (NEW.id, 0);
END;
