-- Security alerts: a secret was found (and redacted or refused) on a write path.
-- Holds the SHA-256 fingerprint of the secret, never the secret. Times are epoch milliseconds (UTC).

CREATE TABLE security_alerts (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    created_at  INTEGER NOT NULL,
    source      TEXT    NOT NULL,
    rule_id     TEXT    NOT NULL,
    severity    TEXT    NOT NULL,
    location    TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL
);

CREATE INDEX security_alerts_by_fingerprint ON security_alerts (fingerprint);
