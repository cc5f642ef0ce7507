/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dondoc-pg"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dondoc/dondoc.h"
#include "dd-pg-live-private.h"
#include "dd-store-private.h"

/*
 * The server's tables read in place, without a copy (issue #22): a store
 * in memory whose tables are shadowed by SQLite virtual tables of the
 * module "dd_pg", one per table of the data, in the temp schema (which
 * SQLite searches before main). The store's and the domains' queries run
 * unchanged, in SQLite's dialect and with the app's own SQL functions and
 * collation (dd_status(), dd_vi, …: each rule stays one C function); each
 * scan of a table becomes one query on the server that reads only the
 * columns the statement uses and only the rows its equality and IS NULL
 * constraints select (a task by id, a task's coordinators, the live
 * tasks), prepared once per shape. Values are read in the file's text, as
 * the copier reads them (dd-pg-columns.c), so every output is the same as
 * on a file by construction. One REPEATABLE READ transaction of the
 * server's lasts as long as the store: every read of a command sees one
 * snapshot. A window's store ends it when idle (_dd_pg_live_end_when_idle(),
 * once its listener hears every write) and its next read begins a new one.
 * A store that writes (dd_pg_write_store()) writes through the same
 * virtual tables, in place (dd-pg-live-write.c).
 *
 * A task list reads its rows task by task, as on a file; told which tasks
 * come next (_dd_store_set_batch_ids()), a scan of a task's own table by
 * its task's id reads those tasks' rows at once, one query per table and
 * shape of scan, kept for the snapshot. A scan repeated for many values
 * of another integer column (an export's loop over the plans or the
 * indicators) reads every value's rows at once after AUTO_BATCH_SCANS of
 * them, kept the same way. The store's caches that a new
 * snapshot makes stale ask the server's audit log what changed since
 * (live_change_log()): the recurring tasks' status is judged again only
 * for the tasks it names.
 */

/* The most columns a scan reads by name; the others read them all. */
#define MASK_COLUMNS 63

/* The tables an office keeps small (tens or hundreds of rows): each is
 * read whole at its first scan and every scan after reads that copy, as
 * the snapshot never changes; a scan of one costs no round trip (a task
 * read joins its units and plan). The plan of their scans is "*". */
static const char * const small_tables[] = {
  "units", "plans", "settings", "users", "holidays", "holiday_years", "indicator_rules", "import_pending", NULL,
};

/* The tables of a task's own rows, which a task list reads task by task
 * (_dd_store_set_batch_ids()): a scan of one by its task's id ("id" of
 * the tasks, "task_id" of the others) reads the rows of every task of
 * the batch in one query, kept for the snapshot, and serves the scans of
 * the other tasks of the batch from them. */
static const char * const batch_tables[] = {
  "tasks", "task_coordinators", "task_extensions", "task_people", "task_sources", "task_schedules", NULL,
};

/* A task's rows in a batch: [start, end) of its result. */
typedef struct
{
  gint64 id;
  int start;
  int end;
} BatchRows;

/* The rows of the tasks of a batch, for one shape of scan. */
typedef struct
{
  PGresult *result;
  int *fields;                  /* each cursor's fields (build_select()) */
  GArray *covered;              /* gint64, sorted: the tasks asked for; NULL: every value */
  GArray *rows;                 /* BatchRows, by id: those that have rows */
} LiveBatch;

/* A shape of scan a task list's batch was read for (read_batched()):
 * its table, plan and arguments, and the last round it served. */
typedef struct
{
  char *table;
  char *plan;
  sqlite3_value **args;
  int n_args;
  int column;
  guint64 round;
} BatchShape;

static void
batch_shape_free (gpointer data)
{
  BatchShape *shape = data;

  for (int i = 0; i < shape->n_args; i++)
    sqlite3_value_free (shape->args[i]);
  g_free (shape->args);
  g_free (shape->table);
  g_free (shape->plan);
  g_free (shape);
}

static void
batch_free (gpointer data)
{
  LiveBatch *batch = data;

  PQclear (batch->result);
  g_free (batch->fields);
  g_clear_pointer (&batch->covered, g_array_unref);
  g_array_unref (batch->rows);
  g_free (batch);
}

void
_dd_pg_live_drop_batches (Live *live)
{
  GHashTableIter iter;
  gpointer batch;

  /* A cursor may still read one: freed with the last cursor. */
  g_hash_table_iter_init (&iter, live->batches);
  while (g_hash_table_iter_next (&iter, NULL, &batch))
    {
      g_ptr_array_add (live->retired_batches, batch);
      g_hash_table_iter_remove (&iter);
    }
  if (live->n_cursors == 0)
    g_ptr_array_set_size (live->retired_batches, 0);
  g_hash_table_remove_all (live->scan_counts);
}

static void
live_free (gpointer data)
{
  Live *live = data;

  if (live->idle_id != 0)
    g_source_destroy (g_main_context_find_source_by_id (live->idle_context, live->idle_id));
  g_clear_pointer (&live->idle_context, g_main_context_unref);
  g_hash_table_unref (live->timestamps);
  g_clear_pointer (&live->dates, g_hash_table_unref);
  g_hash_table_unref (live->columns);
  g_hash_table_unref (live->prepared);
  g_ptr_array_unref (live->tables);
  _dd_pg_live_drop_batches (live);
  _dd_pg_live_drop_lists (live);
  g_clear_pointer (&live->lists, g_ptr_array_unref);
  g_clear_pointer (&live->prefetch, _dd_pg_prefetch_free);
  g_free (live->exported);
  g_free (live->snapshot);
  g_free (live->pending);
  g_free (live->previous);
  g_hash_table_unref (live->batches);
  g_hash_table_unref (live->scan_counts);
  g_hash_table_unref (live->batch_shapes);
  g_clear_pointer (&live->round_ids, g_array_unref);
  g_ptr_array_unref (live->retired_batches);
  if (g_object_get_data (G_OBJECT (live->pg), "dd-pg-live") == live)
    g_object_set_data (G_OBJECT (live->pg), "dd-pg-live", NULL);
  g_free (live);
}

static int
set_vtab_error (sqlite3_vtab *vtab, const char *message)
{
  sqlite3_free (vtab->zErrMsg);
  vtab->zErrMsg = sqlite3_mprintf ("%s", message);
  return SQLITE_ERROR;
}

static const char *
declared_type (DdPgColumnKind kind)
{
  switch (kind)
    {
    case KIND_INTEGER:
      return "INTEGER";
    case KIND_REAL:
      return "REAL";
    case KIND_BLOB:
      return "BLOB";
    case KIND_TEXT:
    default:
      return "TEXT";
    }
}

static int
live_connect (sqlite3             *db,
              void                *aux,
              int                  argc,
              const char * const  *argv,
              sqlite3_vtab       **out,
              char               **error_message)
{
  Live *live = aux;
  GPtrArray *columns;
  LiveTable *table;
  g_autoptr(GString) declaration = g_string_new ("CREATE TABLE x(");
  int rc;

  columns = argc == 4 ? g_hash_table_lookup (live->columns, argv[3]) : NULL;
  if (columns == NULL || columns->len < 2)
    {
      *error_message = sqlite3_mprintf ("dd_pg: no table %s", argc == 4 ? argv[3] : "");
      return SQLITE_ERROR;
    }
  for (guint c = 0; c < columns->len; c++)
    {
      const DdPgColumn *column = columns->pdata[c];

      g_string_append_printf (declaration, "%s\"%s\" %s", c > 0 ? ", " : "", column->name,
                              declared_type (column->kind));
    }
  g_string_append (declaration, ")");
  rc = sqlite3_declare_vtab (db, declaration->str);
  if (rc != SQLITE_OK)
    return rc;

  table = g_new0 (LiveTable, 1);
  table->live = live;
  table->table = g_strdup (argv[3]);
  table->columns = columns;
  table->id_first = g_str_equal (((DdPgColumn *) columns->pdata[0])->name, "id") &&
                    ((DdPgColumn *) columns->pdata[0])->kind == KIND_INTEGER;
  table->small = g_strv_contains (small_tables, argv[3]);
  table->batch_column = -1;
  for (guint c = 0; c < columns->len && g_strv_contains (batch_tables, argv[3]); c++)
    if (g_str_equal (((DdPgColumn *) columns->pdata[c])->name, g_str_equal (argv[3], "tasks") ? "id" : "task_id") &&
        ((DdPgColumn *) columns->pdata[c])->kind == KIND_INTEGER)
      table->batch_column = (int) c;
  _dd_pg_live_table_init (table);
  g_ptr_array_add (live->tables, table);
  *out = &table->base;
  return SQLITE_OK;
}

