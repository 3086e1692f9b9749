-- Texts merged into a lesson as near-duplicates (issue 15), kept with what they came with: the
-- merge decision is not always right, so a merged text is kept rather than dropped, and a split
-- (`beca lessons split ID`) turns it back into a lesson of its own. An exact repeat of the lesson's
-- text keeps none; the same text merging into the same lesson again adds to its row.
CREATE TABLE lesson_merged_texts (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    lesson_id       INTEGER NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    text            TEXT    NOT NULL,
    text_hash       BLOB    NOT NULL,
    category        TEXT    NOT NULL,
    source          TEXT    NOT NULL CHECK (source IN ('CONVERSATION', 'BENCHMARK', 'IMPROVEMENT')),
    -- The evidence links it came with, one per line (as lessons.evidence).
    evidence        TEXT    NOT NULL DEFAULT '',
    confidence      REAL    NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    -- What its merges gave the lesson, taken back by a split: the links the lesson did not have
    -- before, and the confidence it gained.
    added_evidence  TEXT    NOT NULL DEFAULT '',
    confidence_gain REAL    NOT NULL,
    merged_at       INTEGER NOT NULL
);

CREATE UNIQUE INDEX lesson_merged_texts_text ON lesson_merged_texts (lesson_id, text_hash);
