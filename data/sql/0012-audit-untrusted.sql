-- Data version 11: the audit triggers without SQLite's JSON functions.
--
-- SQLite 3.40 does not count json_object(), json_group_object() and
-- json_each() as innocuous, so the triggers that record the history
-- could only run with trusted_schema on, i.e. trusting whatever the file
-- defines. dd_json_object() (json_object()'s output, byte for byte) and
-- dd_json_changed() (the changed columns' old or new values, as the
-- json_each() join made them) are the application's own functions,
-- registered SQLITE_INNOCUOUS (dd-store-sql.c); every connection now runs
-- with trusted_schema=OFF. The history's stored format is unchanged.

DROP TRIGGER dossier_figures_audit_insert;
CREATE TRIGGER dossier_figures_audit_insert AFTER INSERT ON dossier_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'dossier_figures', NEW.id, NULL, 'insert',
          dd_json_object ('id', NEW.id, 'unit_id', NEW.unit_id, 'period_start', NEW.period_start,
                      'period_end', NEW.period_end, 'received', NEW.received,
                      'on_time', NEW.on_time, 'late', NEW.late, 'pending', NEW.pending,
                      'apologies', NEW.apologies, 'source', NEW.source,
                      'revision', NEW.revision));
END;

DROP TRIGGER dossier_figures_audit_update;
CREATE TRIGGER dossier_figures_audit_update AFTER UPDATE ON dossier_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'dossier_figures', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'id', OLD.id, NEW.id, 'unit_id', OLD.unit_id, NEW.unit_id,
                      'period_start', OLD.period_start, NEW.period_start,
                      'period_end', OLD.period_end, NEW.period_end,
                      'received', OLD.received, NEW.received, 'on_time', OLD.on_time, NEW.on_time,
                      'late', OLD.late, NEW.late, 'pending', OLD.pending, NEW.pending,
                      'apologies', OLD.apologies, NEW.apologies, 'source', OLD.source, NEW.source,
                      'revision', OLD.revision, NEW.revision) AS old,
              dd_json_changed (1, 'id', OLD.id, NEW.id, 'unit_id', OLD.unit_id, NEW.unit_id,
                      'period_start', OLD.period_start, NEW.period_start,
                      'period_end', OLD.period_end, NEW.period_end,
                      'received', OLD.received, NEW.received, 'on_time', OLD.on_time, NEW.on_time,
                      'late', OLD.late, NEW.late, 'pending', OLD.pending, NEW.pending,
                      'apologies', OLD.apologies, NEW.apologies, 'source', OLD.source, NEW.source,
                      'revision', OLD.revision, NEW.revision) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER dossier_figures_audit_delete;
CREATE TRIGGER dossier_figures_audit_delete AFTER DELETE ON dossier_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'dossier_figures', OLD.id, NULL, 'delete',
          dd_json_object ('id', OLD.id, 'unit_id', OLD.unit_id, 'period_start', OLD.period_start,
                      'period_end', OLD.period_end, 'received', OLD.received,
                      'on_time', OLD.on_time, 'late', OLD.late, 'pending', OLD.pending,
                      'apologies', OLD.apologies, 'source', OLD.source,
                      'revision', OLD.revision));
END;

DROP TRIGGER holiday_years_audit_insert;
CREATE TRIGGER holiday_years_audit_insert AFTER INSERT ON holiday_years BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'holiday_years', NEW.year, NULL, 'insert',
          dd_json_object ('year', NEW.year));
END;

DROP TRIGGER holiday_years_audit_update;
CREATE TRIGGER holiday_years_audit_update AFTER UPDATE ON holiday_years BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'holiday_years', NEW.year, NULL,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'year', OLD.year, NEW.year) AS old,
              dd_json_changed (1, 'year', OLD.year, NEW.year) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER holiday_years_audit_delete;
CREATE TRIGGER holiday_years_audit_delete AFTER DELETE ON holiday_years BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'holiday_years', OLD.year, NULL, 'delete',
          dd_json_object ('year', OLD.year));
END;