static int
live_disconnect (sqlite3_vtab *vtab)
{
  LiveTable *table = (LiveTable *) vtab;

  sqlite3_free (table->base.zErrMsg);
  g_ptr_array_remove (table->live->tables, table);
  _dd_pg_live_table_clear (table);
  g_free (table->table);
  g_free (table);
  return SQLITE_OK;
}

/* Whether @column is a date on the server: its text in the file
 * ("2026-12-06") sorts as the date does. */
static gboolean
is_date (LiveTable        *table,
         const DdPgColumn *column)
{
  g_autofree char *key = g_strconcat (table->table, ".", column->server_name, NULL);

  return column->kind == KIND_TEXT && g_hash_table_contains (table->live->dates, key);
}

/* Whether the server compares @column's values as the file does: its
 * integers, and the text it sends as it is stored (not the timestamps,
 * the audit's JSON nor users' role, which the SELECT rewrites). */
static gboolean
can_compare (LiveTable        *table,
             const DdPgColumn *column)
{
  g_autofree char *key = g_strconcat (table->table, ".", column->server_name, NULL);

  if (column->kind == KIND_INTEGER)
    return TRUE;
  if (column->kind != KIND_TEXT || g_hash_table_contains (table->live->timestamps, key))
    return FALSE;
  return !(g_str_equal (table->table, "users") && g_str_equal (column->name, "role")) &&
         !g_str_equal (table->table, "audit_log");
}

/* The plan of a scan, in idxStr: "MASK:" then a term per constraint sent
 * to the server: "=C" (equal to the next argument), "iC" (in the next
 * argument's list, all at once), "<C", "lC", ">C", "gC" (less than, at
 * most, more than, at least the next argument), "nC" (IS NULL), "NC" (IS
 * NOT NULL); then the order the server returns the rows in when SQLite
 * takes it as the statement's ORDER BY: "aC" (ascending), "dC"
 * (descending). SQLite checks every constraint again (omit stays 0) but
 * an IN read all at once, which the server decides exactly (integers):
 * the server only reads fewer rows. */
static char
range_term (unsigned char op)
{
  switch (op)
    {
    case SQLITE_INDEX_CONSTRAINT_LT:
      return '<';
    case SQLITE_INDEX_CONSTRAINT_LE:
      return 'l';
    case SQLITE_INDEX_CONSTRAINT_GT:
      return '>';
    case SQLITE_INDEX_CONSTRAINT_GE:
      return 'g';
    default:
      return '\0';
    }
}

/* Whether the server returns the rows in the ORDER BY SQLite asks for:
 * integer columns only (the text's order is the collation's), their NULLs
 * first as SQLite's are. Adds its terms to @plan. Not for a DISTINCT
 * (sqlite3_vtab_distinct() 2 or 3), where an order taken would promise
 * rows without duplicates; nor for a GROUP BY (1), left to SQLite. */
static gboolean
plan_order (LiveTable          *table,
            sqlite3_index_info *info,
            GString            *plan)
{
  if (info->nOrderBy == 0 || sqlite3_vtab_distinct (info) != 0)
    return FALSE;
  for (int i = 0; i < info->nOrderBy; i++)
    {
      int c = info->aOrderBy[i].iColumn;

      if (c < 0 || (guint) c >= table->columns->len ||
          ((DdPgColumn *) table->columns->pdata[c])->kind != KIND_INTEGER)
        return FALSE;
    }
  for (int i = 0; i < info->nOrderBy; i++)
    g_string_append_printf (plan, "%c%d;", info->aOrderBy[i].desc ? 'd' : 'a', info->aOrderBy[i].iColumn);
  return TRUE;
}

/* A small table's plan: "*" (every row of its whole), or "*=" (the row
 * of the id the first argument gives, looked up in its whole) when the
 * statement gives its id: a task read joins its plan and its units by
 * id, and a scan of the whole for each of 100,000 tasks (an export) was
 * most of the export's time. SQLite checks the constraint again. */
static int
plan_small (LiveTable          *table,
            sqlite3_index_info *info)
{
  gboolean by_id = FALSE;

  for (int i = 0; i < info->nConstraint && table->id_first && !by_id; i++)
    if (info->aConstraint[i].usable && info->aConstraint[i].iColumn == 0 &&
        info->aConstraint[i].op == SQLITE_INDEX_CONSTRAINT_EQ)
      {
        info->aConstraintUsage[i].argvIndex = 1;
        by_id = TRUE;
      }
  info->idxStr = sqlite3_mprintf (by_id ? "*=" : "*");
  info->needToFreeIdxStr = 1;
  info->estimatedCost = by_id ? 1.0 : 10.0;
  info->estimatedRows = by_id ? 1 : 100;
  if (by_id)
    info->idxFlags |= SQLITE_INDEX_SCAN_UNIQUE;
  return SQLITE_OK;
}

static int
live_best_index (sqlite3_vtab       *vtab,
                 sqlite3_index_info *info)
{
  LiveTable *table = (LiveTable *) vtab;
  g_autoptr(GString) plan = g_string_new (NULL);
  double cost = 1e6;
  int n_args = 0;
  gboolean unique = FALSE;

  if (table->small)
    return plan_small (table, info);
  g_string_printf (plan, "%llx:", (unsigned long long) info->colUsed);
  for (int i = 0; i < info->nConstraint; i++)
    {
      const struct sqlite3_index_constraint *constraint = &info->aConstraint[i];
      const DdPgColumn *column;
      char range;

      if (!constraint->usable || constraint->iColumn < 0 || (guint) constraint->iColumn >= table->columns->len)
        continue;
      column = table->columns->pdata[constraint->iColumn];
      range = range_term (constraint->op);
      if (constraint->op == SQLITE_INDEX_CONSTRAINT_EQ && column->kind == KIND_INTEGER &&
          sqlite3_vtab_in (info, i, 1))
        {
          /* "c IN (…)": one query for the whole list. */
          info->aConstraintUsage[i].argvIndex = ++n_args;
          info->aConstraintUsage[i].omit = 1;
          g_string_append_printf (plan, "i%d;", constraint->iColumn);
          cost = MIN (cost, 1000.0);
        }
      else if (constraint->op == SQLITE_INDEX_CONSTRAINT_EQ && can_compare (table, column))
        {
          info->aConstraintUsage[i].argvIndex = ++n_args;
          g_string_append_printf (plan, "=%d;", constraint->iColumn);
          unique = unique || (constraint->iColumn == 0 && table->id_first);
          cost = MIN (cost, unique ? 1.0 : 100.0);
        }
      else if (range != '\0' && (column->kind == KIND_INTEGER || is_date (table, column)))
        {
          info->aConstraintUsage[i].argvIndex = ++n_args;
          g_string_append_printf (plan, "%c%d;", range, constraint->iColumn);
          cost = MIN (cost, 2.5e5);
        }
      else if (constraint->op == SQLITE_INDEX_CONSTRAINT_ISNULL ||
               constraint->op == SQLITE_INDEX_CONSTRAINT_ISNOTNULL)
        {
          g_string_append_printf (plan, "%c%d;",
                                  constraint->op == SQLITE_INDEX_CONSTRAINT_ISNULL ? 'n' : 'N',
                                  constraint->iColumn);
          cost = MIN (cost, 5e5);
        }
    }
  if (plan_order (table, info, plan))
    info->orderByConsumed = 1;
  info->estimatedCost = cost;
  info->estimatedRows = (sqlite3_int64) cost;
  if (unique)
    info->idxFlags |= SQLITE_INDEX_SCAN_UNIQUE;
  info->idxStr = sqlite3_mprintf ("%s", plan->str);
  info->needToFreeIdxStr = 1;
  return SQLITE_OK;
}

static int
live_open (sqlite3_vtab         *vtab,
           sqlite3_vtab_cursor **out)
{
  LiveTable *table = (LiveTable *) vtab;
  LiveCursor *cursor = g_new0 (LiveCursor, 1);

  cursor->fields = g_new (int, table->columns->len);
  table->live->n_cursors++;
  *out = &cursor->base;
  return SQLITE_OK;
}

static int
live_close (sqlite3_vtab_cursor *base)
{
  LiveCursor *cursor = (LiveCursor *) base;

  Live *live = ((LiveTable *) base->pVtab)->live;

  if (--live->n_cursors == 0)
    g_ptr_array_set_size (live->retired_batches, 0);
  if (!cursor->borrowed)
    PQclear (cursor->result);
  g_free (cursor->fields);
  g_free (cursor);
  return SQLITE_OK;
}

