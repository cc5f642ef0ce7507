/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-store"

#include "config.h"

#include <string.h>

#include "dd-store-private.h"

/*
 * The two SQL functions the audit triggers build the history with
 * (data/sql/0012-audit-untrusted.sql), in place of SQLite's JSON
 * functions, which SQLite 3.40 does not count as innocuous and so cannot
 * run under trusted_schema=OFF:
 *
 *   dd_json_object(key, value, …)  the text json_object() makes, byte for byte
 *                                  (the history's stored format);
 *   dd_json_changed(which, key, old, new, …)
 *                                  the object of the columns whose value changed,
 *                                  with their old (which = 0) or new (1) values,
 *                                  in the order given: what the old triggers'
 *                                  json_each() join and json_group_object() made.
 *
 * Both are pure (SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS): they read only
 * their arguments. Called by dd-store-sql.c only.
 */

/* A JSON string as SQLite's json.c writes it: '"' and '\' escaped, the
 * controls below U+0020 as \b \t \n \f \r or \u00XX, anything else as is. */
static void
append_string (sqlite3_str *out,
               const char  *text,
               int          len)
{
  static const char special[32] = {
    0, 0, 0, 0, 0, 0, 0, 0, 'b', 't', 'n', 0, 'f', 'r', 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  };

  sqlite3_str_appendchar (out, 1, '"');
  for (int i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) text[i];

      if (c == '"' || c == '\\')
        {
          sqlite3_str_appendchar (out, 1, '\\');
          sqlite3_str_appendchar (out, 1, (char) c);
        }
      else if (c < 0x20 && special[c] != 0)
        {
          sqlite3_str_appendchar (out, 1, '\\');
          sqlite3_str_appendchar (out, 1, special[c]);
        }
      else if (c < 0x20)
        sqlite3_str_appendf (out, "\\u00%c%c", '0' + (c >> 4), "0123456789abcdef"[c & 0xf]);
      else
        sqlite3_str_appendchar (out, 1, (char) c);
    }
  sqlite3_str_appendchar (out, 1, '"');
}

/* FALSE for a BLOB, which JSON cannot hold (json_object() refuses it too). */
static gboolean
append_value (sqlite3_str   *out,
              sqlite3_value *value)
{
  switch (sqlite3_value_type (value))
    {
    case SQLITE_NULL:
      sqlite3_str_appendall (out, "null");
      return TRUE;
    case SQLITE_INTEGER:
      sqlite3_str_appendf (out, "%lld", sqlite3_value_int64 (value));
      return TRUE;
    case SQLITE_FLOAT:
      /* json.c's own format, so that 0.1 and 1e20 read the same. */
      sqlite3_str_appendf (out, "%!0.15g", sqlite3_value_double (value));
      return TRUE;
    case SQLITE_TEXT:
      append_string (out, (const char *) sqlite3_value_text (value), sqlite3_value_bytes (value));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
result_object (sqlite3_context *context,
               sqlite3_str     *out,
               gboolean         ok)
{
  int len = sqlite3_str_length (out);
  char *text = sqlite3_str_finish (out);

  if (!ok)
    {
      sqlite3_free (text);
      sqlite3_result_error (context, "JSON cannot hold BLOB values", -1);
    }
  else if (text == NULL)
    sqlite3_result_error_nomem (context);
  else
    sqlite3_result_text (context, text, len, sqlite3_free);
}

static void
sql_json_object (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  sqlite3_str *out = sqlite3_str_new (NULL);
  gboolean ok = TRUE;

  if (argc % 2 != 0)
    {
      sqlite3_free (sqlite3_str_finish (out));
      sqlite3_result_error (context, "dd_json_object() requires an even number of arguments", -1);
      return;
    }
  sqlite3_str_appendchar (out, 1, '{');
  for (int i = 0; ok && i < argc; i += 2)
    {
      if (sqlite3_value_type (argv[i]) != SQLITE_TEXT)
        {
          sqlite3_free (sqlite3_str_finish (out));
          sqlite3_result_error (context, "dd_json_object() labels must be TEXT", -1);
          return;
        }
      if (i > 0)
        sqlite3_str_appendchar (out, 1, ',');
      append_value (out, argv[i]);
      sqlite3_str_appendchar (out, 1, ':');
      ok = append_value (out, argv[i + 1]);
    }
  sqlite3_str_appendchar (out, 1, '}');
  result_object (context, out, ok);
}

/* A number as json_each() reads it back from what append_value() wrote. */
static double
json_number (sqlite3_value *value)
{
  char *text;
  double number;

  if (sqlite3_value_type (value) == SQLITE_INTEGER)
    return (double) sqlite3_value_int64 (value);
  text = sqlite3_mprintf ("%!0.15g", sqlite3_value_double (value));
  number = text != NULL ? g_ascii_strtod (text, NULL) : sqlite3_value_double (value);
  sqlite3_free (text);
  return number;
}

/* The old triggers' "o.value IS NOT n.value", on the values json_each()
 * read back: NULLs alike, numbers by value, texts byte for byte. */
static gboolean
values_differ (sqlite3_value *a,
               sqlite3_value *b)
{
  int ta = sqlite3_value_type (a), tb = sqlite3_value_type (b);
  gboolean na = ta == SQLITE_INTEGER || ta == SQLITE_FLOAT;
  gboolean nb = tb == SQLITE_INTEGER || tb == SQLITE_FLOAT;

  if (ta == SQLITE_NULL || tb == SQLITE_NULL)
    return ta != tb;
  if (na && nb)
    {
      if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER)
        return sqlite3_value_int64 (a) != sqlite3_value_int64 (b);
      return json_number (a) != json_number (b);
    }
  if (ta != tb)
    return TRUE;
  /* An empty text or blob has no pointer: memcmp() must not see it. */
  if (sqlite3_value_bytes (a) != sqlite3_value_bytes (b))
    return TRUE;
  return sqlite3_value_bytes (a) > 0 &&
         memcmp (sqlite3_value_blob (a), sqlite3_value_blob (b), (size_t) sqlite3_value_bytes (a)) != 0;
}

static void
sql_json_changed (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  sqlite3_str *out;
  int which;
  gboolean ok = TRUE, first = TRUE;

  if (argc < 1 || (argc - 1) % 3 != 0)
    {
      sqlite3_result_error (context, "dd_json_changed() takes which, then key, old, new triples", -1);
      return;
    }
  which = sqlite3_value_int (argv[0]) != 0 ? 2 : 1;
  out = sqlite3_str_new (NULL);
  sqlite3_str_appendchar (out, 1, '{');
  for (int i = 1; ok && i < argc; i += 3)
    {
      if (!values_differ (argv[i + 1], argv[i + 2]))
        continue;
      if (!first)
        sqlite3_str_appendchar (out, 1, ',');
      first = FALSE;
      append_value (out, argv[i]);
      sqlite3_str_appendchar (out, 1, ':');
      ok = append_value (out, argv[i + which]);
    }
  sqlite3_str_appendchar (out, 1, '}');
  result_object (context, out, ok);
}

void
_dd_sql_register_json_functions (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  sqlite3_create_function_v2 (db, "dd_json_object", -1, flags, NULL, sql_json_object, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "dd_json_changed", -1, flags, NULL, sql_json_changed, NULL, NULL, NULL);
}