DROP TRIGGER holidays_audit_insert;
CREATE TRIGGER holidays_audit_insert AFTER INSERT ON holidays BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'holidays', NEW.id, NULL, 'insert',
          dd_json_object ('id', NEW.id, 'year', NEW.year, 'day', NEW.day, 'kind', NEW.kind,
                      'name', NEW.name, 'revision', NEW.revision));
END;

DROP TRIGGER holidays_audit_update;
CREATE TRIGGER holidays_audit_update AFTER UPDATE ON holidays BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'holidays', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'id', OLD.id, NEW.id, 'year', OLD.year, NEW.year, 'day', OLD.day, NEW.day,
                      'kind', OLD.kind, NEW.kind, 'name', OLD.name, NEW.name,
                      'revision', OLD.revision, NEW.revision) AS old,
              dd_json_changed (1, 'id', OLD.id, NEW.id, 'year', OLD.year, NEW.year, 'day', OLD.day, NEW.day,
                      'kind', OLD.kind, NEW.kind, 'name', OLD.name, NEW.name,
                      'revision', OLD.revision, NEW.revision) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER holidays_audit_delete;
CREATE TRIGGER holidays_audit_delete AFTER DELETE ON holidays BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'holidays', OLD.id, NULL, 'delete',
          dd_json_object ('id', OLD.id, 'year', OLD.year, 'day', OLD.day, 'kind', OLD.kind,
                      'name', OLD.name, 'revision', OLD.revision));
END;

DROP TRIGGER indicator_figures_audit_insert;
CREATE TRIGGER indicator_figures_audit_insert AFTER INSERT ON indicator_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'indicator_figures', NEW.id, NULL, 'insert',
          dd_json_object ('id', NEW.id, 'indicator_id', NEW.indicator_id, 'unit_id', NEW.unit_id,
                      'period_start', NEW.period_start, 'period_end', NEW.period_end,
                      'numerator', NEW.numerator, 'denominator', NEW.denominator,
                      'source', NEW.source, 'revision', NEW.revision));
END;

DROP TRIGGER indicator_figures_audit_update;
CREATE TRIGGER indicator_figures_audit_update AFTER UPDATE ON indicator_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'indicator_figures', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'id', OLD.id, NEW.id, 'indicator_id', OLD.indicator_id, NEW.indicator_id,
                      'unit_id', OLD.unit_id, NEW.unit_id,
                      'period_start', OLD.period_start, NEW.period_start,
                      'period_end', OLD.period_end, NEW.period_end,
                      'numerator', OLD.numerator, NEW.numerator,
                      'denominator', OLD.denominator, NEW.denominator,
                      'source', OLD.source, NEW.source, 'revision', OLD.revision, NEW.revision) AS old,
              dd_json_changed (1, 'id', OLD.id, NEW.id, 'indicator_id', OLD.indicator_id, NEW.indicator_id,
                      'unit_id', OLD.unit_id, NEW.unit_id,
                      'period_start', OLD.period_start, NEW.period_start,
                      'period_end', OLD.period_end, NEW.period_end,
                      'numerator', OLD.numerator, NEW.numerator,
                      'denominator', OLD.denominator, NEW.denominator,
                      'source', OLD.source, NEW.source, 'revision', OLD.revision, NEW.revision) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER indicator_figures_audit_delete;
CREATE TRIGGER indicator_figures_audit_delete AFTER DELETE ON indicator_figures BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'indicator_figures', OLD.id, NULL, 'delete',
          dd_json_object ('id', OLD.id, 'indicator_id', OLD.indicator_id, 'unit_id', OLD.unit_id,
                      'period_start', OLD.period_start, 'period_end', OLD.period_end,
                      'numerator', OLD.numerator, 'denominator', OLD.denominator,
                      'source', OLD.source, 'revision', OLD.revision));
END;

DROP TRIGGER indicator_rules_audit_insert;
CREATE TRIGGER indicator_rules_audit_insert AFTER INSERT ON indicator_rules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'indicator_rules', NEW.indicator_id, NULL, 'insert',
          dd_json_object ('indicator_id', NEW.indicator_id, 'rule', NEW.rule));
END;

