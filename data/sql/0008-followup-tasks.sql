-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 8: the follow-up loop's tasks (issue 15).
--
-- * task_sources: the document a task was assigned by ("Thông báo kết luận
--   số 125/TB-UBND ngày 02/12/2026" of "UBND tỉnh"), one per task.
-- * plans.builtin: 'adhoc' marks the built-in plan "Giao việc ngoài kế
--   hoạch" that holds the assignments outside any plan. The store creates it
--   the first time it is needed (dd_store_get_adhoc_plan_id()), so that a
--   file without such tasks shows no empty plan. It cannot be deleted,
--   renamed or imported over (plans_builtin_* below).
-- * task_extensions: the document that allowed an extension (decision) is
--   recorded; the reason and the signer become optional. SQLite cannot drop
--   a NOT NULL, so the table is rebuilt (its rows kept, ids included).
-- * progress_updates.reopened: the update that reopened a done task.
-- * tasks_guard_insert: a unit editor may add a task its own unit leads.
-- Every new table and column gets its guard and audit triggers here.

-- task_sources

CREATE TABLE task_sources (
  task_id     INTEGER PRIMARY KEY NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  kind        TEXT,                          -- 'Thông báo kết luận'
  number      TEXT,                          -- '125/TB-UBND'
  issued_on   TEXT,                          -- '2026-12-02'
  issuer      TEXT,                          -- 'UBND tỉnh'
  revision    INTEGER NOT NULL DEFAULT 1,
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by  TEXT,
  CHECK (kind IS NOT NULL OR number IS NOT NULL)
);

CREATE TRIGGER task_sources_guard_insert BEFORE INSERT ON task_sources
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = NEW.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER task_sources_guard_update BEFORE UPDATE ON task_sources
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = NEW.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER task_sources_guard_delete BEFORE DELETE ON task_sources
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = OLD.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;

CREATE TRIGGER task_sources_audit_insert AFTER INSERT ON task_sources BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_sources', NEW.task_id, NEW.task_id, 'insert',
          json_object ('task_id', NEW.task_id, 'kind', NEW.kind, 'number', NEW.number,
                      'issued_on', NEW.issued_on, 'issuer', NEW.issuer,
                      'revision', NEW.revision));
END;
CREATE TRIGGER task_sources_audit_update AFTER UPDATE ON task_sources BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_sources', NEW.task_id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('task_id', OLD.task_id, 'kind', OLD.kind, 'number', OLD.number,
                        'issued_on', OLD.issued_on, 'issuer', OLD.issuer,
                        'revision', OLD.revision)) o
        JOIN json_each (json_object ('task_id', NEW.task_id, 'kind', NEW.kind, 'number', NEW.number,
                        'issued_on', NEW.issued_on, 'issuer', NEW.issuer,
                        'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER task_sources_audit_delete AFTER DELETE ON task_sources BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_sources', OLD.task_id, OLD.task_id, 'delete',
          json_object ('task_id', OLD.task_id, 'kind', OLD.kind, 'number', OLD.number,
                      'issued_on', OLD.issued_on, 'issuer', OLD.issuer,
                      'revision', OLD.revision));
END;

-- plans.builtin

ALTER TABLE plans ADD COLUMN builtin TEXT CHECK (builtin IS NULL OR builtin IN ('adhoc'));
CREATE UNIQUE INDEX plans_builtin ON plans (builtin) WHERE builtin IS NOT NULL;

-- The built-in plan is created by whoever first adds a task outside any
-- plan, a unit editor included; any other plan stays an administrator's.
DROP TRIGGER plans_guard_insert;
CREATE TRIGGER plans_guard_insert BEFORE INSERT ON plans
WHEN dd_role () <> 'admin' AND (NEW.builtin IS NULL OR dd_role () <> 'unit_editor') BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
-- Nobody changes or deletes it ('dd:builtin': the store's translated refusal).
CREATE TRIGGER plans_builtin_update BEFORE UPDATE ON plans
WHEN OLD.builtin IS NOT NULL AND (NEW.builtin IS NOT OLD.builtin OR NEW.number IS NOT OLD.number
     OR NEW.title IS NOT OLD.title OR NEW.issued_on IS NOT OLD.issued_on) BEGIN
  SELECT RAISE (ABORT, 'dd:builtin');
END;
CREATE TRIGGER plans_builtin_delete BEFORE DELETE ON plans WHEN OLD.builtin IS NOT NULL BEGIN
  SELECT RAISE (ABORT, 'dd:builtin');
END;

DROP TRIGGER plans_audit_insert;
DROP TRIGGER plans_audit_update;
DROP TRIGGER plans_audit_delete;
CREATE TRIGGER plans_audit_insert AFTER INSERT ON plans BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'plans', NEW.id, NULL, 'insert',
          json_object ('id', NEW.id, 'number', NEW.number, 'issued_on', NEW.issued_on,
                      'title', NEW.title, 'issuer', NEW.issuer, 'basis', NEW.basis,
                      'source_name', NEW.source_name, 'is_sample', NEW.is_sample,
                      'builtin', NEW.builtin, 'revision', NEW.revision));
END;
CREATE TRIGGER plans_audit_update AFTER UPDATE ON plans BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'plans', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'number', OLD.number, 'issued_on', OLD.issued_on,
                        'title', OLD.title, 'issuer', OLD.issuer, 'basis', OLD.basis,
                        'source_name', OLD.source_name, 'is_sample', OLD.is_sample,
                        'builtin', OLD.builtin, 'revision', OLD.revision)) o
        JOIN json_each (json_object ('id', NEW.id, 'number', NEW.number, 'issued_on', NEW.issued_on,
                        'title', NEW.title, 'issuer', NEW.issuer, 'basis', NEW.basis,
                        'source_name', NEW.source_name, 'is_sample', NEW.is_sample,
                        'builtin', NEW.builtin, 'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER plans_audit_delete AFTER DELETE ON plans BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'plans', OLD.id, NULL, 'delete',
          json_object ('id', OLD.id, 'number', OLD.number, 'issued_on', OLD.issued_on,
                      'title', OLD.title, 'issuer', OLD.issuer, 'basis', OLD.basis,
                      'source_name', OLD.source_name, 'is_sample', OLD.is_sample,
                      'builtin', OLD.builtin, 'revision', OLD.revision));
END;

-- task_extensions, rebuilt with the decision

CREATE TABLE task_extensions_v8 (
  id           INTEGER PRIMARY KEY NOT NULL,
  task_id      INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  old_due      TEXT NOT NULL,
  new_due      TEXT NOT NULL,
  decision     TEXT,                         -- 'Công văn số 45/UBND-TH'; required of new rows
  reason       TEXT,
  approved_by  TEXT,                         -- who signed the decision
  approved_on  TEXT NOT NULL,                -- the date it was signed
  recorded_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  recorded_by  TEXT
);
INSERT INTO task_extensions_v8 (id, task_id, old_due, new_due, reason, approved_by, approved_on,
                                recorded_at, recorded_by)
  SELECT id, task_id, old_due, new_due, reason, approved_by, approved_on, recorded_at, recorded_by
  FROM task_extensions;
DROP TABLE task_extensions;
ALTER TABLE task_extensions_v8 RENAME TO task_extensions;
CREATE INDEX task_extensions_task ON task_extensions (task_id, id);

CREATE TRIGGER task_extensions_guard_insert BEFORE INSERT ON task_extensions WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER task_extensions_guard_update BEFORE UPDATE ON task_extensions WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER task_extensions_guard_delete BEFORE DELETE ON task_extensions WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;

CREATE TRIGGER task_extensions_audit_insert AFTER INSERT ON task_extensions BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_extensions', NEW.id, NEW.task_id, 'insert',
          json_object ('id', NEW.id, 'task_id', NEW.task_id, 'old_due', NEW.old_due,
                      'new_due', NEW.new_due, 'decision', NEW.decision, 'reason', NEW.reason,
                      'approved_by', NEW.approved_by, 'approved_on', NEW.approved_on));
