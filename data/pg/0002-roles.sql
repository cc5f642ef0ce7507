-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc on a PostgreSQL server, migration 2: who may do what, enforced by
-- the server whatever program connects (the app, psql, a script).
--
-- * Three group roles, shared by the cluster: dondoc_viewer (reads),
--   dondoc_unit_editor (reads; writes the tasks, reports and figures of its
--   own unit) and dondoc_admin (everything but the audit history, which
--   nobody writes but the triggers). A person is a login role that is a
--   member of one of them ("dondoc-cli --db URL roles grant"); a unit
--   editor's unit is its row of "users".
-- * Row-level security: a unit editor's new or changed row must belong to
--   its unit (WITH CHECK: "new row violates row-level security policy"),
--   it deletes only its unit's rows; the guard triggers below refuse taking
--   over another unit's row (changing its task or unit), the recycle bin
--   and the built-in plan, with the codes of data/sql/0003 as messages.
-- * The audit history: every insert, update and delete, written by
--   dd_audit () (SECURITY DEFINER, the only writer of audit_log) with the
--   server's session_user: the login that connected, not a name the client
--   says. Derived columns are left out as in data/sql/0003.
-- The owner of the tables (the administrator who ran "init") is not bound
-- by row-level security; its changes are audited like everyone's.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dondoc_viewer') THEN
    CREATE ROLE dondoc_viewer NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dondoc_unit_editor') THEN
    CREATE ROLE dondoc_unit_editor NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dondoc_admin') THEN
    CREATE ROLE dondoc_admin NOLOGIN;
  END IF;
END
$$;

-- The role of the connected user (current_user: what its privileges are
-- checked as): 'admin' for members of dondoc_admin, superusers and the
-- database's owner; 'unit_editor'; 'viewer'; NULL for anyone else.
CREATE FUNCTION dd_role () RETURNS text
LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT CASE
    WHEN pg_has_role (current_user, 'dondoc_admin', 'MEMBER')
         OR pg_has_role (current_user, (SELECT datdba FROM pg_database
                                        WHERE datname = current_database ()), 'MEMBER')
      THEN 'admin'
    WHEN pg_has_role (current_user, 'dondoc_unit_editor', 'MEMBER') THEN 'unit_editor'
    WHEN pg_has_role (current_user, 'dondoc_viewer', 'MEMBER') THEN 'viewer'
  END
$$;

-- The unit of the connected user (NULL: none).
CREATE FUNCTION dd_unit () RETURNS bigint
LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT unit_id FROM users WHERE account = current_user
$$;

