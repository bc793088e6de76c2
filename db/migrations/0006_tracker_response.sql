-- 0006: the findings tracker (status of each finding, with its evidence; links between a
-- finding and the later one that repeats it) and the PCC's section 55 response to a report.

-- What the report itself says about a finding's progress. A finding "referenced" is an
-- earlier cycle's finding described by a later report ("Our 2017 efficiency report identified
-- an area for improvement …"): its cycle is the earlier one, its citation the later report's.
ALTER TABLE findings ADD COLUMN referenced INTEGER NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN stated_status TEXT
    CHECK (stated_status IN ('open', 'in_progress', 'repeated', 'closed'));
ALTER TABLE findings ADD COLUMN status_passage_id INTEGER REFERENCES passages(id);
ALTER TABLE findings ADD COLUMN status_quote TEXT;

-- An earlier finding and the later finding that raises it again: recognised from the report's
-- words, or linked by the reviewer.
CREATE TABLE finding_links (
    earlier_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    later_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    origin TEXT NOT NULL CHECK (origin IN ('recognised', 'reviewer')),
    author TEXT,
    created TEXT NOT NULL,
    PRIMARY KEY (earlier_id, later_id),
    CHECK (earlier_id <> later_id)
);
CREATE INDEX finding_links_by_later ON finding_links(later_id);

-- The reviewer's own view of a finding's status (e.g. "in progress" from the force's plan).
CREATE TABLE finding_reviews (
    finding_id INTEGER PRIMARY KEY REFERENCES findings(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'repeated', 'closed')),
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    updated TEXT NOT NULL
);

-- The PCC's response to a report (Police Reform and Social Responsibility Act 2011, s.55:
-- comments published within 56 days of the report's publication).
CREATE TABLE responses (
    report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    published TEXT,                        -- ISO date the reviewer entered (else the report's)
    introduction TEXT NOT NULL DEFAULT '',
    signoff TEXT NOT NULL DEFAULT '',
    signed_by TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL
);

CREATE TABLE response_items (
    finding_id INTEGER PRIMARY KEY REFERENCES findings(id) ON DELETE CASCADE,
    chief_comment TEXT NOT NULL DEFAULT '',
    pcc_comment TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,                              -- ISO date
    updated TEXT NOT NULL
);