END;
CREATE TRIGGER task_extensions_audit_update AFTER UPDATE ON task_extensions BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_extensions', NEW.id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'task_id', OLD.task_id, 'old_due', OLD.old_due,
                        'new_due', OLD.new_due, 'decision', OLD.decision, 'reason', OLD.reason,
                        'approved_by', OLD.approved_by, 'approved_on', OLD.approved_on)) o
        JOIN json_each (json_object ('id', NEW.id, 'task_id', NEW.task_id, 'old_due', NEW.old_due,
                        'new_due', NEW.new_due, 'decision', NEW.decision, 'reason', NEW.reason,
                        'approved_by', NEW.approved_by, 'approved_on', NEW.approved_on)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER task_extensions_audit_delete AFTER DELETE ON task_extensions BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_extensions', OLD.id, OLD.task_id, 'delete',
          json_object ('id', OLD.id, 'task_id', OLD.task_id, 'old_due', OLD.old_due,
                      'new_due', OLD.new_due, 'decision', OLD.decision, 'reason', OLD.reason,
                      'approved_by', OLD.approved_by, 'approved_on', OLD.approved_on));
END;

-- progress_updates.reopened

ALTER TABLE progress_updates ADD COLUMN reopened INTEGER NOT NULL DEFAULT 0 CHECK (reopened IN (0, 1));

DROP TRIGGER progress_updates_audit_insert;
DROP TRIGGER progress_updates_audit_update;
DROP TRIGGER progress_updates_audit_delete;
CREATE TRIGGER progress_updates_audit_insert AFTER INSERT ON progress_updates BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'progress_updates', NEW.id, NEW.task_id, 'insert',
          json_object ('id', NEW.id, 'task_id', NEW.task_id, 'reported_on', NEW.reported_on,
                      'progress', NEW.progress, 'completed_on', NEW.completed_on,
                      'actual_product', NEW.actual_product, 'note', NEW.note,
                      'reopened', NEW.reopened));
END;
CREATE TRIGGER progress_updates_audit_update AFTER UPDATE ON progress_updates BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'progress_updates', NEW.id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'task_id', OLD.task_id, 'reported_on', OLD.reported_on,
                        'progress', OLD.progress, 'completed_on', OLD.completed_on,
                        'actual_product', OLD.actual_product, 'note', OLD.note,
                        'reopened', OLD.reopened)) o
        JOIN json_each (json_object ('id', NEW.id, 'task_id', NEW.task_id, 'reported_on', NEW.reported_on,
                        'progress', NEW.progress, 'completed_on', NEW.completed_on,
                        'actual_product', NEW.actual_product, 'note', NEW.note,
                        'reopened', NEW.reopened)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER progress_updates_audit_delete AFTER DELETE ON progress_updates BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'progress_updates', OLD.id, OLD.task_id, 'delete',
          json_object ('id', OLD.id, 'task_id', OLD.task_id, 'reported_on', OLD.reported_on,
                      'progress', OLD.progress, 'completed_on', OLD.completed_on,
                      'actual_product', OLD.actual_product, 'note', OLD.note,
                      'reopened', OLD.reopened));
END;

-- A unit editor adds the tasks its own unit leads.

DROP TRIGGER tasks_guard_insert;
CREATE TRIGGER tasks_guard_insert BEFORE INSERT ON tasks
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR NEW.lead_unit_id IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
