-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 7: an index for the scorecards
-- (dd-store-scoring.c). No table changes; chosen with EXPLAIN QUERY PLAN
-- on the benchmark database (tests/bench/dd-bench-generate.c), figures in
-- tests/bench/BEFORE-AFTER.md.

-- What the scorecards judge each live task on, its status in every period
-- of a scorecard and its trend: they read it in one scan of this index
-- (5 MB on the benchmark file) instead of once a period through tasks_due
-- and a lookup of each task's row (the table is 55 MB there). In id order
-- (the coordinators and the words of the tasks kept in memory are matched
-- by walking them side by side). deleted_at is a column so that SQLite
-- sees the index as covering; created_at stands for the plan's date when
-- the plan has none.
CREATE INDEX tasks_scoring ON tasks
  (id, deleted_at, lead_unit_id, plan_id, deadline_kind, due_on, completed_on, deadline_understood, created_at)
  WHERE deleted_at IS NULL;
