-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 1. Applied in one transaction; PRAGMA user_version
-- is set by the store after it. Dates are ISO text 'YYYY-MM-DD'; timestamps
-- are ISO 8601 UTC text. Every editable row carries a revision number that
-- goes up by one on each write (no lost updates between desktops).

CREATE TABLE settings (
  key         TEXT PRIMARY KEY NOT NULL,
  value       TEXT NOT NULL,
  revision    INTEGER NOT NULL DEFAULT 1,
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by  TEXT
);

-- The deadline kinds of PRODUCT.md (tasks.deadline_kind refers to them).
CREATE TABLE deadline_kinds (
  id    INTEGER PRIMARY KEY NOT NULL,
  code  TEXT NOT NULL UNIQUE
);
INSERT INTO deadline_kinds (id, code) VALUES
  (0, 'none'), (1, 'date'), (2, 'ongoing'), (3, 'periodic'), (4, 'statutory'), (5, 'external');

CREATE TABLE plans (
  id          INTEGER PRIMARY KEY NOT NULL,
  number      TEXT NOT NULL,                 -- '662/KH-VPUB'
  issued_on   TEXT,                          -- '2026-04-28'
  title       TEXT NOT NULL,
  issuer      TEXT,
  basis       TEXT,                          -- basis documents, one per line
  source_name TEXT,                          -- file it was imported from
  is_sample   INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  revision    INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by  TEXT
);
CREATE INDEX plans_number ON plans (number);

CREATE TABLE units (
  id          INTEGER PRIMARY KEY NOT NULL,
  name        TEXT NOT NULL,
  match_key   TEXT NOT NULL UNIQUE,          -- dd_text_unit_match_key (name)
  sort_key    BLOB NOT NULL,                 -- ICU "vi" collation key of name
  is_group    INTEGER NOT NULL DEFAULT 0 CHECK (is_group IN (0, 1)),
  revision    INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by  TEXT
);
CREATE INDEX units_sort ON units (sort_key);

CREATE TABLE tasks (
  id              INTEGER PRIMARY KEY NOT NULL,
  plan_id         INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,          -- order in the appendix
  number          TEXT NOT NULL DEFAULT '',  -- TT as written: '1.'
  title           TEXT NOT NULL,
  lead_unit_id    INTEGER REFERENCES units (id),
  deadline_kind   INTEGER NOT NULL DEFAULT 0 REFERENCES deadline_kinds (id),
  deadline_text   TEXT,                      -- Thời gian as written
  deadline_understood INTEGER NOT NULL DEFAULT 1 CHECK (deadline_understood IN (0, 1)),
  due_on          TEXT,                      -- for kind 'date'
  periods         INTEGER NOT NULL DEFAULT 0, -- DdPeriodFlags for kind 'periodic'
  annual_due      TEXT,                      -- 'MM-DD' for "Trước ngày 15/12 hằng năm"
  product         TEXT,                      -- Sản phẩm (planned)
  directing       TEXT,                      -- Trách nhiệm chỉ đạo
  progress        INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  completed_on    TEXT,
  actual_product  TEXT,
  note            TEXT,
  search_text     TEXT NOT NULL DEFAULT '',  -- folded text of the searchable columns
  title_key       BLOB,                      -- ICU "vi" collation key of title
  revision        INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by      TEXT
);
CREATE INDEX tasks_plan_position ON tasks (plan_id, position);
CREATE INDEX tasks_lead ON tasks (lead_unit_id);
CREATE INDEX tasks_due ON tasks (due_on);
CREATE INDEX tasks_kind ON tasks (deadline_kind);
CREATE INDEX tasks_completed ON tasks (completed_on);
CREATE INDEX tasks_title_key ON tasks (title_key);

CREATE TABLE task_coordinators (
  task_id   INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  unit_id   INTEGER NOT NULL REFERENCES units (id),
  position  INTEGER NOT NULL,
  PRIMARY KEY (task_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX task_coordinators_unit ON task_coordinators (unit_id, task_id);

CREATE TABLE progress_updates (
  id              INTEGER PRIMARY KEY NOT NULL,
  task_id         INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  reported_on     TEXT NOT NULL,             -- the date the progress was reported for
  progress        INTEGER CHECK (progress BETWEEN 0 AND 100),
  completed_on    TEXT,
  actual_product  TEXT,
  note            TEXT,
  recorded_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  recorded_by     TEXT
);
CREATE INDEX progress_updates_task ON progress_updates (task_id, reported_on);

CREATE TABLE indicators (
  id          INTEGER PRIMARY KEY NOT NULL,
  plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  title       TEXT NOT NULL,
  target      REAL NOT NULL DEFAULT 100 CHECK (target >= 0),  -- percent
  revision    INTEGER NOT NULL DEFAULT 1,
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by  TEXT,
  UNIQUE (plan_id, position)
);

CREATE TABLE indicator_figures (
  id            INTEGER PRIMARY KEY NOT NULL,
  indicator_id  INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  unit_id       INTEGER REFERENCES units (id),   -- NULL: the whole office
  period_start  TEXT NOT NULL,
  period_end    TEXT NOT NULL,
  numerator     REAL NOT NULL CHECK (numerator >= 0),
  denominator   REAL NOT NULL CHECK (denominator >= 0),
  source        TEXT,
  revision      INTEGER NOT NULL DEFAULT 1,
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_by    TEXT,
  CHECK (numerator <= denominator),
  CHECK (period_start <= period_end)
);
CREATE UNIQUE INDEX indicator_figures_key
  ON indicator_figures (indicator_id, ifnull (unit_id, 0), period_start, period_end);