DROP TRIGGER indicator_rules_audit_update;
CREATE TRIGGER indicator_rules_audit_update AFTER UPDATE ON indicator_rules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'indicator_rules', NEW.indicator_id, NULL,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'indicator_id', OLD.indicator_id, NEW.indicator_id,
                      'rule', OLD.rule, NEW.rule) AS old,
              dd_json_changed (1, 'indicator_id', OLD.indicator_id, NEW.indicator_id,
                      'rule', OLD.rule, NEW.rule) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER indicator_rules_audit_delete;
CREATE TRIGGER indicator_rules_audit_delete AFTER DELETE ON indicator_rules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'indicator_rules', OLD.indicator_id, NULL, 'delete',
          dd_json_object ('indicator_id', OLD.indicator_id, 'rule', OLD.rule));
END;

DROP TRIGGER indicators_audit_insert;
CREATE TRIGGER indicators_audit_insert AFTER INSERT ON indicators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'indicators', NEW.id, NULL, 'insert',
          dd_json_object ('id', NEW.id, 'plan_id', NEW.plan_id, 'position', NEW.position,
                      'title', NEW.title, 'target', NEW.target, 'revision', NEW.revision));
END;

DROP TRIGGER indicators_audit_update;
CREATE TRIGGER indicators_audit_update AFTER UPDATE ON indicators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'indicators', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'id', OLD.id, NEW.id, 'plan_id', OLD.plan_id, NEW.plan_id,
                      'position', OLD.position, NEW.position, 'title', OLD.title, NEW.title,
                      'target', OLD.target, NEW.target, 'revision', OLD.revision, NEW.revision) AS old,
              dd_json_changed (1, 'id', OLD.id, NEW.id, 'plan_id', OLD.plan_id, NEW.plan_id,
                      'position', OLD.position, NEW.position, 'title', OLD.title, NEW.title,
                      'target', OLD.target, NEW.target, 'revision', OLD.revision, NEW.revision) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER indicators_audit_delete;
CREATE TRIGGER indicators_audit_delete AFTER DELETE ON indicators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'indicators', OLD.id, NULL, 'delete',
          dd_json_object ('id', OLD.id, 'plan_id', OLD.plan_id, 'position', OLD.position,
                      'title', OLD.title, 'target', OLD.target, 'revision', OLD.revision));
END;

DROP TRIGGER occurrence_reports_audit_insert;
CREATE TRIGGER occurrence_reports_audit_insert AFTER INSERT ON occurrence_reports BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'occurrence_reports', NEW.id, NEW.task_id, 'insert',
          dd_json_object ('id', NEW.id, 'task_id', NEW.task_id, 'kind', NEW.kind,
                      'year', NEW.year, 'period_index', NEW.period_index, 'title', NEW.title,
                      'due_on', NEW.due_on, 'reported_on', NEW.reported_on, 'note', NEW.note,
                      'report_number', NEW.report_number, 'revision', NEW.revision));
END;

DROP TRIGGER occurrence_reports_audit_update;
CREATE TRIGGER occurrence_reports_audit_update AFTER UPDATE ON occurrence_reports BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'occurrence_reports', NEW.id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'id', OLD.id, NEW.id, 'task_id', OLD.task_id, NEW.task_id,
                      'kind', OLD.kind, NEW.kind, 'year', OLD.year, NEW.year,
                      'period_index', OLD.period_index, NEW.period_index,
                      'title', OLD.title, NEW.title, 'due_on', OLD.due_on, NEW.due_on,
                      'reported_on', OLD.reported_on, NEW.reported_on, 'note', OLD.note, NEW.note,
                      'report_number', OLD.report_number, NEW.report_number,
                      'revision', OLD.revision, NEW.revision) AS old,
              dd_json_changed (1, 'id', OLD.id, NEW.id, 'task_id', OLD.task_id, NEW.task_id,
                      'kind', OLD.kind, NEW.kind, 'year', OLD.year, NEW.year,
                      'period_index', OLD.period_index, NEW.period_index,
                      'title', OLD.title, NEW.title, 'due_on', OLD.due_on, NEW.due_on,
                      'reported_on', OLD.reported_on, NEW.reported_on, 'note', OLD.note, NEW.note,
                      'report_number', OLD.report_number, NEW.report_number,
                      'revision', OLD.revision, NEW.revision) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER occurrence_reports_audit_delete;
