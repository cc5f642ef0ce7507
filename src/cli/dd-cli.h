/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include <dondoc/dondoc.h>

#include "dd-cli-table.h"

G_BEGIN_DECLS
/*
 * dondoc-cli: the command line of Đôn Đốc. It links the core only (never
 * GTK), so that an office IT officer can import a plan, list tasks and record
 * progress from a script or a scheduled job.
 *
 * Exit codes: 0 success, 1 bad input or refused, 2 usage error.
 */

enum
{
  EXIT_OK = 0,
  EXIT_BAD_INPUT = 1,
  EXIT_USAGE = 2,
};

typedef enum
{
  FORMAT_TEXT,
  FORMAT_JSON,
} OutputFormat;

/* The global options, which come before the subcommand. */
typedef struct
{
  char *db_path;
  gboolean sample_data;
  gboolean version;
  char *main_help;
} Globals;

/* A command gets its arguments with its own name first; it may change
 * the array (the options it parses are taken out). */
typedef int (*CommandFunc) (Globals  *globals,
                            char   ***argv);

/* One line of the command table: its name, its function, and for --help its
 * arguments and what it does (both N_() strings, translated when shown). */
typedef struct
{
  const char *name;
  CommandFunc func;
  const char *synopsis;
  const char *description;
} Command;

#define MESSAGE_PREFIX "dondoc-cli: "

/* Shared by the commands (dd-cli-common.c). A new command goes in a file of
 * its own (dd-cli-<name>.c), declared below, with one line in the table of
 * dondoc-cli.c. */
void dd_cli_print_utf8_stdout (const char *string);
void dd_cli_print_utf8_stderr (const char *string);
void dd_cli_print_error (const GError *error);
void dd_cli_refuse (const char *format, ...) G_GNUC_PRINTF (1, 2);
int dd_cli_usage_error (GOptionContext *context, const char *message);
int dd_cli_usage_error_main (Globals *globals, const char *message);
gboolean dd_cli_parse_command_options (GOptionContext *context, char ***argv, int *status);
gboolean dd_cli_parse_format (const char *text, OutputFormat *out_format);
void dd_cli_print_invalid_date (const char *option, const char *text);
char * dd_cli_dup_date_iso (const GDate *date);
char * dd_cli_dup_date_dmy (const GDate *date);
void dd_cli_builder_add_string_or_null (JsonBuilder *builder, const char *member, const char *value);
void dd_cli_print_json (JsonBuilder *builder);
void dd_cli_print_table (DdCliTable *table);
char * dd_cli_sample_default_path (void);
DdStore * dd_cli_create_sample_store (const char *path, GError **error);
DdStore * dd_cli_open_store (Globals *globals, GError **error);
DdStore * dd_cli_open_store_or_report (Globals *globals);
gboolean dd_cli_resolve_plan (DdStore *store, const char *number, gint64 *out_id);
DdPlan * dd_cli_find_plan (DdStore *store, const char *number, GError **error);
DdUnit * dd_cli_find_unit (DdStore *store, const char *name, GError **error);
void dd_cli_add_task_json (JsonBuilder *builder, DdTask *task);
char * dd_cli_dup_task_deadline_cell (DdTask *task);
DdCliTable * dd_cli_new_task_table (void);
void dd_cli_add_task_row (DdCliTable *table, DdTask *task);

/* Plans and units: init, import, plans, units (dd-cli-plans.c). */
int dd_cli_command_init (Globals *globals, char ***argv);
int dd_cli_command_import (Globals *globals, char ***argv);
int dd_cli_command_plans (Globals *globals, char ***argv);
int dd_cli_command_units (Globals *globals, char ***argv);

/* Tasks: tasks, update (dd-cli-tasks.c). */
int dd_cli_command_tasks (Globals *globals, char ***argv);
int dd_cli_command_update (Globals *globals, char ***argv);

/* The deadline engine's commands (dd-cli-calendar.c). */
int dd_cli_command_holidays (Globals *globals, char ***argv);
int dd_cli_command_workdays (Globals *globals, char ***argv);
int dd_cli_command_lunar (Globals *globals, char ***argv);
int dd_cli_command_solar (Globals *globals, char ***argv);
int dd_cli_command_calendar (Globals *globals, char ***argv);

/* dd-cli-chart.c */
int dd_cli_command_chart (Globals *globals, char ***argv);
int dd_cli_command_summary (Globals *globals, char ***argv);

/* The shared file: history, backups, checks, recycle bin (dd-cli-shared.c). */
int dd_cli_command_history (Globals *globals, char ***argv);
int dd_cli_command_backup (Globals *globals, char ***argv);
int dd_cli_command_restore (Globals *globals, char ***argv);
int dd_cli_command_verify (Globals *globals, char ***argv);
int dd_cli_command_delete (Globals *globals, char ***argv);
int dd_cli_command_restore_task (Globals *globals, char ***argv);

/* Meeting exports (dd-cli-export.c). */
int dd_cli_command_export (Globals *globals, char ***argv);
int dd_cli_command_report (Globals *globals, char ***argv);

/* Scorecards, indicators, dossiers, "6 rõ" (dd-cli-scorecard.c). */
int dd_cli_command_scorecard (Globals *globals, char ***argv);
int dd_cli_command_indicator (Globals *globals, char ***argv);
int dd_cli_command_dossier (Globals *globals, char ***argv);
int dd_cli_command_check (Globals *globals, char ***argv);
int dd_cli_command_scoring (Globals *globals, char ***argv);

G_END_DECLS
