-- 0009: cycles and areas that reports name and the framework data does not list (issue 15).
-- A report titled with a cycle the data does not know ("PEEL 2027–29") adds that cycle; an
-- area a report grades that its cycle's data does not list is kept under the name the report
-- gives it. Both are marked origin = 'report'. The reviewer may link such an area to a
-- crosswalk theme (linked_theme, with who and when), after which it compares like any other.

ALTER TABLE cycles ADD COLUMN origin TEXT NOT NULL DEFAULT 'framework'
    CHECK (origin IN ('framework', 'report'));

ALTER TABLE questions ADD COLUMN origin TEXT NOT NULL DEFAULT 'framework'
    CHECK (origin IN ('framework', 'report'));
ALTER TABLE questions ADD COLUMN linked_theme TEXT REFERENCES themes(key);
ALTER TABLE questions ADD COLUMN linked_by TEXT;
ALTER TABLE questions ADD COLUMN linked_at TEXT;
