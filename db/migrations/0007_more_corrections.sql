-- 0007: in the import preview the reviewer may also remove a judgment the report does not
-- state, and set a judgment's status and the cycle it was last inspected in. SQLite cannot
-- widen a CHECK in place: the table is rebuilt with its rows.

CREATE TABLE corrections_0007 (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    judgment_id INTEGER REFERENCES judgments(id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (field IN ('force', 'cycle', 'grade', 'added_judgment',
                                         'removed_judgment', 'status', 'last_inspected')),
    proposed TEXT,                                          -- what the recogniser said, if anything
    corrected TEXT NOT NULL,
    author TEXT NOT NULL,
    created TEXT NOT NULL
);
INSERT INTO corrections_0007 (id, report_id, judgment_id, field, proposed, corrected, author,
                              created)
    SELECT id, report_id, judgment_id, field, proposed, corrected, author, created
    FROM corrections;
DROP TABLE corrections;
ALTER TABLE corrections_0007 RENAME TO corrections;
CREATE INDEX corrections_by_report ON corrections(report_id);
