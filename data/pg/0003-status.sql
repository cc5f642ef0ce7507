-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc on a PostgreSQL server, migration 3: the task status rule, for
-- the queries that filter or sort by status on the server.
--
-- dd_task_status () is the rule of dd_rules_task_status ()
-- (src/core/model/dd-rules.c, PRODUCT.md "Task status") written again in
-- SQL; tests/pg/test-pg-status.c checks that the two give the same status on
-- every combination of their inputs. It returns the DdTaskStatus value:
-- 0 done on time, 1 done late, 2 in progress, 3 due soon, 4 overdue,
-- 5 no deadline (6, forgotten, is decided from the occurrences, not here).
-- A change of the C rule needs a new migration replacing this function.

CREATE FUNCTION dd_task_status (kind integer, due date, completed_on date,
                                as_of date, soon_limit date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN as_of IS NULL THEN 5
    -- Completed on or before the reference date: judged against the due date.
    WHEN completed_on IS NOT NULL AND completed_on <= as_of THEN
      CASE WHEN due IS NOT NULL AND completed_on > due THEN 1 ELSE 0 END
    WHEN due IS NOT NULL THEN
      CASE WHEN due < as_of THEN 4
           WHEN soon_limit IS NOT NULL AND due <= soon_limit THEN 3
           ELSE 2 END
    -- Ongoing, periodic and statutory tasks without a date are in progress.
    WHEN kind IN (2, 3, 4) THEN 2
    ELSE 5
  END
$$;
GRANT EXECUTE ON FUNCTION dd_task_status (integer, date, date, date, date) TO PUBLIC;
