-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 3: one file shared by many desktops.
--
-- * audit_log: every insert, update and delete of the application's tables,
--   written by the triggers below in the same transaction as the change.
--   "user" is dd_user (), an SQL function that each connection of the
--   application registers (the OS account of the person at the desktop).
--   An update records only the columns that changed: old_values holds their
--   values before, new_values after. Derived columns (search_text, the ICU
--   sort keys, updated_at/updated_by, which the log's own at/user repeat)
--   are left out.
-- * users: who may do what. The role is enforced by the guard triggers
--   below (and checked earlier by the store for clearer messages), through
--   dd_role () and dd_unit (), the role and unit of the connection's user.
--   While no account is an administrator, everyone is (see dd-store-shared.h).
-- * tasks.deleted_at / deleted_by: the recycle bin. A task is never erased
--   by the application; deleting it sets these, restoring clears them.
--
-- Because the triggers call dd_user () and dd_role (), a program that has
-- not registered them (the sqlite3 shell) cannot change these tables: every
-- change goes through the application and is accounted for.
-- A new table or column must get its audit and guard triggers here (or in a
-- later migration that drops and re-creates them).

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY NOT NULL,
  at          TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),  -- UTC
  user        TEXT,                          -- OS account (users.account)
  table_name  TEXT NOT NULL,
  row_id      INTEGER,                       -- the row's id (rowid for settings, users)
  task_id     INTEGER,                       -- the task the row belongs to, if any
  action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore')),
  old_values  TEXT,                          -- JSON object, NULL for an insert
  new_values  TEXT                           -- JSON object, NULL for a delete
);
CREATE INDEX audit_log_task ON audit_log (task_id, id) WHERE task_id IS NOT NULL;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user, id);

CREATE TABLE users (
  account       TEXT PRIMARY KEY NOT NULL,   -- OS account name (g_get_user_name)
  display_name  TEXT,
  role          TEXT NOT NULL DEFAULT 'viewer'
                CHECK (role IN ('viewer', 'unit_editor', 'admin')),
  unit_id       INTEGER REFERENCES units (id),
  CHECK (role <> 'unit_editor' OR unit_id IS NOT NULL)
);

ALTER TABLE tasks ADD COLUMN deleted_at TEXT;   -- UTC, NULL: not deleted
ALTER TABLE tasks ADD COLUMN deleted_by TEXT;
CREATE INDEX tasks_deleted ON tasks (deleted_at) WHERE deleted_at IS NOT NULL;

-- Guards. RAISE messages are codes that the store turns into translated
-- text: 'dd:permission:admin' (administrators only), 'dd:permission:unit'
-- (unit editors: only the tasks their unit leads).