-- The unit that leads a task (read past row-level security).
CREATE FUNCTION dd_task_unit (p_task_id bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT lead_unit_id FROM tasks WHERE id = p_task_id
$$;

-- Guards: errors with the codes the store turns into translated text.

CREATE FUNCTION dd_refuse (code text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = code;
END
$$;

-- Tasks: only an administrator moves one to or from the recycle bin; nobody
-- else takes over a task another unit leads (WITH CHECK sees the new row only).
CREATE FUNCTION dd_guard_tasks () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF dd_role () IS DISTINCT FROM 'admin' THEN
    IF NEW.deleted_at IS DISTINCT FROM OLD.deleted_at THEN
      PERFORM dd_refuse ('dd:permission:admin');
    END IF;
    IF NEW.lead_unit_id IS DISTINCT FROM OLD.lead_unit_id
       AND OLD.lead_unit_id IS DISTINCT FROM dd_unit () THEN
      PERFORM dd_refuse ('dd:permission:unit');
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER tasks_guard BEFORE UPDATE ON tasks
  FOR EACH ROW EXECUTE FUNCTION dd_guard_tasks ();

-- The rows of a task (coordinators, progress, reports, person, source): a
-- row is not moved from another unit's task.
CREATE FUNCTION dd_guard_task_rows () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF dd_role () IS DISTINCT FROM 'admin' AND NEW.task_id IS DISTINCT FROM OLD.task_id
     AND dd_task_unit (OLD.task_id) IS DISTINCT FROM dd_unit () THEN
    PERFORM dd_refuse ('dd:permission:unit');
  END IF;
  RETURN NEW;
END
$$;

-- Figures: a row is not moved from another unit (or the whole office's).
CREATE FUNCTION dd_guard_unit_rows () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF dd_role () IS DISTINCT FROM 'admin' AND NEW.unit_id IS DISTINCT FROM OLD.unit_id
     AND OLD.unit_id IS DISTINCT FROM dd_unit () THEN
    PERFORM dd_refuse ('dd:permission:unit');
  END IF;
  RETURN NEW;
END
$$;

-- The built-in plan of assignments outside any plan: nobody renames,
-- renumbers or deletes it.
CREATE FUNCTION dd_guard_builtin_plan () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.builtin IS NOT NULL THEN
      PERFORM dd_refuse ('dd:builtin');
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.builtin IS NOT NULL
     AND (NEW.builtin IS DISTINCT FROM OLD.builtin OR NEW.number IS DISTINCT FROM OLD.number
          OR NEW.title IS DISTINCT FROM OLD.title OR NEW.issued_on IS DISTINCT FROM OLD.issued_on) THEN
    PERFORM dd_refuse ('dd:builtin');
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER plans_builtin BEFORE UPDATE OR DELETE ON plans
  FOR EACH ROW EXECUTE FUNCTION dd_guard_builtin_plan ();

-- An indicator whose title speaks of "đúng hạn" is computed (data/sql/0004).
CREATE FUNCTION dd_indicator_rule_on_time () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  IF NEW.title LIKE '%đúng hạn%' THEN
    INSERT INTO indicator_rules (indicator_id, rule) VALUES (NEW.id, 'on_time')
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER indicators_rule_on_time AFTER INSERT ON indicators
  FOR EACH ROW EXECUTE FUNCTION dd_indicator_rule_on_time ();

-- The audit history. Arguments: the column that is the row's id and the
-- column that is its task's id ('' for none).
CREATE FUNCTION dd_audit () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  derived text[] := ARRAY['search_text', 'title_key', 'sort_key', 'match_key', 'created_at',
                          'created_by', 'updated_at', 'updated_by', 'recorded_at', 'recorded_by'];
  old_row jsonb;
  new_row jsonb;
  old_diff jsonb;
  new_diff jsonb;
  any_row jsonb;
  act text := lower (TG_OP);
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_row := to_jsonb (OLD) - derived;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_row := to_jsonb (NEW) - derived;
  END IF;
  any_row := coalesce (new_row, old_row);
  IF TG_OP = 'UPDATE' THEN
    SELECT jsonb_object_agg (k, old_row -> k), jsonb_object_agg (k, new_row -> k)
      INTO old_diff, new_diff
      FROM jsonb_object_keys (new_row) AS k
      WHERE old_row -> k IS DISTINCT FROM new_row -> k;
    IF new_diff IS NULL THEN
      RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'tasks' THEN
      IF old_row ->> 'deleted_at' IS NULL AND new_row ->> 'deleted_at' IS NOT NULL THEN
        act := 'delete';
      ELSIF old_row ->> 'deleted_at' IS NOT NULL AND new_row ->> 'deleted_at' IS NULL THEN
        act := 'restore';
      END IF;
    END IF;
    old_row := old_diff;
    new_row := new_diff;
  END IF;
  INSERT INTO audit_log (account, table_name, row_id, task_id, action, old_values, new_values)
  VALUES (session_user, TG_TABLE_NAME,
          CASE WHEN TG_ARGV[0] <> '' THEN (any_row ->> TG_ARGV[0])::bigint END,
          CASE WHEN TG_ARGV[1] <> '' THEN (any_row ->> TG_ARGV[1])::bigint END,
          act, old_row, new_row);
  RETURN NULL;
END
$$;

-- Each table: its audit trigger, its grants and, for what a unit editor
-- writes, its row-level security.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO dondoc_viewer, dondoc_unit_editor, dondoc_admin;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dondoc_admin;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log, deadline_kinds FROM dondoc_admin;
GRANT INSERT, UPDATE ON tasks TO dondoc_unit_editor;
GRANT INSERT, UPDATE, DELETE ON task_coordinators, progress_updates, occurrence_reports,
  task_people, task_sources, indicator_figures, dossier_figures TO dondoc_unit_editor;
-- The built-in plan is created by whoever first adds a task outside any plan.
GRANT INSERT ON plans TO dondoc_unit_editor;
REVOKE EXECUTE ON FUNCTION dd_audit (), dd_indicator_rule_on_time () FROM PUBLIC;

DO $$
DECLARE
  audited CONSTANT text[][] := ARRAY[
    ['settings', '', ''], ['plans', 'id', ''], ['units', 'id', ''], ['tasks', 'id', 'id'],
    ['task_coordinators', 'task_id', 'task_id'], ['progress_updates', 'id', 'task_id'],
    ['indicators', 'id', ''], ['indicator_figures', 'id', ''],
    ['indicator_rules', 'indicator_id', ''], ['dossier_figures', 'id', ''],
    ['holiday_years', 'year', ''], ['holidays', 'id', ''],
    ['task_extensions', 'id', 'task_id'], ['task_schedules', 'task_id', 'task_id'],
    ['occurrence_reports', 'id', 'task_id'], ['task_people', 'task_id', 'task_id'],
    ['task_sources', 'task_id', 'task_id'], ['users', '', '']];
  task_rows CONSTANT text[] := ARRAY['task_coordinators', 'progress_updates', 'occurrence_reports',
                                     'task_people', 'task_sources'];
  unit_rows CONSTANT text[] := ARRAY['indicator_figures', 'dossier_figures'];
  t text;
  i integer;
BEGIN
  FOR i IN 1 .. array_length (audited, 1) LOOP
    EXECUTE format ('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                    'FOR EACH ROW EXECUTE FUNCTION dd_audit (%L, %L)',
                    audited[i][1] || '_audit', audited[i][1], audited[i][2], audited[i][3]);
  END LOOP;

  FOREACH t IN ARRAY ARRAY['tasks', 'plans'] || task_rows || unit_rows LOOP
    EXECUTE format ('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format ('CREATE POLICY read ON %I FOR SELECT USING (true)', t);
    EXECUTE format ('CREATE POLICY admin ON %I TO dondoc_admin USING (true) WITH CHECK (true)', t);
  END LOOP;

  FOREACH t IN ARRAY task_rows LOOP
    EXECUTE format ('CREATE POLICY unit_insert ON %I FOR INSERT TO dondoc_unit_editor '
                    'WITH CHECK (dd_task_unit (task_id) = dd_unit ())', t);
    EXECUTE format ('CREATE POLICY unit_update ON %I FOR UPDATE TO dondoc_unit_editor '
                    'USING (true) WITH CHECK (dd_task_unit (task_id) = dd_unit ())', t);
    EXECUTE format ('CREATE POLICY unit_delete ON %I FOR DELETE TO dondoc_unit_editor '
                    'USING (dd_task_unit (task_id) = dd_unit ())', t);
    EXECUTE format ('CREATE TRIGGER %I BEFORE UPDATE ON %I '
                    'FOR EACH ROW EXECUTE FUNCTION dd_guard_task_rows ()', t || '_guard', t);
  END LOOP;

  FOREACH t IN ARRAY unit_rows LOOP
    EXECUTE format ('CREATE POLICY unit_insert ON %I FOR INSERT TO dondoc_unit_editor '
                    'WITH CHECK (unit_id = dd_unit ())', t);
    EXECUTE format ('CREATE POLICY unit_update ON %I FOR UPDATE TO dondoc_unit_editor '
                    'USING (true) WITH CHECK (unit_id = dd_unit ())', t);
    EXECUTE format ('CREATE POLICY unit_delete ON %I FOR DELETE TO dondoc_unit_editor '
                    'USING (unit_id = dd_unit ())', t);
    EXECUTE format ('CREATE TRIGGER %I BEFORE UPDATE ON %I '
                    'FOR EACH ROW EXECUTE FUNCTION dd_guard_unit_rows ()', t || '_guard', t);
  END LOOP;
END
$$;

CREATE POLICY unit_insert ON tasks FOR INSERT TO dondoc_unit_editor
  WITH CHECK (lead_unit_id = dd_unit ());
CREATE POLICY unit_update ON tasks FOR UPDATE TO dondoc_unit_editor
  USING (true) WITH CHECK (lead_unit_id = dd_unit ());
CREATE POLICY unit_insert ON plans FOR INSERT TO dondoc_unit_editor
  WITH CHECK (builtin IS NOT NULL);
