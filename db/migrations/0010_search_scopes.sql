-- 0010: search filters in the index itself, and index rows found by rowid.
-- A force, kind or cycle filter was a test of an unindexed column on every match, after
-- every match was ranked: searching one force was slower than searching all 43. Each row now
-- carries its force, kind and cycle as words of an indexed "scope" column (qqf<force id>,
-- qqk<kind>, qqc<cycle's digits>), which FTS5 intersects with the query in the index; only
-- what is left is ranked (its weight in the ranking is nought). Each row's rowid is made from
-- what it indexes (a passage 4n, a finding 4n+1, an annotation 4n+2, n its row's id), so a
-- trigger removing one finds it at once instead of reading the whole index.

DROP TRIGGER IF EXISTS passages_indexed;
DROP TRIGGER IF EXISTS passages_unindexed;
DROP TRIGGER IF EXISTS findings_indexed;
DROP TRIGGER IF EXISTS findings_unindexed;
DROP TRIGGER IF EXISTS reports_superseded;
DROP TRIGGER IF EXISTS annotations_indexed;
DROP TRIGGER IF EXISTS annotations_reindexed;
DROP TABLE IF EXISTS search_index;

CREATE VIRTUAL TABLE search_index USING fts5(
    body,
    scope,                   -- 'qqf12 qqkreport qqc201819': what filters match in the index
    kind UNINDEXED,          -- 'report', 'finding' or 'note'
    ref UNINDEXED,           -- the row's id in passages, findings or annotations
    force_id UNINDEXED,
    cycle UNINDEXED,
    question_key UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO search_index (rowid, body, scope, kind, ref, force_id, cycle, question_key)
    SELECT p.id * 4, p.text,
           'qqf' || r.force_id || ' qqkreport qqc' || replace(replace(r.cycle, '/', ''), '-', ''),
           'report', p.id, r.force_id, r.cycle, p.question_key
    FROM passages p JOIN reports r ON r.id = p.report_id WHERE r.superseded_by IS NULL;
INSERT INTO search_index (rowid, body, scope, kind, ref, force_id, cycle, question_key)
    SELECT f.id * 4 + 1, f.text,
           'qqf' || f.force_id || ' qqkfinding qqc' || replace(replace(f.cycle, '/', ''), '-', ''),
           'finding', f.id, f.force_id, f.cycle, f.question_key
    FROM findings f JOIN reports r ON r.id = f.report_id WHERE r.superseded_by IS NULL;
INSERT INTO search_index (rowid, body, scope, kind, ref, force_id, cycle, question_key)
    SELECT a.rowid * 4 + 2,
           trim(a.note || ' ' || a.quote || ' ' ||
                replace(replace(replace(a.tags, '["', ''), '"]', ''), '","', ' ')),
           'qqf' || a.force_id || ' qqknote qqc' ||
               replace(replace(coalesce(a.cycle, ''), '/', ''), '-', ''),
           'note', a.id, a.force_id, a.cycle,
           (SELECT question_key FROM passages WHERE id = a.passage_id)
    FROM annotations a WHERE a.deleted = 0;

CREATE TRIGGER passages_indexed AFTER INSERT ON passages BEGIN
    INSERT INTO search_index (rowid, body, scope, kind, ref, force_id, cycle, question_key)
        SELECT new.id * 4, new.text,
               'qqf' || r.force_id || ' qqkreport qqc' ||
                   replace(replace(r.cycle, '/', ''), '-', ''),
               'report', new.id, r.force_id, r.cycle, new.question_key
        FROM reports r WHERE r.id = new.report_id AND r.superseded_by IS NULL;
END;
CREATE TRIGGER passages_unindexed AFTER DELETE ON passages BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4;
END;
CREATE TRIGGER findings_indexed AFTER INSERT ON findings BEGIN
    INSERT INTO search_index (rowid, body, scope, kind, ref, force_id, cycle, question_key)
        VALUES (new.id * 4 + 1, new.text,
                'qqf' || new.force_id || ' qqkfinding qqc' ||
                    replace(replace(new.cycle, '/', ''), '-', ''),
                'finding', new.id, new.force_id, new.cycle, new.question_key);
END;
CREATE TRIGGER findings_unindexed AFTER DELETE ON findings BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
END;
CREATE TRIGGER reports_superseded AFTER UPDATE OF superseded_by ON reports
WHEN new.superseded_by IS NOT NULL AND old.superseded_by IS NULL BEGIN
    DELETE FROM search_index
    WHERE rowid IN (SELECT id * 4 FROM passages WHERE report_id = new.id)
       OR rowid IN (SELECT id * 4 + 1 FROM findings WHERE report_id = new.id);
END;
CREATE TRIGGER annotations_indexed AFTER INSERT ON annotations WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (rowid, body, scope, kind, ref, force_id, cycle, question_key)
        VALUES (
        new.rowid * 4 + 2,
        trim(new.note || ' ' || new.quote || ' ' ||
             replace(replace(replace(new.tags, '["', ''), '"]', ''), '","', ' ')),
        'qqf' || new.force_id || ' qqknote qqc' ||
            replace(replace(coalesce(new.cycle, ''), '/', ''), '-', ''),
        'note', new.id, new.force_id, new.cycle,
        (SELECT question_key FROM passages WHERE id = new.passage_id));
END;
CREATE TRIGGER annotations_reindexed AFTER UPDATE ON annotations BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 4 + 2;
    INSERT INTO search_index (rowid, body, scope, kind, ref, force_id, cycle, question_key)
        SELECT new.rowid * 4 + 2,
               trim(new.note || ' ' || new.quote || ' ' ||
                    replace(replace(replace(new.tags, '["', ''), '"]', ''), '","', ' ')),
               'qqf' || new.force_id || ' qqknote qqc' ||
                   replace(replace(coalesce(new.cycle, ''), '/', ''), '-', ''),
               'note', new.id, new.force_id, new.cycle,
               (SELECT question_key FROM passages WHERE id = new.passage_id)
        WHERE new.deleted = 0;
END;