CREATE TRIGGER settings_guard_insert BEFORE INSERT ON settings WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER settings_guard_update BEFORE UPDATE ON settings WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER settings_guard_delete BEFORE DELETE ON settings WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER plans_guard_insert BEFORE INSERT ON plans WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER plans_guard_update BEFORE UPDATE ON plans WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER plans_guard_delete BEFORE DELETE ON plans WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER units_guard_insert BEFORE INSERT ON units WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER units_guard_update BEFORE UPDATE ON units WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER units_guard_delete BEFORE DELETE ON units WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER indicators_guard_insert BEFORE INSERT ON indicators WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER indicators_guard_update BEFORE UPDATE ON indicators WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER indicators_guard_delete BEFORE DELETE ON indicators WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER holiday_years_guard_insert BEFORE INSERT ON holiday_years WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER holiday_years_guard_update BEFORE UPDATE ON holiday_years WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER holiday_years_guard_delete BEFORE DELETE ON holiday_years WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER holidays_guard_insert BEFORE INSERT ON holidays WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER holidays_guard_update BEFORE UPDATE ON holidays WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER holidays_guard_delete BEFORE DELETE ON holidays WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER task_extensions_guard_insert BEFORE INSERT ON task_extensions WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER task_extensions_guard_update BEFORE UPDATE ON task_extensions WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER task_extensions_guard_delete BEFORE DELETE ON task_extensions WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER task_schedules_guard_insert BEFORE INSERT ON task_schedules WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER task_schedules_guard_update BEFORE UPDATE ON task_schedules WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER task_schedules_guard_delete BEFORE DELETE ON task_schedules WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER tasks_guard_insert BEFORE INSERT ON tasks WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER tasks_guard_delete BEFORE DELETE ON tasks WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER tasks_guard_bin BEFORE UPDATE OF deleted_at ON tasks
WHEN dd_role () <> 'admin' AND NEW.deleted_at IS NOT OLD.deleted_at BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER tasks_guard_update BEFORE UPDATE ON tasks
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR OLD.lead_unit_id IS NOT dd_unit ()
                                OR NEW.lead_unit_id IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER task_coordinators_guard_insert BEFORE INSERT ON task_coordinators
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = NEW.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER task_coordinators_guard_update BEFORE UPDATE ON task_coordinators
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = NEW.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER task_coordinators_guard_delete BEFORE DELETE ON task_coordinators
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = OLD.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER progress_updates_guard_insert BEFORE INSERT ON progress_updates
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = NEW.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER progress_updates_guard_update BEFORE UPDATE ON progress_updates
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = NEW.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER progress_updates_guard_delete BEFORE DELETE ON progress_updates
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = OLD.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER occurrence_reports_guard_insert BEFORE INSERT ON occurrence_reports
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = NEW.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER occurrence_reports_guard_update BEFORE UPDATE ON occurrence_reports
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = NEW.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER occurrence_reports_guard_delete BEFORE DELETE ON occurrence_reports
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = OLD.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER indicator_figures_guard_insert BEFORE INSERT ON indicator_figures
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR NEW.unit_id IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER indicator_figures_guard_update BEFORE UPDATE ON indicator_figures
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR NEW.unit_id IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER indicator_figures_guard_delete BEFORE DELETE ON indicator_figures
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR OLD.unit_id IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
-- Everyone may record their own display name (as a viewer); only an
-- administrator gives roles.
CREATE TRIGGER users_guard_insert BEFORE INSERT ON users
WHEN dd_role () <> 'admin' AND (NEW.account IS NOT dd_user () OR NEW.role <> 'viewer'
                                OR NEW.unit_id IS NOT NULL) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER users_guard_update BEFORE UPDATE ON users
WHEN dd_role () <> 'admin' AND (OLD.account IS NOT dd_user () OR NEW.account IS NOT OLD.account
                                OR NEW.role IS NOT OLD.role OR NEW.unit_id IS NOT OLD.unit_id) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER users_guard_delete BEFORE DELETE ON users WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;

-- Audit triggers, one set per table.

-- settings
CREATE TRIGGER settings_audit_insert AFTER INSERT ON settings BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'settings', NEW.rowid, NULL, 'insert',
          json_object ('key', NEW.key, 'value', NEW.value, 'revision', NEW.revision));
END;
CREATE TRIGGER settings_audit_update AFTER UPDATE ON settings BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'settings', NEW.rowid, NULL,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('key', OLD.key, 'value', OLD.value, 'revision', OLD.revision)) o
        JOIN json_each (json_object ('key', NEW.key, 'value', NEW.value, 'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER settings_audit_delete AFTER DELETE ON settings BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'settings', OLD.rowid, NULL, 'delete',
          json_object ('key', OLD.key, 'value', OLD.value, 'revision', OLD.revision));
END;

-- plans
CREATE TRIGGER plans_audit_insert AFTER INSERT ON plans BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'plans', NEW.id, NULL, 'insert',
          json_object ('id', NEW.id, 'number', NEW.number, 'issued_on', NEW.issued_on,
                      'title', NEW.title, 'issuer', NEW.issuer, 'basis', NEW.basis,
                      'source_name', NEW.source_name, 'is_sample', NEW.is_sample,
                      'revision', NEW.revision));
END;
CREATE TRIGGER plans_audit_update AFTER UPDATE ON plans BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'plans', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'number', OLD.number, 'issued_on', OLD.issued_on,
                        'title', OLD.title, 'issuer', OLD.issuer, 'basis', OLD.basis,
                        'source_name', OLD.source_name, 'is_sample', OLD.is_sample,
                        'revision', OLD.revision)) o
        JOIN json_each (json_object ('id', NEW.id, 'number', NEW.number, 'issued_on', NEW.issued_on,
                        'title', NEW.title, 'issuer', NEW.issuer, 'basis', NEW.basis,
                        'source_name', NEW.source_name, 'is_sample', NEW.is_sample,
                        'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER plans_audit_delete AFTER DELETE ON plans BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'plans', OLD.id, NULL, 'delete',
          json_object ('id', OLD.id, 'number', OLD.number, 'issued_on', OLD.issued_on,
                      'title', OLD.title, 'issuer', OLD.issuer, 'basis', OLD.basis,
                      'source_name', OLD.source_name, 'is_sample', OLD.is_sample,
                      'revision', OLD.revision));
END;

-- units
CREATE TRIGGER units_audit_insert AFTER INSERT ON units BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'units', NEW.id, NULL, 'insert',
          json_object ('id', NEW.id, 'name', NEW.name, 'is_group', NEW.is_group,
                      'revision', NEW.revision));
