-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc on a PostgreSQL server, migration 8: which tasks and which small
-- tables changed since a snapshot, so that a window refreshing its task
-- list asks only for those (issue #22).
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

-- The small tables a window reads whole once a snapshot (units, plans,
-- the settings, the days off, the scoring rules, the imports under way:
-- src/core/pg/dd-pg-live.c) are kept from one snapshot to the next unless
-- table_changes says a transaction the older one did not see wrote them.
-- Written by row (a statement that changes no row notes nothing) and by
-- TRUNCATE; these tables change seldom, so that two writers of one wait
-- for each other's commit is no matter. users is not among them: its role
-- column is the server's role memberships, which GRANT changes.

CREATE TABLE table_changes (
  table_name  text PRIMARY KEY,
  changed_xid xid8 NOT NULL
);

REVOKE ALL ON table_changes FROM PUBLIC;
GRANT SELECT ON table_changes TO dondoc_viewer, dondoc_unit_editor, dondoc_admin;

CREATE FUNCTION dd_note_table_change () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  INSERT INTO table_changes AS c (table_name, changed_xid) VALUES (TG_TABLE_NAME, pg_current_xact_id ())
    ON CONFLICT (table_name) DO UPDATE SET changed_xid = excluded.changed_xid
    WHERE c.changed_xid <> excluded.changed_xid;
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION dd_note_table_change () FROM PUBLIC;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['units', 'plans', 'settings', 'holidays', 'holiday_years', 'indicator_rules',
                           'import_pending']
  LOOP
    EXECUTE format ('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                    'FOR EACH ROW EXECUTE FUNCTION dd_note_table_change ()', t || '_change', t);
    EXECUTE format ('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
                    'FOR EACH STATEMENT EXECUTE FUNCTION dd_note_table_change ()', t || '_truncate_change', t);
  END LOOP;
END
$$;

-- A copy into the server with its triggers off (dondoc-cli migrate) notes
-- every table and task changed: a window open meanwhile reads them again.
CREATE FUNCTION dd_note_all_changed () RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  INSERT INTO task_changes (task_id, changed_xid) VALUES (0, pg_current_xact_id ())
    ON CONFLICT (task_id) DO UPDATE SET changed_xid = excluded.changed_xid;
  INSERT INTO table_changes (table_name, changed_xid)
    SELECT t, pg_current_xact_id () FROM unnest (ARRAY['units', 'plans', 'settings', 'holidays', 'holiday_years',
                                                       'indicator_rules', 'import_pending']) t
    ON CONFLICT (table_name) DO UPDATE SET changed_xid = excluded.changed_xid;
$$;
REVOKE EXECUTE ON FUNCTION dd_note_all_changed () FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dd_note_all_changed () TO dondoc_admin;
