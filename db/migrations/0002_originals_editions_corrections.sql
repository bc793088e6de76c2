-- 0002: keep the original file of a PDF report, mark superseded editions, and record the
-- reviewer's corrections to what was recognised (who, when, what the recogniser proposed).

ALTER TABLE reports ADD COLUMN original_path TEXT;        -- relative to the database's folder
ALTER TABLE judgments ADD COLUMN origin TEXT NOT NULL DEFAULT 'recognised'
    CHECK (origin IN ('recognised', 'reviewer'));

CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    judgment_id INTEGER REFERENCES judgments(id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (field IN ('force', 'cycle', 'grade', 'added_judgment')),
    proposed TEXT,                                          -- what the recogniser said, if anything
    corrected TEXT NOT NULL,
    author TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX corrections_by_report ON corrections(report_id);
CREATE INDEX reports_by_force_cycle ON reports(force_id, cycle, kind);