END;
CREATE TRIGGER units_audit_update AFTER UPDATE ON units BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'units', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'name', OLD.name, 'is_group', OLD.is_group,
                        'revision', OLD.revision)) o
        JOIN json_each (json_object ('id', NEW.id, 'name', NEW.name, 'is_group', NEW.is_group,
                        'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER units_audit_delete AFTER DELETE ON units BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'units', OLD.id, NULL, 'delete',
          json_object ('id', OLD.id, 'name', OLD.name, 'is_group', OLD.is_group,
                      'revision', OLD.revision));
END;

-- tasks
CREATE TRIGGER tasks_audit_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'tasks', NEW.id, NEW.id, 'insert',
          json_object ('id', NEW.id, 'plan_id', NEW.plan_id, 'position', NEW.position,
                      'number', NEW.number, 'title', NEW.title,
                      'lead_unit_id', NEW.lead_unit_id, 'deadline_kind', NEW.deadline_kind,
                      'deadline_text', NEW.deadline_text,
                      'deadline_understood', NEW.deadline_understood, 'due_on', NEW.due_on,
                      'periods', NEW.periods, 'annual_due', NEW.annual_due,
                      'product', NEW.product, 'directing', NEW.directing,
                      'progress', NEW.progress, 'completed_on', NEW.completed_on,
                      'actual_product', NEW.actual_product, 'note', NEW.note,
                      'revision', NEW.revision, 'deleted_at', NEW.deleted_at,
                      'deleted_by', NEW.deleted_by));
END;
CREATE TRIGGER tasks_audit_update AFTER UPDATE ON tasks BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'tasks', NEW.id, NEW.id,
         CASE WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN 'delete'
              WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN 'restore'
              ELSE 'update' END, d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'plan_id', OLD.plan_id, 'position', OLD.position,
                        'number', OLD.number, 'title', OLD.title,
                        'lead_unit_id', OLD.lead_unit_id, 'deadline_kind', OLD.deadline_kind,
                        'deadline_text', OLD.deadline_text,
                        'deadline_understood', OLD.deadline_understood, 'due_on', OLD.due_on,
                        'periods', OLD.periods, 'annual_due', OLD.annual_due,
                        'product', OLD.product, 'directing', OLD.directing,
                        'progress', OLD.progress, 'completed_on', OLD.completed_on,
                        'actual_product', OLD.actual_product, 'note', OLD.note,
                        'revision', OLD.revision, 'deleted_at', OLD.deleted_at,
                        'deleted_by', OLD.deleted_by)) o
        JOIN json_each (json_object ('id', NEW.id, 'plan_id', NEW.plan_id, 'position', NEW.position,
                        'number', NEW.number, 'title', NEW.title,
                        'lead_unit_id', NEW.lead_unit_id, 'deadline_kind', NEW.deadline_kind,
                        'deadline_text', NEW.deadline_text,
                        'deadline_understood', NEW.deadline_understood, 'due_on', NEW.due_on,
                        'periods', NEW.periods, 'annual_due', NEW.annual_due,
                        'product', NEW.product, 'directing', NEW.directing,
                        'progress', NEW.progress, 'completed_on', NEW.completed_on,
                        'actual_product', NEW.actual_product, 'note', NEW.note,
                        'revision', NEW.revision, 'deleted_at', NEW.deleted_at,
                        'deleted_by', NEW.deleted_by)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER tasks_audit_delete AFTER DELETE ON tasks BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'tasks', OLD.id, OLD.id, 'delete',
          json_object ('id', OLD.id, 'plan_id', OLD.plan_id, 'position', OLD.position,
                      'number', OLD.number, 'title', OLD.title,
                      'lead_unit_id', OLD.lead_unit_id, 'deadline_kind', OLD.deadline_kind,
                      'deadline_text', OLD.deadline_text,
                      'deadline_understood', OLD.deadline_understood, 'due_on', OLD.due_on,
                      'periods', OLD.periods, 'annual_due', OLD.annual_due,
                      'product', OLD.product, 'directing', OLD.directing,
                      'progress', OLD.progress, 'completed_on', OLD.completed_on,
                      'actual_product', OLD.actual_product, 'note', OLD.note,
                      'revision', OLD.revision, 'deleted_at', OLD.deleted_at,
                      'deleted_by', OLD.deleted_by));
