-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 5: indexes for a file of real size (100,000
-- tasks, 300 units; issue 9). No table changes; every index here was
-- chosen with EXPLAIN QUERY PLAN on the benchmark database
-- (tests/bench/dd-bench-generate.c), and tests/bench/RESULTS.md has the
-- figures before and after.

-- The task list in the appendix's order, with what its status filter and
-- status counts read: the list and the counts walk this small index alone
-- instead of every row of the table. Only the live tasks (not those in the
-- recycle bin), as every query asks.
CREATE INDEX tasks_live_order ON tasks
  (plan_id, position, id, deleted_at, deadline_kind, due_on, completed_on, lead_unit_id)
  WHERE deleted_at IS NULL;

-- The same with the folded search text (tasks.search_text, written with
-- each task): a text filter walks this index (a third of the table's size)
-- instead of every row. Being an index, it follows every insert, edit,
-- deletion to the recycle bin and restore by itself. "search_text > ''" is
-- in the text filter's query (dd-store-tasks.c) and nowhere else, so that
-- the queries without text keep to the smaller index above.
CREATE INDEX tasks_live_text ON tasks
  (plan_id, position, id, deleted_at, deadline_kind, due_on, completed_on, lead_unit_id, search_text)
  WHERE deleted_at IS NULL AND search_text > '';

-- A task's coordinating units in their order, without sorting them for
-- each task (the exports read them for every row).
CREATE INDEX task_coordinators_order ON task_coordinators (task_id, position, unit_id);

-- The tasks a unit leads (the unit list's counts, the scorecards), without
-- reading each task's row.
CREATE INDEX tasks_lead_live ON tasks (lead_unit_id, plan_id, deleted_at, deadline_kind, due_on, completed_on)
  WHERE deleted_at IS NULL;

-- The sums of an indicator's figures over a period (the dashboard, the
-- workbook, the scorecards), from the index alone.
CREATE INDEX indicator_figures_sums ON indicator_figures
  (indicator_id, period_start, period_end, unit_id, numerator, denominator);
