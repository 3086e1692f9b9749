-- How sure the rule was that a redacted value is a real secret (LOW, MEDIUM, HIGH), so that
-- `beca alerts` can tell a provider's key from a high-entropy guess. Every finding is still
-- redacted and recorded whatever its confidence. Alerts recorded before this version keep NULL:
-- their confidence was not recorded and cannot be derived afterwards.
-- (V7 is reserved for another change; Flyway accepts the gap.)

ALTER TABLE security_alerts ADD COLUMN confidence TEXT;
