-- 0005: full-text search over report passages, findings and the reviewer's annotations.
-- One FTS5 table; triggers keep it in step with every write, in the same transaction.
-- 'porter' stems English ("investigate" finds "investigations"). The unindexed columns carry
-- what searches filter on, so that ranking never needs a join. A superseded edition leaves the
-- index (it is kept, and shown where cited, but not searched).

CREATE VIRTUAL TABLE search_index USING fts5(
    body,
    kind UNINDEXED,          -- 'report', 'finding' or 'note'
    ref UNINDEXED,           -- the row's id in passages, findings or annotations
    force_id UNINDEXED,
    cycle UNINDEXED,
    question_key UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO search_index (body, kind, ref, force_id, cycle, question_key)
    SELECT p.text, 'report', p.id, r.force_id, r.cycle, p.question_key
    FROM passages p JOIN reports r ON r.id = p.report_id WHERE r.superseded_by IS NULL;
INSERT INTO search_index (body, kind, ref, force_id, cycle, question_key)
    SELECT f.text, 'finding', f.id, f.force_id, f.cycle, f.question_key
    FROM findings f JOIN reports r ON r.id = f.report_id WHERE r.superseded_by IS NULL;
INSERT INTO search_index (body, kind, ref, force_id, cycle, question_key)
    SELECT trim(a.note || ' ' || a.quote || ' ' ||
                replace(replace(replace(a.tags, '["', ''), '"]', ''), '","', ' ')),
           'note', a.id, a.force_id, a.cycle,
           (SELECT question_key FROM passages WHERE id = a.passage_id)
    FROM annotations a WHERE a.deleted = 0;

CREATE TRIGGER passages_indexed AFTER INSERT ON passages BEGIN
    INSERT INTO search_index (body, kind, ref, force_id, cycle, question_key)
        SELECT new.text, 'report', new.id, r.force_id, r.cycle, new.question_key
        FROM reports r WHERE r.id = new.report_id AND r.superseded_by IS NULL;
END;
CREATE TRIGGER passages_unindexed AFTER DELETE ON passages BEGIN
    DELETE FROM search_index WHERE kind = 'report' AND ref = old.id;
END;
CREATE TRIGGER findings_indexed AFTER INSERT ON findings BEGIN
    INSERT INTO search_index (body, kind, ref, force_id, cycle, question_key)
        VALUES (new.text, 'finding', new.id, new.force_id, new.cycle, new.question_key);
END;
CREATE TRIGGER findings_unindexed AFTER DELETE ON findings BEGIN
    DELETE FROM search_index WHERE kind = 'finding' AND ref = old.id;
END;
CREATE TRIGGER reports_superseded AFTER UPDATE OF superseded_by ON reports
WHEN new.superseded_by IS NOT NULL AND old.superseded_by IS NULL BEGIN
    DELETE FROM search_index
    WHERE (kind = 'report' AND ref IN (SELECT id FROM passages WHERE report_id = new.id))
       OR (kind = 'finding' AND ref IN (SELECT id FROM findings WHERE report_id = new.id));
END;
CREATE TRIGGER annotations_indexed AFTER INSERT ON annotations WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (body, kind, ref, force_id, cycle, question_key) VALUES (
        trim(new.note || ' ' || new.quote || ' ' ||
             replace(replace(replace(new.tags, '["', ''), '"]', ''), '","', ' ')),
        'note', new.id, new.force_id, new.cycle,
        (SELECT question_key FROM passages WHERE id = new.passage_id));
END;
CREATE TRIGGER annotations_reindexed AFTER UPDATE ON annotations BEGIN
    DELETE FROM search_index WHERE kind = 'note' AND ref = old.id;
    INSERT INTO search_index (body, kind, ref, force_id, cycle, question_key)
        SELECT trim(new.note || ' ' || new.quote || ' ' ||
                    replace(replace(replace(new.tags, '["', ''), '"]', ''), '","', ' ')),
               'note', new.id, new.force_id, new.cycle,
               (SELECT question_key FROM passages WHERE id = new.passage_id)
        WHERE new.deleted = 0;
END;