CREATE TRIGGER occurrence_reports_audit_delete AFTER DELETE ON occurrence_reports BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'occurrence_reports', OLD.id, OLD.task_id, 'delete',
          dd_json_object ('id', OLD.id, 'task_id', OLD.task_id, 'kind', OLD.kind,
                      'year', OLD.year, 'period_index', OLD.period_index, 'title', OLD.title,
                      'due_on', OLD.due_on, 'reported_on', OLD.reported_on, 'note', OLD.note,
                      'report_number', OLD.report_number, 'revision', OLD.revision));
END;

DROP TRIGGER plans_audit_insert;
CREATE TRIGGER plans_audit_insert AFTER INSERT ON plans BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'plans', NEW.id, NULL, 'insert',
          dd_json_object ('id', NEW.id, 'number', NEW.number, 'issued_on', NEW.issued_on,
                      'title', NEW.title, 'issuer', NEW.issuer, 'basis', NEW.basis,
                      'source_name', NEW.source_name, 'is_sample', NEW.is_sample,
                      'builtin', NEW.builtin, 'revision', NEW.revision));
END;

DROP TRIGGER plans_audit_update;
CREATE TRIGGER plans_audit_update AFTER UPDATE ON plans BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'plans', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'id', OLD.id, NEW.id, 'number', OLD.number, NEW.number,
                      'issued_on', OLD.issued_on, NEW.issued_on, 'title', OLD.title, NEW.title,
                      'issuer', OLD.issuer, NEW.issuer, 'basis', OLD.basis, NEW.basis,
                      'source_name', OLD.source_name, NEW.source_name,
                      'is_sample', OLD.is_sample, NEW.is_sample,
                      'builtin', OLD.builtin, NEW.builtin, 'revision', OLD.revision, NEW.revision) AS old,
              dd_json_changed (1, 'id', OLD.id, NEW.id, 'number', OLD.number, NEW.number,
                      'issued_on', OLD.issued_on, NEW.issued_on, 'title', OLD.title, NEW.title,
                      'issuer', OLD.issuer, NEW.issuer, 'basis', OLD.basis, NEW.basis,
                      'source_name', OLD.source_name, NEW.source_name,
                      'is_sample', OLD.is_sample, NEW.is_sample,
                      'builtin', OLD.builtin, NEW.builtin, 'revision', OLD.revision, NEW.revision) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER plans_audit_delete;
CREATE TRIGGER plans_audit_delete AFTER DELETE ON plans BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'plans', OLD.id, NULL, 'delete',
          dd_json_object ('id', OLD.id, 'number', OLD.number, 'issued_on', OLD.issued_on,
                      'title', OLD.title, 'issuer', OLD.issuer, 'basis', OLD.basis,
                      'source_name', OLD.source_name, 'is_sample', OLD.is_sample,
                      'builtin', OLD.builtin, 'revision', OLD.revision));
END;

DROP TRIGGER progress_updates_audit_insert;
CREATE TRIGGER progress_updates_audit_insert AFTER INSERT ON progress_updates BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'progress_updates', NEW.id, NEW.task_id, 'insert',
          dd_json_object ('id', NEW.id, 'task_id', NEW.task_id, 'reported_on', NEW.reported_on,
                      'progress', NEW.progress, 'completed_on', NEW.completed_on,
                      'actual_product', NEW.actual_product, 'note', NEW.note,
                      'reopened', NEW.reopened));
END;

DROP TRIGGER progress_updates_audit_update;
CREATE TRIGGER progress_updates_audit_update AFTER UPDATE ON progress_updates BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'progress_updates', NEW.id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'id', OLD.id, NEW.id, 'task_id', OLD.task_id, NEW.task_id,
                      'reported_on', OLD.reported_on, NEW.reported_on,
                      'progress', OLD.progress, NEW.progress,
                      'completed_on', OLD.completed_on, NEW.completed_on,
                      'actual_product', OLD.actual_product, NEW.actual_product,
                      'note', OLD.note, NEW.note, 'reopened', OLD.reopened, NEW.reopened) AS old,
              dd_json_changed (1, 'id', OLD.id, NEW.id, 'task_id', OLD.task_id, NEW.task_id,
                      'reported_on', OLD.reported_on, NEW.reported_on,
                      'progress', OLD.progress, NEW.progress,
                      'completed_on', OLD.completed_on, NEW.completed_on,
                      'actual_product', OLD.actual_product, NEW.actual_product,
                      'note', OLD.note, NEW.note, 'reopened', OLD.reopened, NEW.reopened) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER progress_updates_audit_delete;
