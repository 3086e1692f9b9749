-- The lists of the lesson vector index (issue 15): one row per list with its centroid's sign bits
-- (little-endian 64-bit words), trained on trained_on active lessons. Persisted so that every
-- process sorts the lessons into the same lists and an index updated in place ranks exactly as one
-- built anew; written (and lesson_vectors_version raised) when an index of at least 20,000
-- lessons has none, or four times the lessons they were trained on.
CREATE TABLE lesson_vector_lists (
    list INTEGER PRIMARY KEY,
    centroid BLOB NOT NULL,
    trained_on INTEGER NOT NULL
);