END;

-- task_coordinators
CREATE TRIGGER task_coordinators_audit_insert AFTER INSERT ON task_coordinators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_coordinators', NEW.task_id, NEW.task_id, 'insert',
          json_object ('task_id', NEW.task_id, 'unit_id', NEW.unit_id,
                      'position', NEW.position));
END;
CREATE TRIGGER task_coordinators_audit_update AFTER UPDATE ON task_coordinators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_coordinators', NEW.task_id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('task_id', OLD.task_id, 'unit_id', OLD.unit_id,
                        'position', OLD.position)) o
        JOIN json_each (json_object ('task_id', NEW.task_id, 'unit_id', NEW.unit_id,
                        'position', NEW.position)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER task_coordinators_audit_delete AFTER DELETE ON task_coordinators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_coordinators', OLD.task_id, OLD.task_id, 'delete',
          json_object ('task_id', OLD.task_id, 'unit_id', OLD.unit_id,
                      'position', OLD.position));
END;

-- progress_updates
CREATE TRIGGER progress_updates_audit_insert AFTER INSERT ON progress_updates BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'progress_updates', NEW.id, NEW.task_id, 'insert',
          json_object ('id', NEW.id, 'task_id', NEW.task_id, 'reported_on', NEW.reported_on,
                      'progress', NEW.progress, 'completed_on', NEW.completed_on,
                      'actual_product', NEW.actual_product, 'note', NEW.note));
END;
CREATE TRIGGER progress_updates_audit_update AFTER UPDATE ON progress_updates BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'progress_updates', NEW.id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'task_id', OLD.task_id, 'reported_on', OLD.reported_on,
                        'progress', OLD.progress, 'completed_on', OLD.completed_on,
                        'actual_product', OLD.actual_product, 'note', OLD.note)) o
        JOIN json_each (json_object ('id', NEW.id, 'task_id', NEW.task_id, 'reported_on', NEW.reported_on,
                        'progress', NEW.progress, 'completed_on', NEW.completed_on,
                        'actual_product', NEW.actual_product, 'note', NEW.note)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER progress_updates_audit_delete AFTER DELETE ON progress_updates BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'progress_updates', OLD.id, OLD.task_id, 'delete',
          json_object ('id', OLD.id, 'task_id', OLD.task_id, 'reported_on', OLD.reported_on,
                      'progress', OLD.progress, 'completed_on', OLD.completed_on,
                      'actual_product', OLD.actual_product, 'note', OLD.note));
END;

-- indicators
CREATE TRIGGER indicators_audit_insert AFTER INSERT ON indicators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'indicators', NEW.id, NULL, 'insert',
          json_object ('id', NEW.id, 'plan_id', NEW.plan_id, 'position', NEW.position,
                      'title', NEW.title, 'target', NEW.target, 'revision', NEW.revision));
END;
CREATE TRIGGER indicators_audit_update AFTER UPDATE ON indicators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'indicators', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'plan_id', OLD.plan_id, 'position', OLD.position,
                        'title', OLD.title, 'target', OLD.target, 'revision', OLD.revision)) o
        JOIN json_each (json_object ('id', NEW.id, 'plan_id', NEW.plan_id, 'position', NEW.position,
                        'title', NEW.title, 'target', NEW.target, 'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER indicators_audit_delete AFTER DELETE ON indicators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'indicators', OLD.id, NULL, 'delete',
          json_object ('id', OLD.id, 'plan_id', OLD.plan_id, 'position', OLD.position,
                      'title', OLD.title, 'target', OLD.target, 'revision', OLD.revision));
END;

-- indicator_figures
CREATE TRIGGER indicator_figures_audit_insert AFTER INSERT ON indicator_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'indicator_figures', NEW.id, NULL, 'insert',
          json_object ('id', NEW.id, 'indicator_id', NEW.indicator_id, 'unit_id', NEW.unit_id,
                      'period_start', NEW.period_start, 'period_end', NEW.period_end,
                      'numerator', NEW.numerator, 'denominator', NEW.denominator,
                      'source', NEW.source, 'revision', NEW.revision));