CREATE TRIGGER progress_updates_audit_delete AFTER DELETE ON progress_updates BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'progress_updates', OLD.id, OLD.task_id, 'delete',
          dd_json_object ('id', OLD.id, 'task_id', OLD.task_id, 'reported_on', OLD.reported_on,
                      'progress', OLD.progress, 'completed_on', OLD.completed_on,
                      'actual_product', OLD.actual_product, 'note', OLD.note,
                      'reopened', OLD.reopened));
END;

DROP TRIGGER settings_audit_insert;
CREATE TRIGGER settings_audit_insert AFTER INSERT ON settings BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'settings', NEW.rowid, NULL, 'insert',
          dd_json_object ('key', NEW.key, 'value', NEW.value, 'revision', NEW.revision));
END;

DROP TRIGGER settings_audit_update;
CREATE TRIGGER settings_audit_update AFTER UPDATE ON settings BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'settings', NEW.rowid, NULL,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'key', OLD.key, NEW.key, 'value', OLD.value, NEW.value,
                      'revision', OLD.revision, NEW.revision) AS old,
              dd_json_changed (1, 'key', OLD.key, NEW.key, 'value', OLD.value, NEW.value,
                      'revision', OLD.revision, NEW.revision) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER settings_audit_delete;
CREATE TRIGGER settings_audit_delete AFTER DELETE ON settings BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'settings', OLD.rowid, NULL, 'delete',
          dd_json_object ('key', OLD.key, 'value', OLD.value, 'revision', OLD.revision));
END;

DROP TRIGGER task_coordinators_audit_insert;
CREATE TRIGGER task_coordinators_audit_insert AFTER INSERT ON task_coordinators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_coordinators', NEW.task_id, NEW.task_id, 'insert',
          dd_json_object ('task_id', NEW.task_id, 'unit_id', NEW.unit_id,
                      'position', NEW.position));
END;

DROP TRIGGER task_coordinators_audit_update;
CREATE TRIGGER task_coordinators_audit_update AFTER UPDATE ON task_coordinators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_coordinators', NEW.task_id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'task_id', OLD.task_id, NEW.task_id, 'unit_id', OLD.unit_id, NEW.unit_id,
                      'position', OLD.position, NEW.position) AS old,
              dd_json_changed (1, 'task_id', OLD.task_id, NEW.task_id, 'unit_id', OLD.unit_id, NEW.unit_id,
                      'position', OLD.position, NEW.position) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER task_coordinators_audit_delete;
CREATE TRIGGER task_coordinators_audit_delete AFTER DELETE ON task_coordinators BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_coordinators', OLD.task_id, OLD.task_id, 'delete',
          dd_json_object ('task_id', OLD.task_id, 'unit_id', OLD.unit_id,
                      'position', OLD.position));
END;

DROP TRIGGER task_extensions_audit_insert;
CREATE TRIGGER task_extensions_audit_insert AFTER INSERT ON task_extensions BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_extensions', NEW.id, NEW.task_id, 'insert',
          dd_json_object ('id', NEW.id, 'task_id', NEW.task_id, 'old_due', NEW.old_due,
                      'new_due', NEW.new_due, 'decision', NEW.decision, 'reason', NEW.reason,
                      'approved_by', NEW.approved_by, 'approved_on', NEW.approved_on));
END;

