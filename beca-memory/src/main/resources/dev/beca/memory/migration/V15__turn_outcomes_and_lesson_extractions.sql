-- Learning from how turns end (issue 15). A turn's verdict, recorded once: the lessons it used
-- gain confidence when it succeeded and lose it when it failed; a success may later become a
-- failure (the user's /undo or complaint, a benchmark drop), never the other way round. Keyed by
-- the turn's question (a message id, no foreign key: like lesson_uses, it outlives nothing).
CREATE TABLE turn_outcomes (
    message_id INTEGER NOT NULL PRIMARY KEY,
    verdict    TEXT    NOT NULL CHECK (verdict IN ('succeeded', 'failed')),
    reason     TEXT    NOT NULL,
    decided_at INTEGER NOT NULL
);

-- The sessions (message_id 0) and single turns queued for lesson extraction, with leases as in
-- learning_queue: a worker claims an open item in one BEGIN IMMEDIATE transaction; an expired
-- lease makes it claimable again. A failed extraction keeps its reason and the model's raw reply;
-- after 3 attempts the item's state is 'failed' (kept, and opened again when queued again).
-- One row per (session, turn): queuing it again reopens it.
CREATE TABLE lesson_extractions (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    session_id  TEXT    NOT NULL,
    message_id  INTEGER NOT NULL DEFAULT 0,
    state       TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    claimed_by  TEXT,
    lease_until INTEGER,
    failure     TEXT,
    raw_reply   TEXT    NOT NULL DEFAULT '',
    queued_at   INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (session_id, message_id)
);

CREATE INDEX lesson_extractions_open ON lesson_extractions (state, id);

-- A stamp of the active lessons' vectors: every insert, delete, supersede or vector change of a
-- lesson raises it (in any process), so a store's in-memory vector index knows when to rebuild.
CREATE TABLE lesson_vectors_version (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO lesson_vectors_version (id, version) VALUES (1, 0);

CREATE TRIGGER lessons_vectors_insert AFTER INSERT ON lessons BEGIN
    UPDATE lesson_vectors_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER lessons_vectors_delete AFTER DELETE ON lessons BEGIN
    UPDATE lesson_vectors_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER lessons_vectors_update AFTER UPDATE OF superseded_by, embedding_id ON lessons BEGIN
    UPDATE lesson_vectors_version SET version = version + 1 WHERE id = 1;
END;
