-- Threads, summaries, session expiry, keyword (FTS5) and semantic (embedding) search.
-- Every V1 row is kept as it is: columns are added, never rebuilt, so no row can be lost.

CREATE TABLE threads (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- V1 let messages carry a thread id without a threads table: adopt each such id as a thread.
INSERT INTO threads (id, name, created_at, updated_at)
    SELECT thread_id, 'thread ' || thread_id, min(created_at), max(created_at)
    FROM messages WHERE thread_id IS NOT NULL GROUP BY thread_id;

-- SQLite cannot add a foreign key to an existing column without rebuilding the table; these
-- triggers give messages.thread_id the same guarantee (RAISE aborts the statement, nothing is
-- written) while every V1 row stays untouched.
CREATE TRIGGER messages_thread_on_insert BEFORE INSERT ON messages
    WHEN NEW.thread_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM threads WHERE id = NEW.thread_id)
BEGIN
    SELECT RAISE(ABORT, 'beca: unknown thread');
END;

CREATE TRIGGER messages_thread_on_update BEFORE UPDATE OF thread_id ON messages
    WHEN NEW.thread_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM threads WHERE id = NEW.thread_id)
BEGIN
    SELECT RAISE(ABORT, 'beca: unknown thread');
END;

-- History is append-only: what was said, by whom, when and where is never rewritten.
CREATE TRIGGER messages_append_only BEFORE UPDATE OF session_id, role, content, created_at ON messages
BEGIN
    SELECT RAISE(ABORT, 'beca: history is append-only');
END;

ALTER TABLE messages ADD COLUMN tools_json  TEXT;
ALTER TABLE messages ADD COLUMN success     INTEGER NOT NULL DEFAULT 1;
ALTER TABLE messages ADD COLUMN token_count INTEGER NOT NULL DEFAULT 0;

-- Old rows get the default estimate (4 characters a token), which new rows also use by default.
UPDATE messages SET token_count = (length(content) + 3) / 4;

CREATE INDEX messages_by_thread ON messages (thread_id, id) WHERE thread_id IS NOT NULL;
CREATE INDEX messages_by_parent ON messages (parent_id) WHERE parent_id IS NOT NULL;

-- A condensed context of a thread; derived data, replaced when it is brought up to date.
CREATE TABLE thread_summaries (
    thread_id          INTEGER NOT NULL PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
    content            TEXT    NOT NULL,
    kind               TEXT    NOT NULL,
    model              TEXT    NOT NULL DEFAULT '',
    through_message_id INTEGER NOT NULL,
    message_count      INTEGER NOT NULL,
    created_at         INTEGER NOT NULL
);

-- Session working state: the thread a session currently writes to, and when it expired.
ALTER TABLE sessions ADD COLUMN current_thread_id INTEGER REFERENCES threads (id) ON DELETE SET NULL;
ALTER TABLE sessions ADD COLUMN expired_at INTEGER;

-- Keyword search: an external-content FTS5 index over messages.content, kept in step by
-- triggers in the same transaction as the write (content is never updated, see above).
CREATE VIRTUAL TABLE messages_fts USING fts5 (
    content,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

CREATE TRIGGER messages_fts_on_insert AFTER INSERT ON messages
BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (NEW.id, NEW.content);
END;

CREATE TRIGGER messages_fts_on_delete AFTER DELETE ON messages
BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', OLD.id, OLD.content);
END;

-- Semantic search: one vector per distinct text and model (identical texts share it), and the
-- link from each message to its vector. Vectors are little-endian float32 arrays.
CREATE TABLE embeddings (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    model      TEXT    NOT NULL,
    text_hash  BLOB    NOT NULL,
    dimensions INTEGER NOT NULL,
    vector     BLOB    NOT NULL,
    UNIQUE (model, text_hash)
);

CREATE TABLE message_embeddings (
    message_id   INTEGER NOT NULL PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    embedding_id INTEGER NOT NULL REFERENCES embeddings (id)
);

-- Document frequency of each indexed term, so that relevance queries can leave out terms that
-- occur nearly everywhere (they barely change BM25 ranking but make every query scan huge lists).
CREATE VIRTUAL TABLE messages_fts_terms USING fts5vocab (messages_fts, 'row');