DROP TRIGGER task_extensions_audit_update;
CREATE TRIGGER task_extensions_audit_update AFTER UPDATE ON task_extensions BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_extensions', NEW.id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'id', OLD.id, NEW.id, 'task_id', OLD.task_id, NEW.task_id,
                      'old_due', OLD.old_due, NEW.old_due, 'new_due', OLD.new_due, NEW.new_due,
                      'decision', OLD.decision, NEW.decision, 'reason', OLD.reason, NEW.reason,
                      'approved_by', OLD.approved_by, NEW.approved_by,
                      'approved_on', OLD.approved_on, NEW.approved_on) AS old,
              dd_json_changed (1, 'id', OLD.id, NEW.id, 'task_id', OLD.task_id, NEW.task_id,
                      'old_due', OLD.old_due, NEW.old_due, 'new_due', OLD.new_due, NEW.new_due,
                      'decision', OLD.decision, NEW.decision, 'reason', OLD.reason, NEW.reason,
                      'approved_by', OLD.approved_by, NEW.approved_by,
                      'approved_on', OLD.approved_on, NEW.approved_on) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER task_extensions_audit_delete;
CREATE TRIGGER task_extensions_audit_delete AFTER DELETE ON task_extensions BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_extensions', OLD.id, OLD.task_id, 'delete',
          dd_json_object ('id', OLD.id, 'task_id', OLD.task_id, 'old_due', OLD.old_due,
                      'new_due', OLD.new_due, 'decision', OLD.decision, 'reason', OLD.reason,
                      'approved_by', OLD.approved_by, 'approved_on', OLD.approved_on));
END;

DROP TRIGGER task_people_audit_insert;
CREATE TRIGGER task_people_audit_insert AFTER INSERT ON task_people BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_people', NEW.task_id, NEW.task_id, 'insert',
          dd_json_object ('task_id', NEW.task_id, 'person', NEW.person, 'revision', NEW.revision));
END;

DROP TRIGGER task_people_audit_update;
CREATE TRIGGER task_people_audit_update AFTER UPDATE ON task_people BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_people', NEW.task_id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'task_id', OLD.task_id, NEW.task_id, 'person', OLD.person, NEW.person,
                      'revision', OLD.revision, NEW.revision) AS old,
              dd_json_changed (1, 'task_id', OLD.task_id, NEW.task_id, 'person', OLD.person, NEW.person,
                      'revision', OLD.revision, NEW.revision) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER task_people_audit_delete;
CREATE TRIGGER task_people_audit_delete AFTER DELETE ON task_people BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_people', OLD.task_id, OLD.task_id, 'delete',
          dd_json_object ('task_id', OLD.task_id, 'person', OLD.person, 'revision', OLD.revision));
END;

DROP TRIGGER task_schedules_audit_insert;
CREATE TRIGGER task_schedules_audit_insert AFTER INSERT ON task_schedules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_schedules', NEW.task_id, NEW.task_id, 'insert',
          dd_json_object ('task_id', NEW.task_id, 'periods', NEW.periods, 'due_rule', NEW.due_rule,
                      'due_param', NEW.due_param,
                      'update_every_months', NEW.update_every_months,
                      'revision', NEW.revision));
END;

DROP TRIGGER task_schedules_audit_update;
CREATE TRIGGER task_schedules_audit_update AFTER UPDATE ON task_schedules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_schedules', NEW.task_id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'task_id', OLD.task_id, NEW.task_id, 'periods', OLD.periods, NEW.periods,
                      'due_rule', OLD.due_rule, NEW.due_rule,
                      'due_param', OLD.due_param, NEW.due_param,
                      'update_every_months', OLD.update_every_months, NEW.update_every_months,
                      'revision', OLD.revision, NEW.revision) AS old,
              dd_json_changed (1, 'task_id', OLD.task_id, NEW.task_id, 'periods', OLD.periods, NEW.periods,
                      'due_rule', OLD.due_rule, NEW.due_rule,
                      'due_param', OLD.due_param, NEW.due_param,
                      'update_every_months', OLD.update_every_months, NEW.update_every_months,
                      'revision', OLD.revision, NEW.revision) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER task_schedules_audit_delete;
CREATE TRIGGER task_schedules_audit_delete AFTER DELETE ON task_schedules BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_schedules', OLD.task_id, OLD.task_id, 'delete',
          dd_json_object ('task_id', OLD.task_id, 'periods', OLD.periods, 'due_rule', OLD.due_rule,
                      'due_param', OLD.due_param,
                      'update_every_months', OLD.update_every_months,
                      'revision', OLD.revision));