END;
CREATE TRIGGER indicator_figures_audit_update AFTER UPDATE ON indicator_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'indicator_figures', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'indicator_id', OLD.indicator_id, 'unit_id', OLD.unit_id,
                        'period_start', OLD.period_start, 'period_end', OLD.period_end,
                        'numerator', OLD.numerator, 'denominator', OLD.denominator,
                        'source', OLD.source, 'revision', OLD.revision)) o
        JOIN json_each (json_object ('id', NEW.id, 'indicator_id', NEW.indicator_id, 'unit_id', NEW.unit_id,
                        'period_start', NEW.period_start, 'period_end', NEW.period_end,
                        'numerator', NEW.numerator, 'denominator', NEW.denominator,
                        'source', NEW.source, 'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER indicator_figures_audit_delete AFTER DELETE ON indicator_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'indicator_figures', OLD.id, NULL, 'delete',
          json_object ('id', OLD.id, 'indicator_id', OLD.indicator_id, 'unit_id', OLD.unit_id,
                      'period_start', OLD.period_start, 'period_end', OLD.period_end,
                      'numerator', OLD.numerator, 'denominator', OLD.denominator,
                      'source', OLD.source, 'revision', OLD.revision));
END;

-- holiday_years
CREATE TRIGGER holiday_years_audit_insert AFTER INSERT ON holiday_years BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'holiday_years', NEW.year, NULL, 'insert',
          json_object ('year', NEW.year));
END;
CREATE TRIGGER holiday_years_audit_update AFTER UPDATE ON holiday_years BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'holiday_years', NEW.year, NULL,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('year', OLD.year)) o
        JOIN json_each (json_object ('year', NEW.year)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER holiday_years_audit_delete AFTER DELETE ON holiday_years BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'holiday_years', OLD.year, NULL, 'delete',
          json_object ('year', OLD.year));
END;

-- holidays
CREATE TRIGGER holidays_audit_insert AFTER INSERT ON holidays BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'holidays', NEW.id, NULL, 'insert',
          json_object ('id', NEW.id, 'year', NEW.year, 'day', NEW.day, 'kind', NEW.kind,
                      'name', NEW.name, 'revision', NEW.revision));
END;
CREATE TRIGGER holidays_audit_update AFTER UPDATE ON holidays BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'holidays', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'year', OLD.year, 'day', OLD.day, 'kind', OLD.kind,
                        'name', OLD.name, 'revision', OLD.revision)) o
        JOIN json_each (json_object ('id', NEW.id, 'year', NEW.year, 'day', NEW.day, 'kind', NEW.kind,
                        'name', NEW.name, 'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER holidays_audit_delete AFTER DELETE ON holidays BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'holidays', OLD.id, NULL, 'delete',
          json_object ('id', OLD.id, 'year', OLD.year, 'day', OLD.day, 'kind', OLD.kind,
                      'name', OLD.name, 'revision', OLD.revision));
END;

-- task_extensions
CREATE TRIGGER task_extensions_audit_insert AFTER INSERT ON task_extensions BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_extensions', NEW.id, NEW.task_id, 'insert',
          json_object ('id', NEW.id, 'task_id', NEW.task_id, 'old_due', NEW.old_due,
                      'new_due', NEW.new_due, 'reason', NEW.reason,
                      'approved_by', NEW.approved_by, 'approved_on', NEW.approved_on));
END;
CREATE TRIGGER task_extensions_audit_update AFTER UPDATE ON task_extensions BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_extensions', NEW.id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'task_id', OLD.task_id, 'old_due', OLD.old_due,
                        'new_due', OLD.new_due, 'reason', OLD.reason,
                        'approved_by', OLD.approved_by, 'approved_on', OLD.approved_on)) o
        JOIN json_each (json_object ('id', NEW.id, 'task_id', NEW.task_id, 'old_due', NEW.old_due,
                        'new_due', NEW.new_due, 'reason', NEW.reason,
                        'approved_by', NEW.approved_by, 'approved_on', NEW.approved_on)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER task_extensions_audit_delete AFTER DELETE ON task_extensions BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_extensions', OLD.id, OLD.task_id, 'delete',
          json_object ('id', OLD.id, 'task_id', OLD.task_id, 'old_due', OLD.old_due,
                      'new_due', OLD.new_due, 'reason', OLD.reason,
                      'approved_by', OLD.approved_by, 'approved_on', OLD.approved_on));
