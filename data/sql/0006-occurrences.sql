-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 6: indexes for reading the occurrences of every
-- ongoing and periodic task at once (dd-store-occurrences.c: the calendar,
-- the scorecards and the "forgotten" status of recurring tasks). No table
-- changes; chosen with EXPLAIN QUERY PLAN on the benchmark database
-- (tests/bench/dd-bench-generate.c), figures in tests/bench/RESULTS.md.

-- The live ongoing and periodic tasks with what their occurrences are
-- computed from, and the title the calendar shows: a fifth of the tasks
-- are recurring, spread over the whole table, so reading them from the
-- table reads nearly every page of it (55 MB on the benchmark file, more
-- than the page cache); this index is a few MB. deleted_at is a column so
-- that SQLite sees the index as covering.
CREATE INDEX tasks_recurring ON tasks
  (deadline_kind, id, deleted_at, lead_unit_id, plan_id, periods, due_on, completed_on, created_at, title)
  WHERE deleted_at IS NULL AND deadline_kind IN (2, 3);

-- The progress updates by the day they were made for: the updates that can
-- fall in the windows of a month of the calendar are a few thousand of a
-- file's hundreds of thousands.
CREATE INDEX progress_updates_day ON progress_updates (reported_on, task_id);
