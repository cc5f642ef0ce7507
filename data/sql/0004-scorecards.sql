-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 4: unit scorecards (dd-scoring.h).
--
-- * dossier_figures: the dossier (hồ sơ TTHC) figures of a period, as the
--   Public Administration Service Center (Trung tâm Phục vụ hành chính công)
--   reports them: received, resolved on time, resolved late, pending, and
--   the apology letters sent for late dossiers. Periods are the reporting
--   windows of Nghị định 09/2019/NĐ-CP, as for indicator_figures.
-- * task_people: the person in charge of a task in its lead unit ("rõ
--   người" of the "6 rõ" rule), where one is named.
-- * indicator_rules: indicators whose figures are derived, not typed:
--   'on_time' (dossiers and tasks done on time) is computed from the tasks
--   a unit leads and its dossier figures. An indicator whose title speaks
--   of "đúng hạn" gets the rule when it is created (the seed's second
--   indicator); an administrator may remove it.
--
-- The weights and thresholds of the scorecard are rows of settings (keys
-- "score.*", documented in dd-scoring.h and README.md); a key that is not
-- there takes its default.
--
-- As 0003-shared.sql asks, each new table gets its guard and audit triggers.

CREATE TABLE dossier_figures (
  id            INTEGER PRIMARY KEY NOT NULL,
  unit_id       INTEGER REFERENCES units (id),   -- NULL: the whole office
  period_start  TEXT NOT NULL,
  period_end    TEXT NOT NULL,
  received      INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
  on_time       INTEGER NOT NULL DEFAULT 0 CHECK (on_time >= 0),
  late          INTEGER NOT NULL DEFAULT 0 CHECK (late >= 0),
  pending       INTEGER NOT NULL DEFAULT 0 CHECK (pending >= 0),
  apologies     INTEGER NOT NULL DEFAULT 0 CHECK (apologies >= 0),
  source        TEXT,
  revision      INTEGER NOT NULL DEFAULT 1,
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by    TEXT,
  CHECK (period_start <= period_end)
);
CREATE UNIQUE INDEX dossier_figures_key
  ON dossier_figures (ifnull (unit_id, 0), period_start, period_end);

CREATE TABLE task_people (
  task_id     INTEGER PRIMARY KEY NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  person      TEXT NOT NULL CHECK (length (trim (person)) > 0),
  revision    INTEGER NOT NULL DEFAULT 1,
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by  TEXT
);

CREATE TABLE indicator_rules (
  indicator_id  INTEGER PRIMARY KEY NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  rule          TEXT NOT NULL CHECK (rule IN ('on_time'))
);

INSERT INTO indicator_rules (indicator_id, rule)
  SELECT id, 'on_time' FROM indicators WHERE title LIKE '%đúng hạn%';
CREATE TRIGGER indicators_rule_on_time AFTER INSERT ON indicators
WHEN NEW.title LIKE '%đúng hạn%' BEGIN
  INSERT OR IGNORE INTO indicator_rules (indicator_id, rule) VALUES (NEW.id, 'on_time');
END;

-- Guards (see 0003-shared.sql).

CREATE TRIGGER dossier_figures_guard_insert BEFORE INSERT ON dossier_figures
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR NEW.unit_id IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER dossier_figures_guard_update BEFORE UPDATE ON dossier_figures
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR NEW.unit_id IS NOT dd_unit ()
                                OR OLD.unit_id IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER dossier_figures_guard_delete BEFORE DELETE ON dossier_figures
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR OLD.unit_id IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER task_people_guard_insert BEFORE INSERT ON task_people
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = NEW.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER task_people_guard_update BEFORE UPDATE ON task_people
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = NEW.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER task_people_guard_delete BEFORE DELETE ON task_people
WHEN dd_role () <> 'admin' AND (dd_role () <> 'unit_editor' OR
     (SELECT lead_unit_id FROM tasks WHERE id = OLD.task_id) IS NOT dd_unit ()) BEGIN
  SELECT RAISE (ABORT, 'dd:permission:unit');
END;
CREATE TRIGGER indicator_rules_guard_insert BEFORE INSERT ON indicator_rules WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER indicator_rules_guard_update BEFORE UPDATE ON indicator_rules WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER indicator_rules_guard_delete BEFORE DELETE ON indicator_rules WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;

-- Audit triggers, one set per table.

-- dossier_figures
CREATE TRIGGER dossier_figures_audit_insert AFTER INSERT ON dossier_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'dossier_figures', NEW.id, NULL, 'insert',
          json_object ('id', NEW.id, 'unit_id', NEW.unit_id, 'period_start', NEW.period_start,
                      'period_end', NEW.period_end, 'received', NEW.received,
                      'on_time', NEW.on_time, 'late', NEW.late, 'pending', NEW.pending,
                      'apologies', NEW.apologies, 'source', NEW.source,
                      'revision', NEW.revision));
