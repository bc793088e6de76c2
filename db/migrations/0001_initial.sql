-- 0001_initial: forces, the PEEL framework, reports with their text, and what was recognised.
-- Applied once, inside a transaction, by peel_desktop.storage.migrations.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE forces (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE cycles (
    key TEXT PRIMARY KEY,
    ordinal INTEGER NOT NULL,
    scale TEXT NOT NULL,              -- JSON list of grades, best first
    pillars_graded INTEGER NOT NULL
);

CREATE TABLE themes (
    key TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE questions (
    key TEXT PRIMARY KEY,             -- '<cycle>:<slug>'
    cycle TEXT NOT NULL REFERENCES cycles(key),
    ordinal INTEGER NOT NULL,
    pillar TEXT,
    theme TEXT REFERENCES themes(key),
    title TEXT NOT NULL,
    graded INTEGER NOT NULL
);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    force_id INTEGER NOT NULL REFERENCES forces(id),
    cycle TEXT NOT NULL REFERENCES cycles(key),
    kind TEXT NOT NULL,
    publisher TEXT,
    published TEXT,                   -- ISO date, only when the source states it
    source_name TEXT NOT NULL,        -- the imported file's name
    media_type TEXT NOT NULL,
    checksum TEXT NOT NULL UNIQUE,    -- sha256 of the imported bytes
    paged INTEGER NOT NULL,
    page_count INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    superseded_by INTEGER REFERENCES reports(id)
);

CREATE TABLE passages (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,         -- paragraph number in the report, 1-based
    page INTEGER,
    page_label TEXT,
    text TEXT NOT NULL,
    UNIQUE (report_id, ordinal)
);

CREATE TABLE judgments (
    id INTEGER PRIMARY KEY,
    force_id INTEGER NOT NULL REFERENCES forces(id),
    cycle TEXT NOT NULL REFERENCES cycles(key),
    level TEXT NOT NULL CHECK (level IN ('pillar', 'question')),
    pillar TEXT CHECK (pillar IN ('effectiveness', 'efficiency', 'legitimacy')),
    question_key TEXT REFERENCES questions(key),
    grade TEXT NOT NULL CHECK (grade IN ('outstanding', 'good', 'adequate',
                                         'requires_improvement', 'inadequate', 'ungraded')),
    status TEXT NOT NULL CHECK (status IN ('graded', 'carried_over', 'ungraded')),
    last_inspected TEXT,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    passage_id INTEGER REFERENCES passages(id),
    quote TEXT NOT NULL,
    evidence TEXT NOT NULL,
    confidence REAL NOT NULL,
    CHECK ((level = 'question') = (question_key IS NOT NULL))
);
CREATE INDEX judgments_by_force ON judgments(force_id, cycle);

CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    force_id INTEGER NOT NULL REFERENCES forces(id),
    cycle TEXT NOT NULL REFERENCES cycles(key),
    kind TEXT NOT NULL CHECK (kind IN ('area_for_improvement', 'cause_of_concern',
                                       'recommendation', 'innovative_practice')),
    question_key TEXT REFERENCES questions(key),
    text TEXT NOT NULL,
    parent_id INTEGER REFERENCES findings(id),
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    passage_id INTEGER REFERENCES passages(id),
    quote TEXT NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX findings_by_force ON findings(force_id, cycle);

CREATE TABLE grade_counts (
    id INTEGER PRIMARY KEY,
    force_id INTEGER NOT NULL REFERENCES forces(id),
    cycle TEXT NOT NULL REFERENCES cycles(key),
    grade TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    passage_id INTEGER REFERENCES passages(id),
    quote TEXT NOT NULL
);

CREATE TABLE key_figures (
    id INTEGER PRIMARY KEY,
    force_id INTEGER NOT NULL REFERENCES forces(id),
    cycle TEXT NOT NULL REFERENCES cycles(key),
    question_key TEXT REFERENCES questions(key),
    label TEXT NOT NULL,
    value TEXT NOT NULL,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    passage_id INTEGER REFERENCES passages(id),
    quote TEXT NOT NULL
);
