-- Data version 16: the plans an import in chunks is writing, hidden from
-- every reader until its last chunk.
--
-- A large plan is imported in chunks, each its own short write transaction
-- (dd-store-import.c); between two, other desktops (and the command line)
-- would see a half-imported plan. The first chunk lists the plan here, in
-- the transaction that writes its marker (the setting
-- "import_pending.<plan id>", dd-store-import-undo.c); the last one
-- removes it in the transaction that makes the import whole, and so does
-- taking back an import that failed or was killed. The queries of the
-- task list, the overview, the scorecards, the calendar and the exports
-- leave out the tasks of a plan listed here, and the plan itself
-- (DD_SQL_TASK_SHOWN and DD_SQL_PLAN_SHOWN in dd-store-private.h). The
-- table holds a row only while an import runs; it has no history. On a
-- PostgreSQL server it is the table of the same name (data/pg/0007).

CREATE TABLE import_pending (
  plan_id     INTEGER PRIMARY KEY NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  started_at  TEXT NOT NULL       -- UTC, when its first chunk was written
);

-- An import a version before this one left interrupted is hidden too,
-- until it is taken back.
INSERT INTO import_pending (plan_id, started_at)
  SELECT p.id, s.updated_at FROM settings s JOIN plans p ON p.id = CAST (substr (s.key, 16) AS INTEGER)
  WHERE s.key >= 'import_pending.' AND s.key < 'import_pending/';
