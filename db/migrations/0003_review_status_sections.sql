-- 0003: the reviewer's progress through a force's questions, and which inspection question
-- each passage of a report sits under (so the review shows the evidence for a judgment).

ALTER TABLE passages ADD COLUMN question_key TEXT REFERENCES questions(key);
CREATE INDEX passages_by_question ON passages(report_id, question_key);

CREATE TABLE review_status (
    force_id INTEGER NOT NULL REFERENCES forces(id),
    cycle_set TEXT NOT NULL,          -- the cycles under review, e.g. '2014,2016,2017,2018/19'
    reviewer TEXT NOT NULL,
    item_key TEXT NOT NULL,           -- 'pillar:efficiency' or 'theme:investigation'
    status TEXT NOT NULL CHECK (status IN ('reviewed', 'flagged')),
    updated TEXT NOT NULL,
    PRIMARY KEY (force_id, cycle_set, reviewer, item_key)
);
