-- The archive of the self-improvement engine (issue 16): runs, proposals with their status, each
-- evaluation step's outcome and its measures (before and after). Failed ideas are found again by
-- the hash of their diff. Texts are redacted before storage. Times are epoch milliseconds (UTC).
-- Never edit a released migration: add a new one.

CREATE TABLE improvement_runs (
    id          TEXT    NOT NULL PRIMARY KEY,
    project     TEXT    NOT NULL,
    base_commit TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,          -- NULL while running (or when its process died)
    summary     TEXT    NOT NULL
);

CREATE INDEX improvement_runs_by_time ON improvement_runs (started_at DESC, id DESC);

CREATE TABLE improvement_proposals (
    seq         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, -- order of first storage
    id          TEXT    NOT NULL UNIQUE,
    run_id      TEXT    NOT NULL REFERENCES improvement_runs (id),
    source      TEXT    NOT NULL,
    description TEXT    NOT NULL,
    diff        TEXT    NOT NULL,
    diff_hash   TEXT    NOT NULL, -- SHA-256 of the normalised diff, hex
    risk        TEXT    NOT NULL, -- low, medium, high
    status      TEXT    NOT NULL, -- ProposalStatus, e.g. AWAITING_APPROVAL
    reason      TEXT    NOT NULL,
    commit_id   TEXT    NOT NULL, -- the commit that applied it, '' until applied
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE INDEX improvement_proposals_by_run ON improvement_proposals (run_id, seq);
CREATE INDEX improvement_proposals_by_hash ON improvement_proposals (diff_hash, created_at);
CREATE INDEX improvement_proposals_by_status ON improvement_proposals (status, created_at);
CREATE INDEX improvement_proposals_by_time ON improvement_proposals (created_at DESC, id DESC);

CREATE TABLE improvement_steps (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    proposal_id TEXT    NOT NULL, -- a proposal's id, or 'base:<run id>' for the base revision
    position    INTEGER NOT NULL,
    step        TEXT    NOT NULL,
    outcome     TEXT    NOT NULL, -- StepOutcome: PASSED, FAILED, TIMED_OUT, STOPPED, SKIPPED, ERROR
    detail      TEXT    NOT NULL,
    duration_ms INTEGER NOT NULL
);

CREATE INDEX improvement_steps_by_proposal ON improvement_steps (proposal_id, id);

CREATE TABLE improvement_measures (
    step_id      INTEGER NOT NULL REFERENCES improvement_steps (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    before_value TEXT    NOT NULL,
    after_value  TEXT    NOT NULL,
    change       TEXT    NOT NULL, -- BETTER, WORSE, SAME, UNMEASURED
    detail       TEXT    NOT NULL,
    PRIMARY KEY (step_id, position)
);
