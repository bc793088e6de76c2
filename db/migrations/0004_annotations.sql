-- 0004: the reviewer's annotations (on a passage's words, a judgment, a finding or a whole
-- question), their audit trail, and conflicts met when merging a colleague's review bundle.

CREATE TABLE annotations (
    id TEXT PRIMARY KEY,                       -- a UUID: the same annotation in every copy
    force_id INTEGER NOT NULL REFERENCES forces(id),
    target TEXT NOT NULL CHECK (target IN ('passage', 'judgment', 'finding', 'question')),
    cycle TEXT REFERENCES cycles(key),
    item_key TEXT,                             -- review item: 'theme:…' or 'pillar:…'
    report_id INTEGER REFERENCES reports(id),
    passage_id INTEGER REFERENCES passages(id),
    start INTEGER,                             -- character offsets in the passage's text
    end INTEGER,
    quote TEXT NOT NULL DEFAULT '',            -- the exact words, kept to re-anchor by
    before TEXT NOT NULL DEFAULT '',           -- words just before and after the quote
    after TEXT NOT NULL DEFAULT '',
    judgment_id INTEGER REFERENCES judgments(id),
    finding_id INTEGER REFERENCES findings(id),
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',           -- JSON list of strings
    rag TEXT CHECK (rag IN ('red', 'amber', 'green')),
    key_evidence INTEGER NOT NULL DEFAULT 0,
    ask_chief INTEGER NOT NULL DEFAULT 0,
    anchor TEXT NOT NULL DEFAULT 'anchored' CHECK (anchor IN ('anchored', 'reanchored', 'lost')),
    deleted INTEGER NOT NULL DEFAULT 0,        -- kept, so that undo and merging can see it
    author TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    rev TEXT NOT NULL,                         -- revision: changes with every edit
    ancestry TEXT NOT NULL DEFAULT '[]'        -- JSON: earlier revisions learnt from bundles
);
CREATE INDEX annotations_by_force ON annotations(force_id, item_key, cycle);
CREATE INDEX annotations_by_passage ON annotations(passage_id);

CREATE TABLE annotation_history (
    id INTEGER PRIMARY KEY,
    annotation_id TEXT NOT NULL REFERENCES annotations(id),
    action TEXT NOT NULL CHECK (action IN ('create', 'edit', 'delete', 'restore', 'reanchor',
                                           'merge', 'resolve')),
    author TEXT NOT NULL,
    at TEXT NOT NULL,
    rev TEXT NOT NULL,                         -- the revision this entry produced
    previous TEXT,                             -- JSON of the values before (none on create)
    current TEXT NOT NULL                      -- JSON of the values after
);
CREATE INDEX annotation_history_by_annotation ON annotation_history(annotation_id, id);

CREATE TABLE annotation_conflicts (
    id INTEGER PRIMARY KEY,
    annotation_id TEXT NOT NULL REFERENCES annotations(id),
    theirs TEXT NOT NULL,                      -- JSON of the colleague's version
    their_author TEXT NOT NULL,
    bundle TEXT NOT NULL,                      -- file name it came from
    found TEXT NOT NULL,
    resolved TEXT                              -- 'mine' or 'theirs' once resolved
);