static gboolean
column_used (sqlite3_uint64 mask, guint c)
{
  return c >= MASK_COLUMNS || (mask & ((sqlite3_uint64) 1 << c)) != 0;
}

/* The integers of an IN list read all at once, as an array's text
 * ("{1,2,3}"): a value that is no integer can equal none of the column's. */
static char *
dup_in_list (sqlite3_value *list)
{
  GString *array = g_string_new ("{");
  sqlite3_value *value = NULL;
  int rc;

  for (rc = sqlite3_vtab_in_first (list, &value); rc == SQLITE_OK && value != NULL;
       rc = sqlite3_vtab_in_next (list, &value))
    {
      sqlite3_int64 number;

      if (sqlite3_value_numeric_type (value) == SQLITE_INTEGER)
        number = sqlite3_value_int64 (value);
      else if (sqlite3_value_numeric_type (value) == SQLITE_FLOAT &&
               sqlite3_value_double (value) == (double) (sqlite3_int64) sqlite3_value_double (value))
        number = (sqlite3_int64) sqlite3_value_double (value);
      else
        continue;
      g_string_append_printf (array, "%s%lld", array->len > 1 ? "," : "", (long long) number);
    }
  g_string_append_c (array, '}');
  return g_string_free (array, FALSE);
}

static const char *
range_operator (char term)
{
  switch (term)
    {
    case '<':
      return "<";
    case 'l':
      return "<=";
    case '>':
      return ">";
    default:
      return ">=";
    }
}

/* Whether @text is a day as the file writes it ("2026-12-06"): its order
 * as text is the date's. */
static gboolean
is_iso_date (const char *text)
{
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return text[0] != '0' &&
         g_date_valid_dmy ((GDateDay) g_ascii_strtoull (text + 8, NULL, 10),
                           (GDateMonth) g_ascii_strtoull (text + 5, NULL, 10),
                           (GDateYear) g_ascii_strtoull (text, NULL, 10));
}

/* Adds to @where the term @term of a plan, and its parameter to @params
 * (an order term adds nothing). */
static void
append_term (LiveTable      *table,
             GString        *where,
             GPtrArray      *params,
             const char     *term,
             sqlite3_value **argv,
             int            *arg,
             int            *batch_column,
             const char     *batch_ids)
{
  guint c = (guint) g_ascii_strtoull (term + 1, NULL, 10);
  const DdPgColumn *column;
  const char *keyword = where->len == 0 ? " WHERE " : " AND ";

  if (c >= table->columns->len || term[0] == 'a' || term[0] == 'd')
    return;
  column = table->columns->pdata[c];
  if (term[0] == 'n' || term[0] == 'N')
    {
      g_string_append_printf (where, "%s\"%s\" IS %sNULL", keyword, column->server_name,
                              term[0] == 'N' ? "NOT " : "");
      return;
    }
  if (term[0] == '=' && (int) c == *batch_column)
    {
      /* A batch: every task of it, its argument (one of them) aside; or
       * every value of the column (a scan repeated for many). */
      (*arg)++;
      *batch_column = -1;
      if (batch_ids == NULL)
        {
          g_string_append_printf (where, "%s\"%s\" IS NOT NULL", keyword, column->server_name);
          return;
        }
      g_ptr_array_add (params, g_strdup (batch_ids));
      g_string_append_printf (where, "%s\"%s\" = ANY ($%u::bigint[])", keyword, column->server_name, params->len);
      return;
    }
  if (term[0] == 'i')
    {
      g_ptr_array_add (params, dup_in_list (argv[(*arg)++]));
      g_string_append_printf (where, "%s\"%s\" = ANY ($%u::bigint[])", keyword, column->server_name, params->len);
      return;
    }

  /* "=C" and the ranges: a value of another type than the column's is
   * left to SQLite. */
  {
    sqlite3_value *value = argv[(*arg)++];
    int type = sqlite3_value_type (value);
    const char *op = term[0] == '=' ? "=" : range_operator (term[0]);

    if (column->kind == KIND_INTEGER && type == SQLITE_INTEGER)
      {
        g_ptr_array_add (params, g_strdup_printf ("%lld", (long long) sqlite3_value_int64 (value)));
        g_string_append_printf (where, "%s\"%s\" %s $%u::bigint", keyword, column->server_name, op, params->len);
      }
    else if (term[0] != '=' && type == SQLITE_TEXT && is_date (table, column) &&
             is_iso_date ((const char *) sqlite3_value_text (value)))
      {
        /* A range of days (a window of reports, the updates of a year):
         * the server reads those rows only. */
        g_ptr_array_add (params, g_strdup ((const char *) sqlite3_value_text (value)));
        g_string_append_printf (where, "%s\"%s\" %s $%u::date", keyword, column->server_name, op, params->len);
      }
    else if (column->kind == KIND_TEXT && type == SQLITE_TEXT && term[0] == '=')
      {
        g_ptr_array_add (params, g_strdup ((const char *) sqlite3_value_text (value)));
        g_string_append_printf (where, "%s\"%s\"::text = $%u", keyword, column->server_name, params->len);
      }
  }
}

/* The ORDER BY of @terms: theirs when the plan has order terms, then the
 * copy's order, which is the file's rowid order (the order of ties on a
 * file, which the store's code may count on). Each column is named with
 * its table: a bare name would be the SELECT's output of that name, its
 * text, and sort 10 before 2. */
static void
append_order (LiveTable *table,
              GString   *sql,
              GStrv      terms,
              int        batch_column)
{
  gboolean any = batch_column >= 0;

  /* A batch's rows task by task (value by value), each task's in the
   * order of its own scan. */
  if (batch_column >= 0)
    g_string_append_printf (sql, " ORDER BY \"%s\".\"%s\"", table->table,
                            ((DdPgColumn *) table->columns->pdata[batch_column])->server_name);

  for (guint i = 0; terms[i] != NULL; i++)
    {
      guint c = (guint) g_ascii_strtoull (terms[i] + 1, NULL, 10);
      const DdPgColumn *column;

      if ((terms[i][0] != 'a' && terms[i][0] != 'd') || c >= table->columns->len)
        continue;
      /* SQLite's NULLs are the smallest values; a column without any
       * keeps the order the server's indexes have. */
      column = table->columns->pdata[c];
      g_string_append_printf (sql, "%s\"%s\".\"%s\" %s%s", any ? ", " : " ORDER BY ", table->table, column->server_name,
                              terms[i][0] == 'a' ? "ASC" : "DESC",
                              column->not_null ? "" : terms[i][0] == 'a' ? " NULLS FIRST" : " NULLS LAST");
      any = TRUE;
    }
  g_string_append_printf (sql, "%s\"%s\".\"%s\", \"%s\".\"%s\"", any ? ", " : " ORDER BY ",
                          table->table, ((DdPgColumn *) table->columns->pdata[0])->server_name,
                          table->table, ((DdPgColumn *) table->columns->pdata[1])->server_name);
}

/* Whether @terms (of a plan) have the term @kind on column @c. */
static gboolean
plan_has_term (GStrv  terms,
               char   kind,
               guint  c)
{
  for (guint i = 0; terms[i] != NULL; i++)
    if (terms[i][0] == kind && g_ascii_strtoull (terms[i] + 1, NULL, 10) == c)
      return TRUE;
  return FALSE;
}

/* The SELECT of a scan planned as @plan, and its parameters; with a
 * @batch_column (else -1), that of the rows of all the values @batch_ids
 * (an array's text) gives to that column's "=" term, or of every value
 * but NULL when @batch_ids is NULL. */
