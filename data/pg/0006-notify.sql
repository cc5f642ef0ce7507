-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc on a PostgreSQL server, migration 6: a notification on every
-- write to the data, for the windows that show it (issue #22).
--
-- A window on the server listens to the channel dondoc_changes on a
-- connection of its own (src/core/pg/dd-pg-notify.c) and takes a new
-- snapshot when notified: nobody polls. The triggers are per statement,
-- and the payload is always empty, so the server folds the notifications
-- of one transaction into one, sent when it commits (none if it rolls
-- back). pg_notify () may be called by every role.

CREATE FUNCTION dd_notify_change () RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify ('dondoc_changes', '');
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['settings', 'plans', 'units', 'tasks', 'task_coordinators', 'progress_updates',
                           'indicators', 'indicator_rules', 'indicator_figures', 'dossier_figures',
                           'holiday_years', 'holidays', 'task_extensions', 'task_schedules',
                           'occurrence_reports', 'task_people', 'task_sources', 'letters_sent', 'users',
                           'audit_log']
  LOOP
    EXECUTE format ('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                    'FOR EACH STATEMENT EXECUTE FUNCTION dd_notify_change ()', t || '_notify', t);
  END LOOP;
END
$$;
