-- 0008: key figures are no longer read. The patterns matched sentences of one seed report,
-- and no screen, export or bundle ever showed what they found (issue 14): the table goes.

DROP TABLE key_figures;