static char *
build_select (LiveTable      *table,
              LiveCursor     *cursor,
              const char     *plan,
              sqlite3_value **argv,
              GPtrArray      *params,
              int             batch_column,
              const char     *batch_ids)
{
  GString *sql = g_string_new ("SELECT ");
  g_autoptr(GString) where = g_string_new (NULL);
  g_auto(GStrv) terms = NULL;
  sqlite3_uint64 mask = g_ascii_strtoull (plan, NULL, 16);
  const char *colon = strchr (plan, ':');
  int field = 0, arg = 0;
  int unused_column = batch_column;

  terms = g_strsplit (colon != NULL ? colon + 1 : "", ";", -1);
  /* The key and the revision for a store that writes, in its write
   * transaction (its xUpdate's rows). */
  cursor->keys = table->live->writable && table->live->in_transaction;
  for (guint c = 0; c < table->columns->len; c++)
    {
      /* The first column always: the rowid, and never an empty list. A
       * column the server found NULL (IS NULL) is NULL in every row: not
       * read, so that an index without it answers ("deleted_at IS NULL":
       * the live tasks' index has the list's columns). */
      cursor->fields[c] = c == 0 || (cursor->keys && _dd_pg_live_is_key (table, c)) ||
                          (int) c == batch_column ||
                          (column_used (mask, c) && !plan_has_term (terms, 'n', c)) ? field++ : -1;
      if (cursor->fields[c] < 0)
        continue;
      g_string_append (sql, c > 0 ? ", " : "");
      _dd_pg_append_server_expression (sql, table->table, table->columns->pdata[c], table->live->timestamps);
    }
  for (guint i = 0; terms[i] != NULL; i++)
    if (terms[i][0] != '\0')
      append_term (table, where, params, terms[i], argv, &arg, &unused_column, batch_ids);
  g_string_append_printf (sql, " FROM \"%s\"%s", table->table, where->str);
  append_order (table, sql, terms, batch_column);
  return g_string_free (sql, FALSE);
}

PGresult *
_dd_pg_live_run_select (Live       *live,
                        const char *sql,
                        GPtrArray  *params)
{
  PGconn *conn = dd_pg_get_conn (live->pg);
  const char *name = g_hash_table_lookup (live->prepared, sql);


  if (name == NULL)
    {
      g_autofree char *new_name = g_strdup_printf ("dd_live_%u", g_hash_table_size (live->prepared));
      PGresult *prepared = PQprepare (conn, new_name, sql, (int) params->len, NULL);

      if (PQresultStatus (prepared) != PGRES_COMMAND_OK)
        return prepared;
      PQclear (prepared);
      name = new_name;
      g_hash_table_insert (live->prepared, g_strdup (sql), g_steal_pointer (&new_name));
    }
  live->n_reads++;
  return PQexecPrepared (conn, name, (int) params->len, (const char * const *) params->pdata, NULL, NULL, 0);
}

/* The column of @terms' scan that a batch may read for many values: the
 * task's id of a table of a task's rows (the ids the store names), else
 * the first integer column but the id that an "=" term gives (every
 * value, once the scan is repeated: AUTO_BATCH_SCANS); -1 for none. */
static int
batch_column_of (LiveTable *table,
                 GStrv      terms)
{
  for (guint i = 0; terms[i] != NULL && table->batch_column >= 0; i++)
    if (terms[i][0] == '=' && g_ascii_strtoll (terms[i] + 1, NULL, 10) == table->batch_column)
      return table->batch_column;
  for (guint i = 0; terms[i] != NULL; i++)
    {
      guint c = (guint) g_ascii_strtoull (terms[i] + 1, NULL, 10);

      if (terms[i][0] == '=' && c < table->columns->len && (c > 0 || !table->id_first) &&
          ((DdPgColumn *) table->columns->pdata[c])->kind == KIND_INTEGER)
        return (int) c;
    }
  return -1;
}

/* Whether @plan's scan may be read in a batch: outside a write (its rows
 * are read with their keys), one "=" term on its batch column
 * (batch_column_of()), given an integer, and no IN list. Sets @batch_arg
 * to that term's argument, @column to that column, and puts in @key the
 * plan and the other arguments: the scans a batch serves are those of
 * the same key. */
static gboolean
plan_batch (LiveTable      *table,
            const char     *plan,
            sqlite3_value **argv,
            int            *batch_arg,
            int            *column,
            GString        *key)
{
  const char *colon = plan != NULL ? strchr (plan, ':') : NULL;
  g_auto(GStrv) terms = NULL;
  int arg = 0;

  *batch_arg = -1;
  if (colon == NULL || table->live->in_transaction)
    return FALSE;
  terms = g_strsplit (colon + 1, ";", -1);
  *column = batch_column_of (table, terms);
  if (*column < 0)
    return FALSE;
  g_string_append (key, plan);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      char kind = terms[i][0];

      if (kind == 'i')
        return FALSE;
      if (strchr ("=<l>g", kind) == NULL || kind == '\0')
        continue;
      if (kind == '=' && *batch_arg < 0 && g_ascii_strtoll (terms[i] + 1, NULL, 10) == *column)
        {
          *batch_arg = arg++;
          continue;
        }
      g_string_append_printf (key, "\x1f%d:%s", sqlite3_value_type (argv[arg]),
                              sqlite3_value_text (argv[arg]) != NULL ? (const char *) sqlite3_value_text (argv[arg])
                                                                     : "");
      arg++;
    }
  return *batch_arg >= 0 && sqlite3_value_type (argv[*batch_arg]) == SQLITE_INTEGER;
}

static gint
compare_id (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Whether the sorted @ids have @id. */
static gboolean
ids_contain (GArray *ids,
             gint64  id)
{
  guint index;

  return g_array_binary_search (ids, &id, compare_id, &index);
}

/* Indexes @batch's rows, which come task by task (ORDER BY the task's id
 * first), by task (by value of its column). */
static void
index_batch (LiveBatch *batch,
             int        column)
{
  int field = batch->fields[column];

  for (int r = 0; r < PQntuples (batch->result); r++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (batch->result, r, field), NULL, 10);
      BatchRows *last = batch->rows->len > 0 ? &g_array_index (batch->rows, BatchRows, batch->rows->len - 1) : NULL;

      if (last != NULL && last->id == id)
        last->end = r + 1;
      else
        g_array_append_val (batch->rows, ((BatchRows) { id, r, r + 1 }));
    }
}

