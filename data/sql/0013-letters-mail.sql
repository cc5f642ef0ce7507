-- Data version 13: the urging letters sent by email.
--
-- Each unit may have an email address, where its urging letters go; a
-- letter sent is one row per task it named in letters_sent, so that the
-- task's history says when, to whom and by whom it was urged. Only the
-- office's administrators send letters (as they write the settings of the
-- mail server); a row is never changed once written.

ALTER TABLE units ADD COLUMN email TEXT;

CREATE TABLE letters_sent (
  id          INTEGER PRIMARY KEY NOT NULL,
  task_id     INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  unit_id     INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  address     TEXT NOT NULL,
  subject     TEXT NOT NULL,
  sent_at     TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  sent_by     TEXT
);
CREATE INDEX letters_sent_task ON letters_sent (task_id);

CREATE TRIGGER letters_sent_guard_insert BEFORE INSERT ON letters_sent WHEN dd_role () <> 'admin' BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;
CREATE TRIGGER letters_sent_guard_update BEFORE UPDATE ON letters_sent BEGIN
  SELECT RAISE (ABORT, 'dd:permission:admin');
END;

CREATE TRIGGER letters_sent_audit_insert AFTER INSERT ON letters_sent BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'letters_sent', NEW.id, NEW.task_id, 'insert',
          dd_json_object ('id', NEW.id, 'task_id', NEW.task_id, 'unit_id', NEW.unit_id,
                      'address', NEW.address, 'subject', NEW.subject));
END;

-- The units' triggers, with the address (last, as its column is).
DROP TRIGGER units_audit_insert;
CREATE TRIGGER units_audit_insert AFTER INSERT ON units BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'units', NEW.id, NULL, 'insert',
          dd_json_object ('id', NEW.id, 'name', NEW.name, 'is_group', NEW.is_group,
                      'revision', NEW.revision, 'email', NEW.email));
END;

DROP TRIGGER units_audit_update;
CREATE TRIGGER units_audit_update AFTER UPDATE ON units BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'units', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'id', OLD.id, NEW.id, 'name', OLD.name, NEW.name,
                      'is_group', OLD.is_group, NEW.is_group,
                      'revision', OLD.revision, NEW.revision, 'email', OLD.email, NEW.email) AS old,
              dd_json_changed (1, 'id', OLD.id, NEW.id, 'name', OLD.name, NEW.name,
                      'is_group', OLD.is_group, NEW.is_group,
                      'revision', OLD.revision, NEW.revision, 'email', OLD.email, NEW.email) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER units_audit_delete;
CREATE TRIGGER units_audit_delete AFTER DELETE ON units BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'units', OLD.id, NULL, 'delete',
          dd_json_object ('id', OLD.id, 'name', OLD.name, 'is_group', OLD.is_group,
                      'revision', OLD.revision, 'email', OLD.email));
END;
