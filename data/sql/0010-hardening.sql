-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 10: hardening (issue #20).
--
-- * tasks_plan_number: importing a plan matches each of its rows with the
--   task of the same number (TT) in the plan; without an index each lookup
--   scanned the plan's tasks, so an import took quadratic time (100,000
--   rows: about 550 s, all of it holding the write lock). With it a lookup
--   is a search of the index; "position" last serves the lookup's ORDER BY.

CREATE INDEX tasks_plan_number ON tasks (plan_id, number, position);
