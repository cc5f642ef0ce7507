-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc on a PostgreSQL server, migration 7: the plans an import in
-- chunks is writing, hidden from every reader until its last chunk
-- (issue #20).
--
-- The table of the file's migration 0016-import-pending.sql, read and
-- written through the store's virtual tables like the others
-- (src/core/pg/dd-pg-live.c): the first chunk of a large import lists its
-- plan here and the last one removes it, so that the task list, the
-- overview, the scorecards, the calendar and the exports of other desktops
-- leave the plan out meanwhile. Only an administrator imports; it has no
-- history (the chunks' rows have theirs), but notifies the windows.

CREATE TABLE import_pending (
  plan_id     bigint PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
  started_at  text NOT NULL
);

REVOKE ALL ON import_pending FROM PUBLIC;
GRANT SELECT ON import_pending TO dondoc_viewer, dondoc_unit_editor, dondoc_admin;
GRANT INSERT, UPDATE, DELETE ON import_pending TO dondoc_admin;

CREATE TRIGGER import_pending_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON import_pending
  FOR EACH STATEMENT EXECUTE FUNCTION dd_notify_change ();