char *
_dd_pg_ids_array (const gint64 *ids,
                  guint         n_ids)
{
  GString *array = g_string_sized_new (8 * n_ids + 2);

  g_string_append_c (array, '{');
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (array, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (array, '}');
  return g_string_free (array, FALSE);
}

static char *
ids_array (GArray *ids)
{
  return _dd_pg_ids_array ((const gint64 *) (gpointer) ids->data, ids->len);
}

char *
_dd_pg_live_request_key (const char *sql,
                         GPtrArray  *params)
{
  GString *key = g_string_new (sql);

  for (guint i = 0; i < params->len; i++)
    g_string_append_printf (key, "\x1f%s", params->pdata[i] != NULL ? (char *) params->pdata[i] : "\x1e");
  return g_string_free (key, FALSE);
}

gboolean
_dd_pg_live_export_snapshot (Live *live)
{
  PGresult *result;

  if (live->no_prefetch || live->in_transaction || !live->snapshot_open)
    return FALSE;
  if (live->exported != NULL)
    return TRUE;
  result = PQexec (dd_pg_get_conn (live->pg), "SELECT pg_export_snapshot ()");
  live->n_reads++;
  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    {
      /* (The transaction, aborted, reports it at the next read.) */
      g_debug ("No snapshot to read ahead in: %s", PQerrorMessage (dd_pg_get_conn (live->pg)));
      live->no_prefetch = TRUE;
      PQclear (result);
      return FALSE;
    }
  live->exported = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  if (live->prefetch == NULL)
    live->prefetch = _dd_pg_prefetch_new (dd_pg_get_conn (live->pg));
  return TRUE;
}

/* Asks the prefetcher for the rows of the store's next batch of tasks
 * (_dd_store_get_next_batch_ids()) for @plan's scan, as run_batch() will
 * ask for them. */
static void
ask_next_batch (LiveTable      *table,
                LiveCursor     *cursor,
                const char     *plan,
                sqlite3_value **argv,
                int             column)
{
  GArray *next = _dd_store_get_next_batch_ids (table->live->store);
  g_autoptr(GPtrArray) params = NULL;
  g_autofree char *array = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *key = NULL;

  if (next == NULL || !_dd_pg_live_export_snapshot (table->live))
    return;
  params = g_ptr_array_new_with_free_func (g_free);
  array = ids_array (next);
  sql = build_select (table, cursor, plan, argv, params, column, array);
  key = _dd_pg_live_request_key (sql, params);
  _dd_pg_prefetch_ask (table->live->prefetch, table->live->exported, key, sql, params);
}

/* The batches of a task list's other scans, read in the round trip of
 * the first (run_with_companions()).
 *
 * A task list reads the rows of its next tasks in one query per table
 * (the task, its extensions twice, its people, its coordinators, its
 * source): six round trips for a screenful, each a wait for a core on a
 * loaded server. The shapes of those scans are the same from one batch
 * to the next (only the ids change), so the store notes them
 * (note_shape()) and, when the first scan of a batch goes to the server,
 * sends the scans the last batch made with it in one round trip, libpq's
 * pipeline mode; their rows become those scans' batches for the same
 * ids. A shape not used by the last batch is not read again. */

/* The LiveTable of @name, or NULL (disconnected since). */
static LiveTable *
find_table (Live       *live,
            const char *name)
{
  for (guint i = 0; i < live->tables->len; i++)
    if (g_str_equal (((LiveTable *) live->tables->pdata[i])->table, name))
      return live->tables->pdata[i];
  return NULL;
}

/* Notes that @key's scan (@plan, @argv) served a task of the task list's
 * batch in this round. */
static void
note_shape (LiveTable      *table,
            const char     *key,
            const char     *plan,
            sqlite3_value **argv,
            int             argc,
            int             column)
{
  Live *live = table->live;
  BatchShape *shape = g_hash_table_lookup (live->batch_shapes, key);

  if (shape == NULL)
    {
      /* A bound: the list's scans are six. */
      if (g_hash_table_size (live->batch_shapes) >= 32)
        return;
      shape = g_new0 (BatchShape, 1);
      shape->table = g_strdup (table->table);
      shape->plan = g_strdup (plan);
      shape->n_args = argc;
      shape->args = g_new0 (sqlite3_value *, MAX (argc, 1));
      for (int i = 0; i < argc; i++)
        shape->args[i] = sqlite3_value_dup (argv[i]);
      shape->column = column;
      g_hash_table_insert (live->batch_shapes, g_strdup (key), shape);
    }
  shape->round = live->round;
}

/* A new round when @ids are not those of the list's last batch. */
static void
note_round (Live   *live,
            GArray *ids)
{
  if (live->round_ids != NULL && live->round_ids->len == ids->len &&
      memcmp (live->round_ids->data, ids->data, sizeof (gint64) * ids->len) == 0)
    return;
  g_clear_pointer (&live->round_ids, g_array_unref);
  live->round_ids = g_array_copy (ids);
  live->round++;
}

/* One scan of a pipeline: the asked one first, then its companions. */
typedef struct
{
  const char *key;              /* its shape's (not owned) */
  int *fields;                  /* its fields (build_select()), a companion's */
  int column;
  const char *name;             /* the prepared statement's */
  GPtrArray *params;
  PGresult *result;
} Piped;

static void
piped_clear (gpointer data)
{
  Piped *piped = data;

  g_free (piped->fields);
  g_clear_pointer (&piped->params, g_ptr_array_unref);
  g_clear_pointer (&piped->result, PQclear);
}

/* Sends @queries (Piped) in one round trip and takes their results; FALSE
 * when the connection would not (nothing sent) or gave none. */
static gboolean
run_pipeline (PGconn *conn,
              GArray *queries)
{
  guint sent = 0, taken = 0;

  if (PQpipelineStatus (conn) != PQ_PIPELINE_OFF || !PQenterPipelineMode (conn))
    return FALSE;
  for (; sent < queries->len; sent++)
    {
      Piped *piped = &g_array_index (queries, Piped, sent);

      if (!PQsendQueryPrepared (conn, piped->name, (int) piped->params->len,
                                (const char * const *) piped->params->pdata, NULL, NULL, 0))
        break;
    }
  if (sent > 0)
    PQpipelineSync (conn);
  /* Each query's result, then NULL; the sync's last. A lost connection
   * ends it sooner; the bound, a sync never sent. */
  for (guint turn = 0; sent > 0 && turn < 4 * queries->len + 4; turn++)
    {
      PGresult *result = PQgetResult (conn);

      if (result == NULL)
        {
          if (PQstatus (conn) != CONNECTION_OK)
            break;
          continue;
        }
      if (PQresultStatus (result) == PGRES_PIPELINE_SYNC)
        {
          PQclear (result);
          break;
        }
      if (taken < sent)
        g_array_index (queries, Piped, taken++).result = result;
      else
        PQclear (result);
    }
  PQexitPipelineMode (conn);
  return taken > 0;
}

/* The result of @sql (@params), the scan @key of @table asks for the
 * task list's batch @ids (@array), read in one round trip with the
 * scans the list's last batch made: their rows become their batches.
 * NULL when there are none, or the pipeline failed: the caller reads it
 * alone. */
static PGresult *
run_with_companions (LiveTable  *table,
                     const char *key,
                     const char *sql,
                     GPtrArray  *params,
                     GArray     *ids,
                     const char *array)
{
  Live *live = table->live;
  const char *name = g_hash_table_lookup (live->prepared, sql);
  g_autoptr(GArray) queries = NULL;
  GHashTableIter iter;
  gpointer shape_key, value;

  note_round (live, ids);
  if (name == NULL || live->in_transaction)
    return NULL;
  queries = g_array_new (FALSE, TRUE, sizeof (Piped));
  g_array_set_clear_func (queries, piped_clear);
  g_array_append_val (queries, ((Piped) { key, NULL, -1, name, g_ptr_array_ref (params), NULL }));
  g_hash_table_iter_init (&iter, live->batch_shapes);
  while (g_hash_table_iter_next (&iter, &shape_key, &value))
    {
      BatchShape *shape = value;
      LiveTable *other = find_table (live, shape->table);
      LiveCursor scratch = { 0 };
      g_autofree char *other_sql = NULL;
      GPtrArray *other_params;
      const char *other_name;

      /* Those of this round or the last, the asked one aside. */
      if (shape->round + 1 < live->round || g_str_equal (shape_key, key) || other == NULL)
        continue;
      scratch.fields = g_new (int, other->columns->len);
      other_params = g_ptr_array_new_with_free_func (g_free);
      other_sql = build_select (other, &scratch, shape->plan, shape->args, other_params, shape->column, array);
      other_name = g_hash_table_lookup (live->prepared, other_sql);
      if (other_name == NULL)
        {
          g_free (scratch.fields);
          g_ptr_array_unref (other_params);
          continue;
        }
      g_array_append_val (queries, ((Piped) { shape_key, scratch.fields, shape->column, other_name, other_params,
                                              NULL }));
    }
  if (queries->len == 1 || !run_pipeline (dd_pg_get_conn (live->pg), queries))
    return NULL;
  live->n_reads += queries->len;
  for (guint i = 1; i < queries->len; i++)
    {
      Piped *piped = &g_array_index (queries, Piped, i);
      LiveBatch *batch, *old;

      if (piped->result == NULL || PQresultStatus (piped->result) != PGRES_TUPLES_OK)
        continue;
      batch = g_new0 (LiveBatch, 1);
      batch->result = g_steal_pointer (&piped->result);
      batch->fields = g_steal_pointer (&piped->fields);
      batch->covered = g_array_copy (ids);
      batch->rows = g_array_new (FALSE, FALSE, sizeof (BatchRows));
      index_batch (batch, piped->column);
      /* The batch it replaces may still be read by a cursor. */
      if ((old = g_hash_table_lookup (live->batches, piped->key)) != NULL)
        g_ptr_array_add (live->retired_batches, old);
      g_hash_table_replace (live->batches, g_strdup (piped->key), batch);
    }
  return g_steal_pointer (&g_array_index (queries, Piped, 0).result);
}

/* Reads the rows of the tasks @ids (or of every value of @column, for
 * NULL) for @plan's scan (@key), in one query (or takes them read ahead,
 * or with the task list's other scans). NULL, and the server's answer in
 * @cursor, when it refuses. */
static LiveBatch *
run_batch (LiveTable      *table,
           LiveCursor     *cursor,
           const char     *key,
           const char     *plan,
           sqlite3_value **argv,
           int             column,
           GArray         *ids)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *array = ids != NULL ? ids_array (ids) : NULL;
  g_autofree char *sql = NULL;
  LiveBatch *batch;
  PGresult *result = NULL;

  sql = build_select (table, cursor, plan, argv, params, column, array);
  if (ids != NULL && table->live->prefetch != NULL && table->live->exported != NULL)
    {
      g_autofree char *request = _dd_pg_live_request_key (sql, params);

      result = _dd_pg_prefetch_take (table->live->prefetch, request);
    }
  if (result == NULL)
    table->live->n_batch_trips++;
  if (result == NULL && ids != NULL && table->live->exported == NULL)
    result = run_with_companions (table, key, sql, params, ids, array);
  if (result == NULL)
    result = _dd_pg_live_run_select (table->live, sql, params);
  if (ids != NULL)
    ask_next_batch (table, cursor, plan, argv, column);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      cursor->result = result;
      return NULL;
    }
  batch = g_new0 (LiveBatch, 1);
  batch->result = result;
  batch->fields = g_memdup2 (cursor->fields, sizeof (int) * table->columns->len);
  batch->covered = ids != NULL ? g_array_copy (ids) : NULL;
  batch->rows = g_array_new (FALSE, FALSE, sizeof (BatchRows));
  index_batch (batch, column);
  return batch;
}

