-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 11: the years of days off stored by reading them
-- (issue #21).
--
-- Before version 11, listing a year's days off ("holidays YEAR" as an
-- administrator, the calendar, the holiday editor) stored the rule's table
-- for that year, so that the official schedules (data/holidays) and later
-- corrections of the rule never reached it. A stored year is removed here,
-- so that the official schedule or the rule applies to it again, when
-- nothing shows that someone decided it:
-- * no notice's number was entered for it (settings holidays.document.YEAR);
-- * its days (date and kind) are exactly the old rule's for the year
--   (dd_legacy_holidays (): Tết the last day of the year + 4, 1/9 and 2/9,
--   compensatory days); names are not compared, they were written in the
--   language of whoever read the year;
-- * the history shows no change of its days after they were written: no
--   row updated (revision 1, no "update" in audit_log) and no day deleted
--   (no "delete" of a day of that year in audit_log).
-- A year someone edited keeps its table, even if it now equals the rule.
-- The deletions are audited like any other, by the account that upgrades.

CREATE TEMP TABLE read_years AS
SELECT y.year AS year FROM holiday_years y
WHERE NOT EXISTS (SELECT 1 FROM settings s WHERE s.key = 'holidays.document.' || y.year)
  AND NOT EXISTS (SELECT 1 FROM holidays h WHERE h.year = y.year AND h.revision <> 1)
  AND NOT EXISTS (SELECT 1 FROM audit_log a
                  WHERE a.table_name = 'holidays' AND a.action IN ('update', 'delete')
                    AND (a.row_id IN (SELECT h.id FROM holidays h WHERE h.year = y.year)
                         OR json_extract (a.old_values, '$.year') = y.year))
  AND (SELECT group_concat (d.day || ':' || d.kind, ',')
       FROM (SELECT h.day, h.kind FROM holidays h WHERE h.year = y.year ORDER BY h.day) d)
      IS dd_legacy_holidays (y.year);

DELETE FROM holidays WHERE year IN (SELECT year FROM temp.read_years);
DELETE FROM holiday_years WHERE year IN (SELECT year FROM temp.read_years);
DROP TABLE temp.read_years;
