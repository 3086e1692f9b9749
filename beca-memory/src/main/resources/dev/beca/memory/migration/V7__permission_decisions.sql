-- The audit of the assistant's tool calls: one row per permission decision (issue 14), written
-- before the call runs, never changed or removed. Arguments and rule are redacted before storage.
-- Times are epoch milliseconds (UTC). Never edit a released migration: add a new one.

CREATE TABLE permission_decisions (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    decided_at  INTEGER NOT NULL,
    session_id  TEXT    NOT NULL,
    tool        TEXT    NOT NULL,
    arguments   TEXT    NOT NULL, -- the call's JSON arguments, redacted and shortened
    risk        TEXT    NOT NULL, -- RiskLevel: LOW, MEDIUM, HIGH, CRITICAL
    rule        TEXT    NOT NULL, -- the mode entry, rule or filter that decided, with the reason
    answer      TEXT    NOT NULL  -- DecisionAnswer, e.g. ALLOWED_BY_POLICY, REFUSED_SECRET
);

CREATE INDEX permission_decisions_by_session ON permission_decisions (session_id, id);
CREATE INDEX permission_decisions_by_time ON permission_decisions (decided_at DESC, id DESC);