/* How many scans of one shape and arguments but one integer "=" term's a
 * snapshot reads one by one before reading them all at once: a loop over
 * the plans, indicators or units of an export (1,500 scans of the
 * 100,000-task workbook, a round trip each) then costs one query, while
 * a few scans (a task opened, a unit's list) stay their own. */
#define AUTO_BATCH_SCANS 32

/* Counts one more scan of @key; whether there were AUTO_BATCH_SCANS. */
static gboolean
scan_repeated (Live       *live,
               const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (live->scan_counts, key)) + 1;

  g_hash_table_replace (live->scan_counts, g_strdup (key), GUINT_TO_POINTER (n));
  return n > AUTO_BATCH_SCANS;
}

/* Serves @cursor's scan from a batch (one kept, or read now for the ids
 * the store is about to read, or for every value of a scan repeated):
 * 1 when it did, 0 when the scan is read on its own, -1 when the server
 * refused the batch (its answer in @cursor). */
static int
read_batched (LiveTable      *table,
              LiveCursor     *cursor,
              const char     *plan,
              int             argc,
              sqlite3_value **argv)
{
  g_autoptr(GString) key = g_string_new (NULL);
  LiveBatch *batch;
  BatchRows *rows = NULL;
  GArray *ids = NULL;
  gint64 id;
  guint index;
  int arg, column;

  if (!plan_batch (table, plan, argv, &arg, &column, key))
    return 0;
  id = sqlite3_value_int64 (argv[arg]);
  batch = g_hash_table_lookup (table->live->batches, key->str);
  if (batch == NULL || (batch->covered != NULL && !ids_contain (batch->covered, id)))
    {
      if (column == table->batch_column)
        {
          ids = _dd_store_get_batch_ids (table->live->store);
          if (ids == NULL || !ids_contain (ids, id))
            return 0;
        }
      else if (!scan_repeated (table->live, key->str))
        return 0;
      /* The batch it replaces may still be read by a cursor. */
      if (batch != NULL)
        g_ptr_array_add (table->live->retired_batches, batch);
      batch = run_batch (table, cursor, key->str, plan, argv, column, ids);
      if (batch == NULL)
        {
          g_hash_table_remove (table->live->batches, key->str);
          return -1;
        }
      g_hash_table_replace (table->live->batches, g_strdup (key->str), batch);
    }
  if (column == table->batch_column && batch->covered != NULL)
    note_shape (table, key->str, plan, argv, argc, column);
  if (g_array_binary_search (batch->rows, &id, compare_id, &index))
    rows = &g_array_index (batch->rows, BatchRows, index);
  memcpy (cursor->fields, batch->fields, sizeof (int) * table->columns->len);
  cursor->keys = FALSE;
  cursor->result = batch->result;
  cursor->borrowed = TRUE;
  cursor->row = rows != NULL ? rows->start : 0;
  cursor->end = rows != NULL ? rows->end : 0;
  return 1;
}

/* Sets @cursor (on @table's whole) to the row of the id @value, or to
 * none; to every row when @value is no integer (SQLite decides). */
static void
look_up_small (LiveTable     *table,
               LiveCursor    *cursor,
               sqlite3_value *value)
{
  gint64 id;
  int row;

  if (sqlite3_value_type (value) != SQLITE_INTEGER)
    return;
  if (table->whole_rows == NULL)
    {
      table->whole_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (int r = 0; r < PQntuples (table->whole); r++)
        if (!PQgetisnull (table->whole, r, 0))
          g_hash_table_insert (table->whole_rows,
                               g_memdup2 (&(gint64) { g_ascii_strtoll (PQgetvalue (table->whole, r, 0), NULL, 10) },
                                          sizeof (gint64)),
                               GINT_TO_POINTER (r + 1));
    }
  id = sqlite3_value_int64 (value);
  row = GPOINTER_TO_INT (g_hash_table_lookup (table->whole_rows, &id)) - 1;
  cursor->row = MAX (row, 0);
  cursor->end = row >= 0 ? row + 1 : 0;
}

static int
live_filter (sqlite3_vtab_cursor  *base,
             int                   index_number,
             const char           *plan,
             int                   argc,
             sqlite3_value       **argv)
{
  LiveCursor *cursor = (LiveCursor *) base;
  LiveTable *table = (LiveTable *) base->pVtab;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  int batched;

  (void) index_number;
  if (!cursor->borrowed)
    PQclear (cursor->result);
  cursor->result = NULL;
  cursor->borrowed = FALSE;
  cursor->row = 0;
  cursor->end = -1;
  if (!_dd_pg_live_use_snapshot (table->live, &error))
    return set_vtab_error (base->pVtab, error->message);
  /* A small table: its every column, read once (the fields of each
   * cursor are then the columns' own positions). */
  if (table->small && table->whole != NULL)
    {
      for (guint c = 0; c < table->columns->len; c++)
        cursor->fields[c] = (int) c;
      cursor->keys = table->live->writable && table->live->in_transaction;
      cursor->result = table->whole;
      cursor->borrowed = TRUE;
      if (g_strcmp0 (plan, "*=") == 0 && argc == 1)
        look_up_small (table, cursor, argv[0]);
      return SQLITE_OK;
    }
  batched = table->small ? 0 : read_batched (table, cursor, plan, argc, argv);
  if (batched > 0)
    return SQLITE_OK;
  if (batched == 0)
    {
      sql = build_select (table, cursor, table->small ? "ffffffffffffffff:" : plan != NULL ? plan : "0:",
                          argv, params, -1, NULL);
      cursor->result = _dd_pg_live_run_select (table->live, sql, params);
    }
  if (PQresultStatus (cursor->result) != PGRES_TUPLES_OK)
    {
      g_autofree char *message = g_strdup_printf (_("The server refused a read: %s"),
                                                  PQresultErrorMessage (cursor->result));

      g_strstrip (message);
      return set_vtab_error (base->pVtab, message);
    }
  if (table->small)
    {
      table->whole = cursor->result;
      g_clear_pointer (&table->whole_rows, g_hash_table_unref);
      cursor->borrowed = TRUE;
      if (g_strcmp0 (plan, "*=") == 0 && argc == 1)
        look_up_small (table, cursor, argv[0]);
    }
  return SQLITE_OK;
}

static int
live_next (sqlite3_vtab_cursor *base)
{
  ((LiveCursor *) base)->row++;
  return SQLITE_OK;
}

static int
live_eof (sqlite3_vtab_cursor *base)
{
  LiveCursor *cursor = (LiveCursor *) base;

  return cursor->result == NULL || cursor->row >= (cursor->end >= 0 ? cursor->end : PQntuples (cursor->result));
}

static int
live_column (sqlite3_vtab_cursor *base,
             sqlite3_context     *context,
             int                  c)
{
  LiveCursor *cursor = (LiveCursor *) base;
  LiveTable *table = (LiveTable *) base->pVtab;
  int field = c >= 0 && (guint) c < table->columns->len ? cursor->fields[c] : -1;
  const char *value;

  /* An UPDATE's column it does not change: not sent back (xUpdate). */
  if (sqlite3_vtab_nochange (context))
    return SQLITE_OK;
  if (field < 0 || PQgetisnull (cursor->result, cursor->row, field))
    {
      sqlite3_result_null (context);
      return SQLITE_OK;
    }
  value = PQgetvalue (cursor->result, cursor->row, field);
  switch (((DdPgColumn *) table->columns->pdata[c])->kind)
    {
    case KIND_INTEGER:
      sqlite3_result_int64 (context, g_ascii_strtoll (value, NULL, 10));
      break;
    case KIND_REAL:
      sqlite3_result_double (context, g_ascii_strtod (value, NULL));
      break;
    case KIND_BLOB:
      {
        gsize len;
        guint8 *data = _dd_pg_decode_bytea (value, &len);

        sqlite3_result_blob (context, data, (int) len, g_free);
      }
      break;
    case KIND_TEXT:
    default:
      sqlite3_result_text (context, value, -1, SQLITE_TRANSIENT);
      break;
    }
  return SQLITE_OK;
}

static int
live_rowid (sqlite3_vtab_cursor *base,
            sqlite3_int64       *rowid)
{
  *rowid = _dd_pg_live_row_id ((LiveTable *) base->pVtab, (LiveCursor *) base);
  return SQLITE_OK;
}

