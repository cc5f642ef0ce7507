-- Data version 14: what a re-import in chunks changed, to take it back.
--
-- A large plan imported again over the one the file has is written in
-- chunks, each its own short write transaction, so that other desktops'
-- saves go through meanwhile (dd-store-import.c). Before a chunk changes a
-- task, it copies the columns the import writes into import_undo_tasks
-- (row_saved), and the task's coordinators into import_undo_coordinators
-- (coordinators_saved); a task the import adds is listed with added = 1.
-- The last chunk empties both tables of the plan's rows in the transaction
-- that makes the import whole; an import that failed or was killed is
-- taken back from them (dd-store-import-undo.c), in one transaction. Only
-- the import writes these tables, and they hold rows only while one runs.

CREATE TABLE import_undo_tasks (
  task_id             INTEGER PRIMARY KEY NOT NULL,
  plan_id             INTEGER NOT NULL,
  added               INTEGER NOT NULL DEFAULT 0 CHECK (added IN (0, 1)),
  row_saved           INTEGER NOT NULL DEFAULT 0 CHECK (row_saved IN (0, 1)),
  coordinators_saved  INTEGER NOT NULL DEFAULT 0 CHECK (coordinators_saved IN (0, 1)),
  position            INTEGER,
  title               TEXT,
  lead_unit_id        INTEGER,
  deadline_kind       INTEGER,
  deadline_text       TEXT,
  deadline_understood INTEGER,
  due_on              TEXT,
  periods             INTEGER,
  annual_due          TEXT,
  product             TEXT,
  directing           TEXT,
  search_text         TEXT,
  title_key           BLOB,
  revision            INTEGER,
  updated_at          TEXT,
  updated_by          TEXT
);
CREATE INDEX import_undo_tasks_plan ON import_undo_tasks (plan_id);

CREATE TABLE import_undo_coordinators (
  task_id   INTEGER NOT NULL,
  unit_id   INTEGER NOT NULL,
  position  INTEGER NOT NULL
);
CREATE INDEX import_undo_coordinators_task ON import_undo_coordinators (task_id);
