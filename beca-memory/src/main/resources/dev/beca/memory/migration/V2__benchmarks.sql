-- Benchmark history: named benchmarks, their results, and the learning queue of results that
-- scored below 0.7. Times are epoch milliseconds (UTC). The full result (probe reports, score,
-- hints) is kept as JSON; the columns hold what trends, listing and the cache query by.

CREATE TABLE benchmarks (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL UNIQUE,
    project_path TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
);

CREATE TABLE benchmark_results (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    benchmark_id INTEGER NOT NULL REFERENCES benchmarks (id),
    started_at   INTEGER NOT NULL,
    duration_ms  INTEGER NOT NULL,
    score        REAL    NOT NULL,
    commit_id    TEXT    NOT NULL,
    dirty        INTEGER NOT NULL,
    tree_hash    TEXT    NOT NULL,
    cache_key    TEXT    NOT NULL,
    timed_out    INTEGER NOT NULL,
    result_json  TEXT    NOT NULL
);

CREATE INDEX benchmark_results_by_time ON benchmark_results (benchmark_id, started_at);
CREATE INDEX benchmark_results_by_cache ON benchmark_results (benchmark_id, cache_key);

CREATE TABLE learning_queue (
    id        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    result_id INTEGER NOT NULL UNIQUE REFERENCES benchmark_results (id),
    hints     TEXT    NOT NULL,
    queued_at INTEGER NOT NULL,
    taken_at  INTEGER
);

CREATE INDEX learning_queue_open ON learning_queue (taken_at, id);