END;
CREATE TRIGGER dossier_figures_audit_update AFTER UPDATE ON dossier_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'dossier_figures', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('id', OLD.id, 'unit_id', OLD.unit_id, 'period_start', OLD.period_start,
                        'period_end', OLD.period_end, 'received', OLD.received,
                        'on_time', OLD.on_time, 'late', OLD.late, 'pending', OLD.pending,
                        'apologies', OLD.apologies, 'source', OLD.source,
                        'revision', OLD.revision)) o
        JOIN json_each (json_object ('id', NEW.id, 'unit_id', NEW.unit_id, 'period_start', NEW.period_start,
                        'period_end', NEW.period_end, 'received', NEW.received,
                        'on_time', NEW.on_time, 'late', NEW.late, 'pending', NEW.pending,
                        'apologies', NEW.apologies, 'source', NEW.source,
                        'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER dossier_figures_audit_delete AFTER DELETE ON dossier_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'dossier_figures', OLD.id, NULL, 'delete',
          json_object ('id', OLD.id, 'unit_id', OLD.unit_id, 'period_start', OLD.period_start,
                      'period_end', OLD.period_end, 'received', OLD.received,
                      'on_time', OLD.on_time, 'late', OLD.late, 'pending', OLD.pending,
                      'apologies', OLD.apologies, 'source', OLD.source,
                      'revision', OLD.revision));
END;

-- task_people
CREATE TRIGGER task_people_audit_insert AFTER INSERT ON task_people BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_people', NEW.task_id, NEW.task_id, 'insert',
          json_object ('task_id', NEW.task_id, 'person', NEW.person, 'revision', NEW.revision));
END;
CREATE TRIGGER task_people_audit_update AFTER UPDATE ON task_people BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_people', NEW.task_id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('task_id', OLD.task_id, 'person', OLD.person, 'revision', OLD.revision)) o
        JOIN json_each (json_object ('task_id', NEW.task_id, 'person', NEW.person, 'revision', NEW.revision)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER task_people_audit_delete AFTER DELETE ON task_people BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_people', OLD.task_id, OLD.task_id, 'delete',
          json_object ('task_id', OLD.task_id, 'person', OLD.person, 'revision', OLD.revision));
END;

-- indicator_rules
CREATE TRIGGER indicator_rules_audit_insert AFTER INSERT ON indicator_rules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'indicator_rules', NEW.indicator_id, NULL, 'insert',
          json_object ('indicator_id', NEW.indicator_id, 'rule', NEW.rule));
END;
CREATE TRIGGER indicator_rules_audit_update AFTER UPDATE ON indicator_rules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'indicator_rules', NEW.indicator_id, NULL,
         'update', d.old, d.new
  FROM (SELECT json_group_object (o.key, o.value) AS old, json_group_object (n.key, n.value) AS new
        FROM json_each (json_object ('indicator_id', OLD.indicator_id, 'rule', OLD.rule)) o
        JOIN json_each (json_object ('indicator_id', NEW.indicator_id, 'rule', NEW.rule)) n
        ON n.key = o.key WHERE o.value IS NOT n.value) d
  WHERE d.new <> '{}';
END;
CREATE TRIGGER indicator_rules_audit_delete AFTER DELETE ON indicator_rules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'indicator_rules', OLD.indicator_id, NULL, 'delete',
          json_object ('indicator_id', OLD.indicator_id, 'rule', OLD.rule));
END;
