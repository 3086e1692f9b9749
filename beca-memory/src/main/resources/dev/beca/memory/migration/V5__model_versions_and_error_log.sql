-- Model versions (which model plays which role, with history) and the error log of model calls.
-- Times are epoch milliseconds (UTC). Never edit a released migration: add a new one.

CREATE TABLE model_versions (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    role           TEXT    NOT NULL,
    server         TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    digest         TEXT    NOT NULL DEFAULT '',
    size_bytes     INTEGER NOT NULL DEFAULT 0,
    family         TEXT    NOT NULL DEFAULT '',
    parameter_size TEXT    NOT NULL DEFAULT '',
    quantization   TEXT    NOT NULL DEFAULT '',
    capabilities   TEXT    NOT NULL DEFAULT '', -- comma-separated, as the server reported them
    modified_at    INTEGER,                     -- the server's modification time of the model
    parameters     TEXT    NOT NULL DEFAULT '', -- ModelParameters.encode()
    status         TEXT    NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE')),
    first_seen_at  INTEGER NOT NULL,
    activated_at   INTEGER NOT NULL,
    notes          TEXT    NOT NULL DEFAULT ''
);

-- At most one active version per role, enforced by the database itself.
CREATE UNIQUE INDEX model_versions_one_active ON model_versions (role) WHERE status = 'ACTIVE';
CREATE INDEX model_versions_by_role ON model_versions (role, activated_at DESC, id DESC);
CREATE INDEX model_versions_by_model ON model_versions (server, name);

CREATE TABLE model_errors (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    occurred_at INTEGER NOT NULL,
    server      TEXT    NOT NULL,
    model       TEXT    NOT NULL,
    error_class TEXT    NOT NULL,
    message     TEXT    NOT NULL,
    action      TEXT    NOT NULL
);

CREATE INDEX model_errors_by_time ON model_errors (occurred_at DESC, id DESC);
