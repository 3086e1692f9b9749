-- Patterns (issue 15): solutions that worked and architectures, frameworks and build setups mined
-- from repositories. A pattern seen again is one row with a higher occurrence count: `identity`
-- is the SHA-256 (hex) of NewPattern.identity(), unique, so two processes saving the same pattern
-- at once (each in a BEGIN IMMEDIATE transaction) still make one row. Lists (tools, frameworks,
-- evidence) are stored one entry per line. Times are epoch milliseconds (UTC).

CREATE TABLE patterns (
    id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    identity          TEXT    NOT NULL UNIQUE,
    kind              TEXT    NOT NULL,
    task_type         TEXT    NOT NULL,
    request           TEXT    NOT NULL,
    solution_summary  TEXT    NOT NULL,
    tools_used        TEXT    NOT NULL,
    architecture_type TEXT    NOT NULL,
    frameworks        TEXT    NOT NULL,
    performance_notes TEXT    NOT NULL,
    source            TEXT    NOT NULL,
    evidence          TEXT    NOT NULL,
    occurrences       INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

CREATE INDEX patterns_by_kind ON patterns (kind, occurrences DESC, updated_at DESC);
CREATE INDEX patterns_by_use ON patterns (occurrences DESC, updated_at DESC);

-- Keyword search over every text of a pattern, kept in step by triggers in the same transaction.
CREATE VIRTUAL TABLE patterns_fts USING fts5(
    task_type, request, solution_summary, tools_used, architecture_type, frameworks,
    performance_notes,
    content = 'patterns', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER patterns_fts_insert AFTER INSERT ON patterns BEGIN
    INSERT INTO patterns_fts (rowid, task_type, request, solution_summary, tools_used,
                              architecture_type, frameworks, performance_notes)
    VALUES (new.id, new.task_type, new.request, new.solution_summary, new.tools_used,
            new.architecture_type, new.frameworks, new.performance_notes);
END;

CREATE TRIGGER patterns_fts_delete AFTER DELETE ON patterns BEGIN
    INSERT INTO patterns_fts (patterns_fts, rowid, task_type, request, solution_summary, tools_used,
                              architecture_type, frameworks, performance_notes)
    VALUES ('delete', old.id, old.task_type, old.request, old.solution_summary, old.tools_used,
            old.architecture_type, old.frameworks, old.performance_notes);
END;

CREATE TRIGGER patterns_fts_update AFTER UPDATE ON patterns BEGIN
    INSERT INTO patterns_fts (patterns_fts, rowid, task_type, request, solution_summary, tools_used,
                              architecture_type, frameworks, performance_notes)
    VALUES ('delete', old.id, old.task_type, old.request, old.solution_summary, old.tools_used,
            old.architecture_type, old.frameworks, old.performance_notes);
    INSERT INTO patterns_fts (rowid, task_type, request, solution_summary, tools_used,
                              architecture_type, frameworks, performance_notes)
    VALUES (new.id, new.task_type, new.request, new.solution_summary, new.tools_used,
            new.architecture_type, new.frameworks, new.performance_notes);
END;

-- The learning queue becomes a work queue with leases: a worker claims an item (claimed_by,
-- lease_until) in one BEGIN IMMEDIATE transaction, so two processes never hold the same item; a
-- claim whose lease has expired (the worker crashed) is claimable again. Completing sets taken_at
-- as before; failing gives the item back with last_error, and after 3 claims parks it as failed.
ALTER TABLE learning_queue ADD COLUMN claimed_by TEXT;
ALTER TABLE learning_queue ADD COLUMN lease_until INTEGER;
ALTER TABLE learning_queue ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE learning_queue ADD COLUMN last_error TEXT;
ALTER TABLE learning_queue ADD COLUMN failed INTEGER NOT NULL DEFAULT 0;
