-- Monitoring of `beca serve` (issue 17): a downsampled time series and threshold alert events.
-- Each sample is kept raw (metric_samples) and added to the summary of its minute and its hour
-- (metric_rollups, step 60 or 3600 seconds: sum, count, min, max), so averages stay exact. Rows
-- older than the retention of their resolution are deleted when samples are recorded (raw 1 day,
-- minutes 7 days, hours 90 days by default), which bounds each series' size.
-- Times are epoch milliseconds (UTC). Never edit a released migration: add a new one.

CREATE TABLE metric_samples (
    name   TEXT    NOT NULL,
    at     INTEGER NOT NULL,
    value  REAL    NOT NULL
);
CREATE INDEX metric_samples_name_at ON metric_samples (name, at);
CREATE INDEX metric_samples_at ON metric_samples (at);

CREATE TABLE metric_rollups (
    name    TEXT    NOT NULL,
    step    INTEGER NOT NULL CHECK (step IN (60, 3600)),
    bucket  INTEGER NOT NULL, -- start of the minute or hour
    total   REAL    NOT NULL,
    count   INTEGER NOT NULL,
    min     REAL    NOT NULL,
    max     REAL    NOT NULL,
    PRIMARY KEY (name, step, bucket)
) WITHOUT ROWID;
CREATE INDEX metric_rollups_step_bucket ON metric_rollups (step, bucket);

-- One row per event: a threshold crossed (RAISED) or cleared (CLEARED).
CREATE TABLE monitoring_alerts (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    rule       TEXT    NOT NULL,
    series     TEXT    NOT NULL,
    state      TEXT    NOT NULL CHECK (state IN ('RAISED', 'CLEARED')),
    value      REAL    NOT NULL,
    threshold  REAL    NOT NULL,
    at         INTEGER NOT NULL,
    message    TEXT    NOT NULL
);
CREATE INDEX monitoring_alerts_rule_series ON monitoring_alerts (rule, series, id);