static const sqlite3_module live_module = {
  .iVersion = 1,
  .xUpdate = _dd_pg_live_update,
  .xBegin = _dd_pg_live_begin,
  .xSync = _dd_pg_live_sync,
  .xCommit = _dd_pg_live_commit,
  .xRollback = _dd_pg_live_rollback,
  .xCreate = live_connect,
  .xConnect = live_connect,
  .xBestIndex = live_best_index,
  .xDisconnect = live_disconnect,
  .xDestroy = live_disconnect,
  .xOpen = live_open,
  .xClose = live_close,
  .xFilter = live_filter,
  .xNext = live_next,
  .xEof = live_eof,
  .xColumn = live_column,
  .xRowid = live_rowid,
};

/* The columns of every table of the data, as the file declares them. */
static gboolean
read_all_columns (Live     *live,
                  sqlite3  *db,
                  GError  **error)
{
  guint n_tables;
  const char * const *tables = _dd_pg_data_tables (&n_tables);

  for (guint i = 0; i < n_tables; i++)
    {
      GPtrArray *columns = _dd_pg_read_columns (db, tables[i], error);

      if (columns == NULL)
        return FALSE;
      g_hash_table_insert (live->columns, g_strdup (tables[i]), columns);
    }
  return TRUE;
}

/* "table.column" of the server's date columns, or NULL. */
static GHashTable *
read_server_dates (DdPg    *pg,
                   GError **error)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PGresult *result = PQexec (dd_pg_get_conn (pg),
                             "SELECT table_name || '.' || column_name FROM information_schema.columns "
                             "WHERE table_schema = 'public' AND data_type = 'date'");

  if (!dd_pg_result_ok (result, error))
    {
      PQclear (result);
      g_hash_table_unref (set);
      return NULL;
    }
  for (int r = 0; r < PQntuples (result); r++)
    g_hash_table_add (set, g_strdup (PQgetvalue (result, r, 0)));
  PQclear (result);
  return set;
}

/* The server's log of changes (_dd_store_set_change_log()) */

/* The mark of what a snapshot sees, "LAST;XIDS;PLANS": the last entry of
 * the audit log it sees (its ids grow as entries are written); the
 * server's transactions that were writing when it was taken, whose
 * entries, committed after, may come before LAST; and the plans being
 * imported (import_pending, which the log does not record). With it, the
 * number of the writers of the last mark ($1) that committed since, and
 * the entries after the last mark's LAST ($2, if any) as "table task"
 * (task 0: none) separated by commas: one round trip for both (a
 * refresh waits for each one on a loaded server). */
#define MARK_SQL \
  "SELECT (SELECT coalesce (max (id), 0) FROM audit_log) || ';' || " \
  "coalesce ((SELECT string_agg (x::text, ',' ORDER BY x) FROM pg_snapshot_xip (pg_current_snapshot ()) x), " \
  "'') || ';' || coalesce ((SELECT string_agg (plan_id::text, ',' ORDER BY plan_id) FROM import_pending), ''), " \
  "(SELECT count(*) FROM unnest ($1::xid8[]) x WHERE pg_xact_status (x) = 'committed' " \
  "AND pg_visible_in_snapshot (x, pg_current_snapshot ())), " \
  "(SELECT coalesce (string_agg (c.table_name || ' ' || coalesce (c.task_id, 0), ',' ORDER BY c.id), '') " \
  "FROM (SELECT id, table_name, task_id FROM audit_log WHERE id > $2::bigint ORDER BY id LIMIT " \
  G_STRINGIFY (MAX_CHANGES) " + 1) c)"
/* The entries after a mark's LAST; past MAX_CHANGES, anything changed. */
#define MAX_CHANGES 1000

/* The log's entries of @changes (MARK_SQL's) into @tables and @tasks;
 * FALSE when there are too many to tell. */
static gboolean
read_changes (const char *changes,
              GPtrArray  *tables,
              GArray     *tasks)
{
  g_auto(GStrv) entries = *changes != '\0' ? g_strsplit (changes, ",", -1) : g_new0 (char *, 1);

  if (g_strv_length (entries) > MAX_CHANGES)
    return FALSE;
  for (guint i = 0; entries[i] != NULL; i++)
    {
      const char *space = strchr (entries[i], ' ');
      gint64 task;

      if (space == NULL)
        return FALSE;
      task = g_ascii_strtoll (space + 1, NULL, 10);
      g_ptr_array_add (tables, g_strndup (entries[i], space - entries[i]));
      g_array_append_val (tasks, task);
    }
  return TRUE;
}

/* The store's DdStoreChangeLog: the mark of its snapshot (beginning one
 * if none is open) and, since an earlier mark, the changes the log
 * records; NULL when a writer of that mark has committed since (its
 * entries may be anywhere), when plans began or ended being imported, or
 * when the server refuses. Nothing of the store's own transaction. */
static char *
live_change_log (DdStore    *store,
                 const char *since,
                 GPtrArray  *tables,
                 GArray     *tasks,
                 gpointer    data)
{
  Live *live = data;
  g_auto(GStrv) before = since != NULL ? g_strsplit (since, ";", 3) : NULL;
  g_auto(GStrv) now = NULL;
  g_autofree char *writers = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *changes = NULL;
  const char *params[2];
  PGresult *result;
  gboolean known;

  (void) store;
  if (live->in_transaction || (before != NULL && g_strv_length (before) != 3) ||
      !_dd_pg_live_use_snapshot (live, NULL))
    return NULL;
  writers = g_strdup_printf ("{%s}", before != NULL ? before[1] : "");
  params[0] = writers;
  params[1] = before != NULL ? before[0] : NULL;
  result = PQexecParams (dd_pg_get_conn (live->pg), MARK_SQL, 2, NULL, params, NULL, NULL, 0);
  live->n_reads++;
  known = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1 && PQnfields (result) == 3;
  if (known)
    {
      mark = g_strdup (PQgetvalue (result, 0, 0));
      known = g_str_equal (PQgetvalue (result, 0, 1), "0");
      changes = g_strdup (PQgetvalue (result, 0, 2));
    }
  PQclear (result);
  if (mark == NULL || since == NULL)
    return g_steal_pointer (&mark);
  now = g_strsplit (mark, ";", 3);
  if (!known || g_strv_length (now) != 3 || !g_str_equal (before[2], now[2]) ||
      !read_changes (changes, tables, tasks))
    return NULL;
  return g_steal_pointer (&mark);
}

/* Shadows each table of @store's data by the server's. */
static gboolean
shadow_tables (DdPg     *pg,
               DdStore  *store,
               gboolean  writable,
               GError  **error)
{
  sqlite3 *db = _dd_store_get_db (store);
  GHashTable *timestamps = _dd_pg_read_server_timestamps (pg, error);
  GHashTable *dates = timestamps != NULL ? read_server_dates (pg, error) : NULL;
  guint n_tables;
  const char * const *tables = _dd_pg_data_tables (&n_tables);
  Live *live;

  if (dates == NULL)
    {
      g_clear_pointer (&timestamps, g_hash_table_unref);
      return FALSE;
    }
  live = g_new0 (Live, 1);
  live->pg = pg;
  live->timestamps = timestamps;
  live->dates = dates;
  live->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  live->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  live->tables = g_ptr_array_new ();
  live->batches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  live->retired_batches = g_ptr_array_new_with_free_func (batch_free);
  live->scan_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  live->batch_shapes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, batch_shape_free);
  live->store = store;
  live->db = db;
  live->writable = writable;
  live->snapshot_open = TRUE;   /* open_in_place() began it */
  g_object_set_data (G_OBJECT (pg), "dd-pg-live", live);
  if (!read_all_columns (live, db, error))
    {
      live_free (live);
      return FALSE;
    }
  if (sqlite3_create_module_v2 (db, "dd_pg", &live_module, live, live_free) != SQLITE_OK)
    return _dd_pg_set_sqlite_error (db, error);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("CREATE VIRTUAL TABLE temp.\"%s\" USING dd_pg(%s)",
                                              tables[i], tables[i]);

      if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return _dd_pg_set_sqlite_error (db, error);
    }
  if (writable)
    _dd_pg_live_set_writable (live, store);
  return TRUE;
}

static void
params_free (gpointer data)
{
  _dd_pg_params_clear (data);
  g_free (data);
}

/* The store of a worker's long job (an export): a read store on a new
 * connection with the parameters @data (the store's), its snapshot the
 * server as it is now. */
static DdStore *
open_job_store (gpointer   data,
                GError   **error)
{
  g_autoptr(DdPg) pg = _dd_pg_connect_params (data, error);

  return pg != NULL ? dd_pg_read_store (pg, error) : NULL;
}

