-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc on a PostgreSQL server, migration 4: what a desktop's writes
-- need (src/core/pg/dd-pg-write.c).
--
-- A command writes on a copy of the data in memory and sends the rows it
-- touched, new rows with the ids the copy gave them. The identity
-- sequences must then move past those ids, or the next row inserted
-- without an id (another tool, psql) would take one of them: setval ()
-- needs UPDATE on a sequence, which no office role should have, so
-- dd_advance_identities () does it as the owner of the tables, only
-- moving a sequence forward, past the largest id of its table.
-- The writing roles may also use the sequences (nextval) for rows they
-- insert without an id.

CREATE FUNCTION dd_advance_identities () RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c record;
  seq text;
  top bigint;
BEGIN
  FOR c IN SELECT table_name, column_name FROM information_schema.columns
           WHERE table_schema = 'public' AND is_identity = 'YES' LOOP
    seq := pg_get_serial_sequence (c.table_name, c.column_name);
    EXECUTE format ('SELECT coalesce (max (%I), 0) FROM %I', c.column_name, c.table_name) INTO top;
    EXECUTE format ('SELECT setval (%L, greatest ((SELECT CASE WHEN is_called THEN last_value + 1 '
                    'ELSE last_value END FROM %s), %s + 1), false)', seq, seq, top);
  END LOOP;
END $$;

REVOKE EXECUTE ON FUNCTION dd_advance_identities () FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dd_advance_identities () TO dondoc_unit_editor, dondoc_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dondoc_unit_editor, dondoc_admin;
