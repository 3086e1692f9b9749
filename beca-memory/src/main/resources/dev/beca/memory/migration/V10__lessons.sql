-- Lessons learned (issue 15): text, category, source, evidence links, confidence, use, and the
-- lesson that superseded it after a contradiction (the old one stays as history).
CREATE TABLE lessons (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    text          TEXT    NOT NULL,
    -- SHA-256 of the text: one active lesson per exact text, across processes (see the index).
    text_hash     BLOB    NOT NULL,
    category      TEXT    NOT NULL,
    source        TEXT    NOT NULL CHECK (source IN ('CONVERSATION', 'BENCHMARK', 'IMPROVEMENT')),
    -- Evidence links (message:12, benchmark-result:7), one per line; links hold no white space.
    evidence      TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    confidence    REAL    NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    reuse_count   INTEGER NOT NULL DEFAULT 0,
    last_used_at  INTEGER,
    superseded_by INTEGER REFERENCES lessons (id),
    -- The text's vector in the shared embeddings table (NULL without an embedding model).
    embedding_id  INTEGER REFERENCES embeddings (id) ON DELETE SET NULL
);

CREATE UNIQUE INDEX lessons_active_text ON lessons (text_hash) WHERE superseded_by IS NULL;
CREATE INDEX lessons_superseded_by ON lessons (superseded_by);
CREATE INDEX lessons_rank ON lessons (category, reuse_count, confidence) WHERE superseded_by IS NULL;

-- Which lessons entered the prompt of which turn (the turn's stored question). No foreign key to
-- messages: a message deleted with its thread takes its rows along by trigger.
CREATE TABLE lesson_uses (
    message_id INTEGER NOT NULL,
    lesson_id  INTEGER NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    used_at    INTEGER NOT NULL,
    PRIMARY KEY (message_id, lesson_id)
) WITHOUT ROWID;

CREATE INDEX lesson_uses_lesson ON lesson_uses (lesson_id);

CREATE TRIGGER lesson_uses_message_deleted AFTER DELETE ON messages BEGIN
    DELETE FROM lesson_uses WHERE message_id = old.id;
END;

-- Keyword search over the lesson texts, kept in step by triggers (as messages_fts).
CREATE VIRTUAL TABLE lessons_fts USING fts5 (
    text,
    content = 'lessons',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER lessons_fts_insert AFTER INSERT ON lessons BEGIN
    INSERT INTO lessons_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER lessons_fts_delete AFTER DELETE ON lessons BEGIN
    INSERT INTO lessons_fts (lessons_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER lessons_fts_update AFTER UPDATE OF text ON lessons BEGIN
    INSERT INTO lessons_fts (lessons_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO lessons_fts (rowid, text) VALUES (new.id, new.text);
END;
