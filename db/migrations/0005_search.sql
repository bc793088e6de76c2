-- 0005: full-text search over report passages, findings and the reviewer's annotations.
-- One FTS5 table; triggers keep it in step with every write, in the same transaction.
-- 'porter' stems English ("investigate" finds "investigations").

CREATE VIRTUAL TABLE search_index USING fts5(
    body,
    kind UNINDEXED,          -- 'report', 'finding' or 'note'
    ref UNINDEXED,           -- the row's id in passages, findings or annotations
    tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO search_index (body, kind, ref) SELECT text, 'report', id FROM passages;
INSERT INTO search_index (body, kind, ref) SELECT text, 'finding', id FROM findings;
INSERT INTO search_index (body, kind, ref)
    SELECT trim(note || ' ' || quote || ' ' || replace(replace(replace(tags, '["', ''), '"]', ''), '","', ' ')),
           'note', id FROM annotations WHERE deleted = 0;

CREATE TRIGGER passages_indexed AFTER INSERT ON passages BEGIN
    INSERT INTO search_index (body, kind, ref) VALUES (new.text, 'report', new.id);
END;
CREATE TRIGGER passages_unindexed AFTER DELETE ON passages BEGIN
    DELETE FROM search_index WHERE kind = 'report' AND ref = old.id;
END;
CREATE TRIGGER findings_indexed AFTER INSERT ON findings BEGIN
    INSERT INTO search_index (body, kind, ref) VALUES (new.text, 'finding', new.id);
END;
CREATE TRIGGER findings_unindexed AFTER DELETE ON findings BEGIN
    DELETE FROM search_index WHERE kind = 'finding' AND ref = old.id;
END;
CREATE TRIGGER annotations_indexed AFTER INSERT ON annotations WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (body, kind, ref) VALUES (
        trim(new.note || ' ' || new.quote || ' ' ||
             replace(replace(replace(new.tags, '["', ''), '"]', ''), '","', ' ')),
        'note', new.id);
END;
CREATE TRIGGER annotations_reindexed AFTER UPDATE ON annotations BEGIN
    DELETE FROM search_index WHERE kind = 'note' AND ref = old.id;
    INSERT INTO search_index (body, kind, ref)
        SELECT trim(new.note || ' ' || new.quote || ' ' ||
                    replace(replace(replace(new.tags, '["', ''), '"]', ''), '","', ' ')),
               'note', new.id
        WHERE new.deleted = 0;
END;