END;

-- task_schedules
CREATE TRIGGER task_schedules_audit_insert AFTER INSERT ON task_schedules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_schedules', NEW.task_id, NEW.task_id, 'insert',
          json_object ('task_id', NEW.task_id, 'due_rule', NEW.due_rule,
                      'due_param', NEW.due_param,
                      'update_every_months', NEW.update_every_months,
                      'revision', NEW.revision));
END;
CREATE TRIGGER task_schedules_audit_update AFTER UPDATE ON task_schedules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_schedules', NEW.task_id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('task_id', OLD.task_id, 'due_rule', OLD.due_rule,
                        'due_param', OLD.due_param,
                        'update_every_months', OLD.update_every_months,
                        'revision', OLD.revision)) o
        JOIN json_each (json_object ('task_id', NEW.task_id, 'due_rule', NEW.due_rule,
                        'due_param', NEW.due_param,
                        'update_every_months', NEW.update_every_months,
                        'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER task_schedules_audit_delete AFTER DELETE ON task_schedules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_schedules', OLD.task_id, OLD.task_id, 'delete',
          json_object ('task_id', OLD.task_id, 'due_rule', OLD.due_rule,
                      'due_param', OLD.due_param,
                      'update_every_months', OLD.update_every_months,
                      'revision', OLD.revision));
END;

-- occurrence_reports
CREATE TRIGGER occurrence_reports_audit_insert AFTER INSERT ON occurrence_reports BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'occurrence_reports', NEW.id, NEW.task_id, 'insert',
          json_object ('id', NEW.id, 'task_id', NEW.task_id, 'kind', NEW.kind,
                      'year', NEW.year, 'period_index', NEW.period_index, 'title', NEW.title,
                      'due_on', NEW.due_on, 'reported_on', NEW.reported_on, 'note', NEW.note,
                      'revision', NEW.revision));
END;
CREATE TRIGGER occurrence_reports_audit_update AFTER UPDATE ON occurrence_reports BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'occurrence_reports', NEW.id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'task_id', OLD.task_id, 'kind', OLD.kind,
                        'year', OLD.year, 'period_index', OLD.period_index, 'title', OLD.title,
                        'due_on', OLD.due_on, 'reported_on', OLD.reported_on, 'note', OLD.note,
                        'revision', OLD.revision)) o
        JOIN json_each (json_object ('id', NEW.id, 'task_id', NEW.task_id, 'kind', NEW.kind,
                        'year', NEW.year, 'period_index', NEW.period_index, 'title', NEW.title,
                        'due_on', NEW.due_on, 'reported_on', NEW.reported_on, 'note', NEW.note,
                        'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER occurrence_reports_audit_delete AFTER DELETE ON occurrence_reports BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'occurrence_reports', OLD.id, OLD.task_id, 'delete',
          json_object ('id', OLD.id, 'task_id', OLD.task_id, 'kind', OLD.kind,
                      'year', OLD.year, 'period_index', OLD.period_index, 'title', OLD.title,
                      'due_on', OLD.due_on, 'reported_on', OLD.reported_on, 'note', OLD.note,
                      'revision', OLD.revision));
END;

-- users
CREATE TRIGGER users_audit_insert AFTER INSERT ON users BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'users', NEW.rowid, NULL, 'insert',
          json_object ('account', NEW.account, 'display_name', NEW.display_name,
                      'role', NEW.role, 'unit_id', NEW.unit_id));
END;
CREATE TRIGGER users_audit_update AFTER UPDATE ON users BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'users', NEW.rowid, NULL,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('account', OLD.account, 'display_name', OLD.display_name,
                        'role', OLD.role, 'unit_id', OLD.unit_id)) o
        JOIN json_each (json_object ('account', NEW.account, 'display_name', NEW.display_name,
                        'role', NEW.role, 'unit_id', NEW.unit_id)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER users_audit_delete AFTER DELETE ON users BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'users', OLD.rowid, NULL, 'delete',
          json_object ('account', OLD.account, 'display_name', OLD.display_name,
                      'role', OLD.role, 'unit_id', OLD.unit_id));
END;

