-- Schema version 1: sessions and the append-only message history.
-- Times are epoch milliseconds (UTC). Never edit a released migration: add V2, V3, ...

CREATE TABLE sessions (
    id             TEXT    NOT NULL PRIMARY KEY,
    title          TEXT    NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    last_active_at INTEGER NOT NULL
);

CREATE INDEX sessions_by_activity ON sessions (last_active_at DESC);

CREATE TABLE messages (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    session_id TEXT    NOT NULL REFERENCES sessions (id),
    thread_id  INTEGER,
    parent_id  INTEGER REFERENCES messages (id),
    role       TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE INDEX messages_by_session ON messages (session_id, id);