END;

DROP TRIGGER task_sources_audit_insert;
CREATE TRIGGER task_sources_audit_insert AFTER INSERT ON task_sources BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'task_sources', NEW.task_id, NEW.task_id, 'insert',
          dd_json_object ('task_id', NEW.task_id, 'kind', NEW.kind, 'number', NEW.number,
                      'issued_on', NEW.issued_on, 'issuer', NEW.issuer,
                      'revision', NEW.revision));
END;

DROP TRIGGER task_sources_audit_update;
CREATE TRIGGER task_sources_audit_update AFTER UPDATE ON task_sources BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'task_sources', NEW.task_id, NEW.task_id,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'task_id', OLD.task_id, NEW.task_id, 'kind', OLD.kind, NEW.kind,
                      'number', OLD.number, NEW.number, 'issued_on', OLD.issued_on, NEW.issued_on,
                      'issuer', OLD.issuer, NEW.issuer, 'revision', OLD.revision, NEW.revision) AS old,
              dd_json_changed (1, 'task_id', OLD.task_id, NEW.task_id, 'kind', OLD.kind, NEW.kind,
                      'number', OLD.number, NEW.number, 'issued_on', OLD.issued_on, NEW.issued_on,
                      'issuer', OLD.issuer, NEW.issuer, 'revision', OLD.revision, NEW.revision) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER task_sources_audit_delete;
CREATE TRIGGER task_sources_audit_delete AFTER DELETE ON task_sources BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'task_sources', OLD.task_id, OLD.task_id, 'delete',
          dd_json_object ('task_id', OLD.task_id, 'kind', OLD.kind, 'number', OLD.number,
                      'issued_on', OLD.issued_on, 'issuer', OLD.issuer,
                      'revision', OLD.revision));
END;

