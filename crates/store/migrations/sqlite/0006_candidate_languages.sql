-- Languages a candidate speaks other than German, each with its CEFR level (or `native`),
-- certificate, exam date and the expected date of the next level. German stays on
-- `candidates` (german_level, german_certificate, german_exam_date, german_next_expected): those
-- columns are the one source that matching and the language track read, so `de` is never a row
-- here (the app refuses it). Mirrors migrations/postgres/0006_candidate_languages.sql.
--
-- language: ISO 639-1 code (lower case); level: `A1` … `C2` or `native`; dates Unix seconds at
-- 00:00 UTC; position orders the list (0 first).
CREATE TABLE candidate_languages (
    id             INTEGER PRIMARY KEY,
    candidate_id   INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    language       TEXT    NOT NULL,
    level          TEXT    NOT NULL,
    certificate    TEXT,
    exam_date      INTEGER,
    next_expected  INTEGER,
    position       INTEGER NOT NULL,
    UNIQUE (candidate_id, language),
    CHECK (language <> 'de')
);
