-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc on a PostgreSQL server, migration 8: which tasks changed since a
-- snapshot, so that a window refreshing its task list asks only for them
-- (issue #22).
--
-- A window reads its list (every task's id, status and place, sorted on
-- the server: src/core/pg/dd-pg-list.c) and keeps it with the snapshot it
-- was read in. After another desktop's save it takes a new snapshot and
-- asks for the tasks whose last change that snapshot does not see, instead
-- of the whole list again: task_changes holds, for every task written
-- since this migration, the transaction that last wrote it or its
-- coordinators (which decide a unit's list), also when it was deleted.
-- pg_visible_in_snapshot () tells whether a snapshot sees that
-- transaction; every transaction a snapshot does not see is at or after
-- its xmin, hence the index. A task never written since is in no row: it
-- is as every snapshot since saw it. A TRUNCATE writes the row of task 0:
-- a window then reads its whole list again.
--
-- One row per task, written by the triggers below only (SECURITY DEFINER:
-- nobody is granted more than reading it); the writer of a task holds its
-- row already, so no other save waits for this one.

CREATE TABLE task_changes (
  task_id     bigint PRIMARY KEY,
  changed_xid xid8 NOT NULL
);
CREATE INDEX task_changes_xid ON task_changes (changed_xid);

REVOKE ALL ON task_changes FROM PUBLIC;
GRANT SELECT ON task_changes TO dondoc_viewer, dondoc_unit_editor, dondoc_admin;

-- The row's task: tasks.id, or a coordinator's task_id; both the old and
-- the new one when an update moved the row.
CREATE FUNCTION dd_note_task_change () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  tasks bigint[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    tasks := ARRAY[0];
  ELSIF TG_TABLE_NAME = 'tasks' THEN
    tasks := CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW.id] WHEN 'DELETE' THEN ARRAY[OLD.id]
                        ELSE ARRAY[OLD.id, NEW.id] END;
  ELSE
    tasks := CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW.task_id] WHEN 'DELETE' THEN ARRAY[OLD.task_id]
                        ELSE ARRAY[OLD.task_id, NEW.task_id] END;
  END IF;
  INSERT INTO task_changes AS c (task_id, changed_xid)
    SELECT DISTINCT t, pg_current_xact_id () FROM unnest (tasks) t
    ON CONFLICT (task_id) DO UPDATE SET changed_xid = excluded.changed_xid
    WHERE c.changed_xid <> excluded.changed_xid;
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION dd_note_task_change () FROM PUBLIC;

CREATE TRIGGER tasks_change AFTER INSERT OR UPDATE OR DELETE ON tasks
  FOR EACH ROW EXECUTE FUNCTION dd_note_task_change ();
CREATE TRIGGER tasks_truncate_change AFTER TRUNCATE ON tasks
  FOR EACH STATEMENT EXECUTE FUNCTION dd_note_task_change ();
CREATE TRIGGER task_coordinators_change AFTER INSERT OR UPDATE OR DELETE ON task_coordinators
  FOR EACH ROW EXECUTE FUNCTION dd_note_task_change ();
CREATE TRIGGER task_coordinators_truncate_change AFTER TRUNCATE ON task_coordinators
  FOR EACH STATEMENT EXECUTE FUNCTION dd_note_task_change ();