DROP TRIGGER tasks_audit_insert;
CREATE TRIGGER tasks_audit_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'tasks', NEW.id, NEW.id, 'insert',
          dd_json_object ('id', NEW.id, 'plan_id', NEW.plan_id, 'position', NEW.position,
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

DROP TRIGGER tasks_audit_update;
CREATE TRIGGER tasks_audit_update AFTER UPDATE ON tasks BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'tasks', NEW.id, NEW.id,
         CASE WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN 'delete'
              WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN 'restore'
              ELSE 'update' END, d.old, d.new
  FROM (SELECT dd_json_changed (0, 'id', OLD.id, NEW.id, 'plan_id', OLD.plan_id, NEW.plan_id,
                      'position', OLD.position, NEW.position, 'number', OLD.number, NEW.number,
                      'title', OLD.title, NEW.title,
                      'lead_unit_id', OLD.lead_unit_id, NEW.lead_unit_id,
                      'deadline_kind', OLD.deadline_kind, NEW.deadline_kind,
                      'deadline_text', OLD.deadline_text, NEW.deadline_text,
                      'deadline_understood', OLD.deadline_understood, NEW.deadline_understood,
                      'due_on', OLD.due_on, NEW.due_on, 'periods', OLD.periods, NEW.periods,
                      'annual_due', OLD.annual_due, NEW.annual_due,
                      'product', OLD.product, NEW.product,
                      'directing', OLD.directing, NEW.directing,
                      'progress', OLD.progress, NEW.progress,
                      'completed_on', OLD.completed_on, NEW.completed_on,
                      'actual_product', OLD.actual_product, NEW.actual_product,
                      'note', OLD.note, NEW.note, 'revision', OLD.revision, NEW.revision,
                      'deleted_at', OLD.deleted_at, NEW.deleted_at,
                      'deleted_by', OLD.deleted_by, NEW.deleted_by) AS old,
              dd_json_changed (1, 'id', OLD.id, NEW.id, 'plan_id', OLD.plan_id, NEW.plan_id,
                      'position', OLD.position, NEW.position, 'number', OLD.number, NEW.number,
                      'title', OLD.title, NEW.title,
                      'lead_unit_id', OLD.lead_unit_id, NEW.lead_unit_id,
                      'deadline_kind', OLD.deadline_kind, NEW.deadline_kind,
                      'deadline_text', OLD.deadline_text, NEW.deadline_text,
                      'deadline_understood', OLD.deadline_understood, NEW.deadline_understood,
                      'due_on', OLD.due_on, NEW.due_on, 'periods', OLD.periods, NEW.periods,
                      'annual_due', OLD.annual_due, NEW.annual_due,
                      'product', OLD.product, NEW.product,
                      'directing', OLD.directing, NEW.directing,
                      'progress', OLD.progress, NEW.progress,
                      'completed_on', OLD.completed_on, NEW.completed_on,
                      'actual_product', OLD.actual_product, NEW.actual_product,
                      'note', OLD.note, NEW.note, 'revision', OLD.revision, NEW.revision,
                      'deleted_at', OLD.deleted_at, NEW.deleted_at,
                      'deleted_by', OLD.deleted_by, NEW.deleted_by) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER tasks_audit_delete;
CREATE TRIGGER tasks_audit_delete AFTER DELETE ON tasks BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'tasks', OLD.id, OLD.id, 'delete',
          dd_json_object ('id', OLD.id, 'plan_id', OLD.plan_id, 'position', OLD.position,
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

DROP TRIGGER units_audit_insert;
CREATE TRIGGER units_audit_insert AFTER INSERT ON units BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'units', NEW.id, NULL, 'insert',
          dd_json_object ('id', NEW.id, 'name', NEW.name, 'is_group', NEW.is_group,
                      'revision', NEW.revision));
END;

DROP TRIGGER units_audit_update;
CREATE TRIGGER units_audit_update AFTER UPDATE ON units BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'units', NEW.id, NULL,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'id', OLD.id, NEW.id, 'name', OLD.name, NEW.name,
                      'is_group', OLD.is_group, NEW.is_group,
                      'revision', OLD.revision, NEW.revision) AS old,
              dd_json_changed (1, 'id', OLD.id, NEW.id, 'name', OLD.name, NEW.name,
                      'is_group', OLD.is_group, NEW.is_group,
                      'revision', OLD.revision, NEW.revision) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER units_audit_delete;
CREATE TRIGGER units_audit_delete AFTER DELETE ON units BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'units', OLD.id, NULL, 'delete',
          dd_json_object ('id', OLD.id, 'name', OLD.name, 'is_group', OLD.is_group,
                      'revision', OLD.revision));
END;

DROP TRIGGER users_audit_insert;
CREATE TRIGGER users_audit_insert AFTER INSERT ON users BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, new_values)
  VALUES (dd_user (), 'users', NEW.rowid, NULL, 'insert',
          dd_json_object ('account', NEW.account, 'display_name', NEW.display_name,
                      'role', NEW.role, 'unit_id', NEW.unit_id));
END;

DROP TRIGGER users_audit_update;
CREATE TRIGGER users_audit_update AFTER UPDATE ON users BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values, new_values)
  SELECT dd_user (), 'users', NEW.rowid, NULL,
         'update', d.old, d.new
  FROM (SELECT dd_json_changed (0, 'account', OLD.account, NEW.account,
                      'display_name', OLD.display_name, NEW.display_name,
                      'role', OLD.role, NEW.role, 'unit_id', OLD.unit_id, NEW.unit_id) AS old,
              dd_json_changed (1, 'account', OLD.account, NEW.account,
                      'display_name', OLD.display_name, NEW.display_name,
                      'role', OLD.role, NEW.role, 'unit_id', OLD.unit_id, NEW.unit_id) AS new) d
  WHERE d.new <> '{}';
END;

DROP TRIGGER users_audit_delete;
CREATE TRIGGER users_audit_delete AFTER DELETE ON users BEGIN
  INSERT INTO audit_log (user, table_name, row_id, task_id, action, old_values)
  VALUES (dd_user (), 'users', OLD.rowid, NULL, 'delete',
          dd_json_object ('account', OLD.account, 'display_name', OLD.display_name,
                      'role', OLD.role, 'unit_id', OLD.unit_id));
END;
