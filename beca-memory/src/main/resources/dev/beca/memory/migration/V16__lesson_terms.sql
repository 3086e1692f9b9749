-- Document frequencies of the lesson texts' terms (issue 15): lesson search leaves out words
-- found in more than 1% of the lessons, as history search does with messages_fts_terms.
CREATE VIRTUAL TABLE lessons_fts_terms USING fts5vocab (lessons_fts, 'row');
