-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 9: the reports of the follow-up loop (issue #15).
--
-- * occurrence_reports: the report's number ("45/BC-HCQT"), and the 9-month
--   report of Nghị định 09/2019/NĐ-CP (kind 6, DD_OCCURRENCE_NINE_MONTHS).
--   SQLite cannot change a CHECK constraint, so the table is made again
--   with its rows (ids kept: the history refers to them), its indexes and
--   its guard and audit triggers (now with report_number).
-- * task_schedules.periods: the reporting periods a periodic task is set to
--   (DdPeriodFlags), overriding what its "Thời gian" text implied; NULL
--   keeps the text's. Its audit triggers are made again with the column.
-- The office-wide default schedule is one row of settings (key
-- "default_schedule", value "periods=14;due_rule=0;due_param=0;
-- update_every_months=1"), audited by the triggers of settings.
-- Taking a report back sets reported_on to NULL: an update the audit log
-- records like any other ("reported_on": date → null).

ALTER TABLE occurrence_reports RENAME TO occurrence_reports_old;

CREATE TABLE occurrence_reports (
  id            INTEGER PRIMARY KEY NOT NULL,
  task_id       INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  kind          INTEGER NOT NULL CHECK (kind IN (0, 1, 2, 3, 4, 6)),
  year          INTEGER NOT NULL,
  period_index  INTEGER NOT NULL DEFAULT 0,
  title         TEXT,                          -- ad hoc: what was asked
  due_on        TEXT,                          -- ad hoc: its due date
  reported_on   TEXT,                          -- NULL: not reported (or taken back)
  note          TEXT,
  report_number TEXT,                          -- "45/BC-HCQT"
  revision      INTEGER NOT NULL DEFAULT 1,
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by    TEXT,
  CHECK (kind <> 4 OR (title IS NOT NULL AND due_on IS NOT NULL))
);

INSERT INTO occurrence_reports (id, task_id, kind, year, period_index, title, due_on, reported_on, note,
                                revision, updated_at, updated_by)
  SELECT id, task_id, kind, year, period_index, title, due_on, reported_on, note,
         revision, updated_at, updated_by
  FROM occurrence_reports_old;

DROP TABLE occurrence_reports_old;

CREATE UNIQUE INDEX occurrence_reports_period
  ON occurrence_reports (task_id, kind, year, period_index) WHERE kind <> 4;
CREATE INDEX occurrence_reports_due ON occurrence_reports (due_on) WHERE kind = 4;

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

CREATE TRIGGER occurrence_reports_audit_insert AFTER INSERT ON occurrence_reports BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'occurrence_reports', NEW.id, NEW.task_id, 'insert',
          json_object ('id', NEW.id, 'task_id', NEW.task_id, 'kind', NEW.kind,
                      'year', NEW.year, 'period_index', NEW.period_index, 'title', NEW.title,
                      'due_on', NEW.due_on, 'reported_on', NEW.reported_on, 'note', NEW.note,
                      'report_number', NEW.report_number, 'revision', NEW.revision));
END;
CREATE TRIGGER occurrence_reports_audit_update AFTER UPDATE ON occurrence_reports BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'occurrence_reports', NEW.id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'task_id', OLD.task_id, 'kind', OLD.kind,
                        'year', OLD.year, 'period_index', OLD.period_index, 'title', OLD.title,
                        'due_on', OLD.due_on, 'reported_on', OLD.reported_on, 'note', OLD.note,
                        'report_number', OLD.report_number, 'revision', OLD.revision)) o
        JOIN json_each (json_object ('id', NEW.id, 'task_id', NEW.task_id, 'kind', NEW.kind,
                        'year', NEW.year, 'period_index', NEW.period_index, 'title', NEW.title,
                        'due_on', NEW.due_on, 'reported_on', NEW.reported_on, 'note', NEW.note,
                        'report_number', NEW.report_number, 'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER occurrence_reports_audit_delete AFTER DELETE ON occurrence_reports BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'occurrence_reports', OLD.id, OLD.task_id, 'delete',
          json_object ('id', OLD.id, 'task_id', OLD.task_id, 'kind', OLD.kind,
                      'year', OLD.year, 'period_index', OLD.period_index, 'title', OLD.title,
                      'due_on', OLD.due_on, 'reported_on', OLD.reported_on, 'note', OLD.note,
                      'report_number', OLD.report_number, 'revision', OLD.revision));
END;

-- The periods of a periodic task, when set for it (DdPeriodFlags, 1–63).
ALTER TABLE task_schedules ADD COLUMN periods INTEGER CHECK (periods IS NULL OR periods BETWEEN 1 AND 63);

DROP TRIGGER task_schedules_audit_insert;
DROP TRIGGER task_schedules_audit_update;
DROP TRIGGER task_schedules_audit_delete;

CREATE TRIGGER task_schedules_audit_insert AFTER INSERT ON task_schedules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_schedules', NEW.task_id, NEW.task_id, 'insert',
          json_object ('task_id', NEW.task_id, 'periods', NEW.periods, 'due_rule', NEW.due_rule,
                      'due_param', NEW.due_param,
                      'update_every_months', NEW.update_every_months,
                      'revision', NEW.revision));
END;
CREATE TRIGGER task_schedules_audit_update AFTER UPDATE ON task_schedules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_schedules', NEW.task_id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('task_id', OLD.task_id, 'periods', OLD.periods,
                        'due_rule', OLD.due_rule, 'due_param', OLD.due_param,
                        'update_every_months', OLD.update_every_months,
                        'revision', OLD.revision)) o
        JOIN json_each (json_object ('task_id', NEW.task_id, 'periods', NEW.periods,
                        'due_rule', NEW.due_rule, 'due_param', NEW.due_param,
                        'update_every_months', NEW.update_every_months,
                        'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER task_schedules_audit_delete AFTER DELETE ON task_schedules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_schedules', OLD.task_id, OLD.task_id, 'delete',
          json_object ('task_id', OLD.task_id, 'periods', OLD.periods, 'due_rule', OLD.due_rule,
                      'due_param', OLD.due_param,
                      'update_every_months', OLD.update_every_months,
                      'revision', OLD.revision));
END;