/* A store on @self's tables in place; read-only unless @writable. */
static DdStore *
open_in_place (DdPg      *self,
               gboolean   writable,
               GError   **error)
{
  g_autoptr(DdStore) store = NULL;
  g_autofree char *login = NULL;

  /* One snapshot per store: a connection serves one store at a time. */
  if (PQtransactionStatus (dd_pg_get_conn (self)) != PQTRANS_IDLE ||
      g_object_get_data (G_OBJECT (self), "dd-pg-live") != NULL)
    {
      g_set_error (error, DD_PG_ERROR, DD_PG_ERROR_QUERY,
                   _("This connection to the server already serves another store; open a new one."));
      return NULL;
    }
  if (!dd_pg_check_reader (self, error) || !dd_pg_check_schema (self, error))
    return NULL;
  store = dd_store_open (":memory:", DD_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return NULL;
  /* The store keeps the connection, and with it the snapshot. */
  g_object_set_data_full (G_OBJECT (store), "dd-pg-connection", g_object_ref (self), g_object_unref);
  if (!dd_pg_exec (self, _dd_pg_live_begin_sql (writable), error))
    return NULL;
  if (!shadow_tables (self, store, writable, error))
    {
      dd_pg_rollback (self);
      return NULL;
    }
  _dd_store_set_remote_tables (store);
  _dd_store_set_change_log (store, live_change_log, g_object_get_data (G_OBJECT (self), "dd-pg-live"));
  _dd_store_set_list_reader (store, _dd_pg_live_read_list, g_object_get_data (G_OBJECT (self), "dd-pg-live"));
  _dd_store_set_rows_reader (store, _dd_pg_live_read_rows, g_object_get_data (G_OBJECT (self), "dd-pg-live"));
  _dd_store_set_figures_reader (store, _dd_pg_live_read_figures, g_object_get_data (G_OBJECT (self), "dd-pg-live"));
  /* Its role is the server's, read through users like the rest. */
  login = g_strdup (PQuser (dd_pg_get_conn (self)));
  _dd_store_set_user (store, login);
  /* A long job of its workers (an export) runs on a thread, on a
   * connection of its own: the parameters copied now, on this thread. */
  {
    DdPgParams *params = g_new0 (DdPgParams, 1);

    _dd_pg_params_init (params, dd_pg_get_conn (self));
    _dd_pg_params_set (params, "application_name", "dondoc-job");
    _dd_store_set_job_opener (store, open_job_store, params, params_free);
  }
  return g_steal_pointer (&store);
}

/* Makes @store read-only, saying why: @reason, or that it was opened
 * only to read (dd_pg_read_store()). */
static void
set_read_only (DdPg       *self,
               DdStore    *store,
               const char *reason)
{
  g_autofree char *only_reading = NULL;

  /* Translators: %s is a database name. */
  only_reading = g_strdup_printf (_("The PostgreSQL database “%s”, opened only to read: nothing can be "
                                    "changed from here."),
                                  dd_pg_get_database (self));
  _dd_store_set_read_only (store, reason != NULL ? reason : only_reading);
}

DdStore *
dd_pg_read_store (DdPg    *self,
                  GError **error)
{
  DdStore *store;

  g_return_val_if_fail (DD_IS_PG (self), NULL);

  store = open_in_place (self, FALSE, error);
  if (store != NULL)
    set_read_only (self, store, NULL);
  return store;
}

/* Whether the server lets the login record progress: a unit editor, an
 * administrator (or the owner, a superuser); not a viewer, whatever the
 * users table says. */
static gboolean
may_write (DdPg *self)
{
  PGresult *result = PQexec (dd_pg_get_conn (self),
                             "SELECT has_table_privilege ('public.progress_updates', 'INSERT')");
  gboolean may = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1 &&
                 g_str_equal (PQgetvalue (result, 0, 0), "t");

  PQclear (result);
  return may;
}

DdStore *
dd_pg_write_store (DdPg    *self,
                   GError **error)
{
  g_autoptr(GError) refusal = NULL;
  DdStore *store;
  gboolean writable;
  gboolean viewer;

  g_return_val_if_fail (DD_IS_PG (self), NULL);

  /* A standby, or a login without a role that writes: read-only, saying
   * why, from the same checks a writing command makes. */
  writable = dd_pg_check_writable (self, &refusal);
  viewer = writable && !may_write (self);
  store = open_in_place (self, writable && !viewer, error);
  if (store == NULL)
    return NULL;
  if (!writable)
    set_read_only (self, store, refusal->message);
  else if (viewer || dd_store_get_role (store) == DD_ROLE_VIEWER)
    {
      /* Translators: %s is a database name. */
      g_autofree char *reason = g_strdup_printf (_("Your role on the PostgreSQL database “%s” is viewer: you "
                                                   "can read everything but change nothing."),
                                                 dd_pg_get_database (self));

      set_read_only (self, store, reason);
    }
  return store;
}

/* A new snapshot (dd-pg-notify.c) */

DdPg *
_dd_pg_live_get_pg (DdStore *store)
{
  DdPg *pg = g_object_get_data (G_OBJECT (store), "dd-pg-connection");

  return pg != NULL && g_object_get_data (G_OBJECT (pg), "dd-pg-live") != NULL ? pg : NULL;
}

/* The tables in place of @store, or NULL when it has none (a file's
 * store, a copy). */
Live *
_dd_pg_live_of (DdStore *store)
{
  DdPg *pg = _dd_pg_live_get_pg (store);

  return pg != NULL ? g_object_get_data (G_OBJECT (pg), "dd-pg-live") : NULL;
}

gboolean
dd_pg_store_is_server (DdStore *self)
{
  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  return _dd_pg_live_get_pg (self) != NULL;
}

gboolean
_dd_pg_live_renew (DdStore  *store,
                   GError  **error)
{
  Live *live = _dd_pg_live_of (store);
  PGconn *conn;

  g_return_val_if_fail (live != NULL, FALSE);

  /* Never in the middle of a read or of the store's own write. */
  if (live->in_transaction || _dd_pg_live_reading (_dd_store_get_db (store)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, "The store is reading or writing");
      return FALSE;
    }
  /* A connection lost (a server restarted) comes back as it was, with no
   * prepared statements. */
  conn = dd_pg_get_conn (live->pg);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_hash_table_remove_all (live->prepared);
      _dd_pg_live_drop_lists (live);
      _dd_pg_live_drop_carried (live);
      if (!_dd_pg_reconnect (live->pg, error))
        return FALSE;
    }
  /* Outside the store's write transaction the snapshot holds nothing
   * written: ending it loses nothing. Beginning the new one now checks
   * the connection; a window's ends again when idle. */
  return _dd_pg_live_new_snapshot (live, error) && _dd_pg_live_use_snapshot (live, error);
}

void
_dd_pg_live_end_when_idle (DdStore *store)
{
  Live *live = _dd_pg_live_of (store);

  g_return_if_fail (live != NULL);

  if (live->end_when_idle)
    return;
  live->end_when_idle = TRUE;
  live->idle_context = g_main_context_ref_thread_default ();
  live->last_read = g_get_monotonic_time ();
  _dd_pg_live_arm_idle_end (live);
}

guint64
_dd_pg_live_count_wholes_kept (DdStore *store)
{
  Live *live = _dd_pg_live_of (store);

  g_return_val_if_fail (live != NULL, 0);

  return live->n_wholes_kept;
}

guint64
_dd_pg_live_count_read_ahead (DdStore *store)
{
  Live *live = _dd_pg_live_of (store);

  g_return_val_if_fail (live != NULL, 0);

  return _dd_pg_prefetch_count_taken (live->prefetch);
}

guint64
_dd_pg_live_count_figure_reads (DdStore *store)
{
  Live *live = _dd_pg_live_of (store);

  g_return_val_if_fail (live != NULL, 0);

  return live->n_figure_reads;
}

guint64
_dd_pg_live_count_row_batches (DdStore *store)
{
  Live *live = _dd_pg_live_of (store);

  g_return_val_if_fail (live != NULL, 0);

  return live->n_row_batches;
}

guint64
_dd_pg_live_count_batch_trips (DdStore *store)
{
  Live *live = _dd_pg_live_of (store);

  g_return_val_if_fail (live != NULL, 0);

  return live->n_batch_trips;
}

guint64
_dd_pg_live_count_reads (DdStore *store)
{
  Live *live = _dd_pg_live_of (store);

  g_return_val_if_fail (live != NULL, 0);

  return live->n_reads;
}
