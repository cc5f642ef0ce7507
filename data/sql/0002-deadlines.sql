-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 2: the deadline engine. Days off per year,
-- deadline extensions (gia hạn), per-task occurrence rules, and the reports
-- of periodic tasks (Nghị định 09/2019/NĐ-CP periods) and ad hoc reports.

-- A year whose table of days off is in the file. A year not listed here
-- follows the Labor Code defaults until it is first listed or edited.
CREATE TABLE holiday_years (
  year        INTEGER PRIMARY KEY NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  created_by  TEXT
);

CREATE TABLE holidays (
  id          INTEGER PRIMARY KEY NOT NULL,
  year        INTEGER NOT NULL REFERENCES holiday_years (year) ON DELETE CASCADE,
  day         TEXT NOT NULL UNIQUE,          -- '2026-02-17'
  kind        INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),  -- holiday, compensatory, working_saturday
  name        TEXT NOT NULL,
  revision    INTEGER NOT NULL DEFAULT 1,
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by  TEXT
);
CREATE INDEX holidays_year ON holidays (year, day);

-- Every change of a task's due date, with who approved it: the original due
-- date is the old_due of the first row.
CREATE TABLE task_extensions (
  id           INTEGER PRIMARY KEY NOT NULL,
  task_id      INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  old_due      TEXT NOT NULL,
  new_due      TEXT NOT NULL,
  reason       TEXT NOT NULL,
  approved_by  TEXT NOT NULL,
  approved_on  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  recorded_by  TEXT
);
CREATE INDEX task_extensions_task ON task_extensions (task_id, id);

-- Per-task rules of periodic and ongoing tasks; a task without a row uses
-- the defaults (due at the period's end; an update every month).
CREATE TABLE task_schedules (
  task_id      INTEGER PRIMARY KEY NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  due_rule     INTEGER NOT NULL DEFAULT 0 CHECK (due_rule IN (0, 1, 2)),
  due_param    INTEGER NOT NULL DEFAULT 0 CHECK (due_param BETWEEN 0 AND 366),
  update_every_months INTEGER NOT NULL DEFAULT 1 CHECK (update_every_months BETWEEN 0 AND 12),
  revision     INTEGER NOT NULL DEFAULT 1,
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by   TEXT
);

-- The report made for one occurrence of a periodic task (kind 0–3 with its
-- period), or an ad hoc report (kind 4) with its own title and due date.
CREATE TABLE occurrence_reports (
  id           INTEGER PRIMARY KEY NOT NULL,
  task_id      INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  kind         INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 4),
  year         INTEGER NOT NULL,
  period_index INTEGER NOT NULL DEFAULT 0,
  title        TEXT,                          -- ad hoc: what was asked
  due_on       TEXT,                          -- ad hoc: its due date
  reported_on  TEXT,                          -- NULL: not reported yet
  note         TEXT,
  revision     INTEGER NOT NULL DEFAULT 1,
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by   TEXT,
  CHECK (kind <> 4 OR (title IS NOT NULL AND due_on IS NOT NULL))
);
CREATE UNIQUE INDEX occurrence_reports_period
  ON occurrence_reports (task_id, kind, year, period_index) WHERE kind <> 4;
CREATE INDEX occurrence_reports_due ON occurrence_reports (due_on) WHERE kind = 4;
