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
  gboolean server_reads_only;  /* --db postgresql://…: the command reads the server in place */
} Globals;

/* What a command is given once the common preamble has run: the global
 * options, its positional arguments, the output format and the database. */
typedef struct
{
  Globals *globals;
  char **argv;          /* the command's name, then its positional arguments */
  guint argc;
  OutputFormat format;  /* FORMAT_TEXT unless the command has --format */
  DdStore *store;       /* opened as the command's DdCliStoreMode says, else NULL */
} DdCliInvocation;

/* How a command reaches the database, opened after its checks and before it
 * runs; the preamble reports a file it cannot open (exit 1). */
typedef enum
{
  DD_CLI_STORE_NONE,        /* no database, or one the command handles itself */
  DD_CLI_STORE_READ_WRITE,  /* --db FILE, the sample or the default database */
  DD_CLI_STORE_READ_ONLY,   /* the same file, read-only: never created or upgraded */
} DdCliStoreMode;

/* The output formats a command offers. */
typedef enum
{
  DD_CLI_FORMATS_TEXT,       /* text only, no --format */
  DD_CLI_FORMATS_TEXT_JSON,  /* --format text|json, placed by DD_CLI_FORMAT_ENTRY */
} DdCliFormats;

/* The errors a command returns; the preamble prints them (with the prefix
 * "dondoc-cli: ") and picks the exit status. Any other error is printed
 * the same way and exits with EXIT_BAD_INPUT. */
#define DD_CLI_ERROR (dd_cli_error_quark ())

typedef enum
{
  DD_CLI_ERROR_USAGE,       /* EXIT_USAGE, the command's help after the message */
  DD_CLI_ERROR_USAGE_MAIN,  /* EXIT_USAGE, the main help after the message */
  DD_CLI_ERROR_REFUSED,     /* EXIT_BAD_INPUT */
} DdCliError;

GQuark dd_cli_error_quark (void);

/* In a command's table of options (GOptionEntry), where an option's value
 * goes: a member of the command's options structure, whose strings the
 * preamble frees. DD_CLI_FORMAT_ENTRY places the common --format. */
#define DD_CLI_OPTION(Type, member) GSIZE_TO_POINTER (G_STRUCT_OFFSET (Type, member))
#define DD_CLI_FORMAT_OPTION GSIZE_TO_POINTER (G_MAXSIZE)
#define DD_CLI_FORMAT_ENTRY { "format", 0, 0, G_OPTION_ARG_STRING, DD_CLI_FORMAT_OPTION, NULL, NULL }

/* Any number of positional arguments, checked by the command itself. */
#define DD_CLI_ARGS_ANY (-1)

/* A check before the store is opened, or the command's work with it. On
 * failure it sets @error (DD_CLI_ERROR or any other domain) and returns
 * FALSE. @options is the command's options structure. */
typedef gboolean (*DdCliFunc) (DdCliInvocation  *cli,
                               gpointer          options,
                               GError          **error);

/*
 * A command of the table in dondoc-cli.c. The preamble (dd_cli_run_command)
 * runs, in this order, each step ending the command on an error:
 *  1. parses the options into a fresh options structure (after @init);
 *  2. checks that there are exactly @n_args positional arguments, else the
 *     usage error @args_error (DD_CLI_ARGS_ANY: the command checks them);
 *  3. @check_usage: the checks that come before --format is read;
 *  4. reads --format;
 *  5. @check: the checks of the input before the database is opened;
 *  6. opens the database as @store says;
 *  7. @run: the query and its output;
 * and finally frees the options (@clear, then the strings of @entries).
 */
typedef struct
{
  const char *name;
  const char *synopsis;          /* N_(): "tasks", in the main --help */
  const char *description;       /* N_(): what it does, in the main --help */
  const char *parameter_string;  /* N_(): the usage line of its own --help */
  const char *summary;           /* N_(), or NULL: the paragraph under it */
  const GOptionEntry *entries;   /* NULL when it has no options */
  gsize options_size;            /* the size of its options structure, or 0 */
  void (*init) (gpointer options);   /* the defaults, or NULL */
  void (*clear) (gpointer options);  /* frees what the checks kept, or NULL */
  int n_args;
  const char *args_error;        /* N_() */
  DdCliFormats formats;
  DdCliStoreMode store;
  DdCliFunc check_usage;         /* or NULL */
  DdCliFunc check;               /* or NULL */
  DdCliFunc run;
  gboolean negative_numbers;     /* "-5" is an argument, not an option: unknown
                                  * options stay among the arguments, for
                                  * @check_usage to refuse */
} DdCliCommand;

#define MESSAGE_PREFIX "dondoc-cli: "

/* The preamble and what the commands share (dd-cli-common.c). A new
 * command goes in a file of its own (dd-cli-<name>.c) as a DdCliCommand,
 * declared below, with one line in the table of dondoc-cli.c. */
int dd_cli_run_command (const DdCliCommand *command, Globals *globals, char ***argv);
void dd_cli_print_utf8_stdout (const char *string);
void dd_cli_print_utf8_stderr (const char *string);
void dd_cli_print_error (const GError *error);
int dd_cli_usage_error_main (Globals *globals, const char *message);
gboolean dd_cli_set_usage_error (GError **error, const char *message);
gboolean dd_cli_set_refused (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);
gboolean dd_cli_parse_date_option (const char *option, const char *text, GDate *date, GError **error);
char * dd_cli_dup_date_iso (const GDate *date);
char * dd_cli_dup_date_dmy (const GDate *date);
void dd_cli_builder_add_string_or_null (JsonBuilder *builder, const char *member, const char *value);
void dd_cli_print_json (JsonBuilder *builder);
void dd_cli_print_table (DdCliTable *table);
char * dd_cli_sample_default_path (void);
char * dd_cli_dup_database_path (Globals *globals);
DdStore * dd_cli_create_sample_store (const char *path, GError **error);
DdStore * dd_cli_open_store (Globals *globals, GError **error);
gboolean dd_cli_resolve_plan (DdStore *store, const char *number, gint64 *out_id, GError **error);
DdPlan * dd_cli_find_plan (DdStore *store, const char *number, GError **error);
DdUnit * dd_cli_find_unit (DdStore *store, const char *name, GError **error);
/* --as-of and --unit of the urging letters (`letters`, `mail`) into @urging;
 * @as_of holds the date and must outlive @urging. */
gboolean dd_cli_urging_options_init (DdCliInvocation *cli, const char *as_of_text, const char *unit_name,
                                     DdUrgingOptions *urging, GDate *as_of, GError **error);
void dd_cli_add_task_json (JsonBuilder *builder, DdTask *task);
char * dd_cli_dup_task_deadline_cell (DdTask *task);
DdCliTable * dd_cli_new_task_table (void);
void dd_cli_add_task_row (DdCliTable *table, DdTask *task);

/* Plans and units: init, import, plans, units (dd-cli-plans.c). */
extern const DdCliCommand dd_cli_command_init;
extern const DdCliCommand dd_cli_command_import;
extern const DdCliCommand dd_cli_command_plans;
extern const DdCliCommand dd_cli_command_units;

/* Tasks: tasks, update (dd-cli-tasks.c). */
extern const DdCliCommand dd_cli_command_tasks;
extern const DdCliCommand dd_cli_command_update;

/* The events of a task's life: task add|edit|delete, extend (dd-cli-events.c). */
extern const DdCliCommand dd_cli_command_task;
extern const DdCliCommand dd_cli_command_extend;

/* The deadline engine's commands (dd-cli-calendar.c). */
extern const DdCliCommand dd_cli_command_holidays;
extern const DdCliCommand dd_cli_command_workdays;
extern const DdCliCommand dd_cli_command_lunar;
extern const DdCliCommand dd_cli_command_solar;
extern const DdCliCommand dd_cli_command_calendar;

/* dd-cli-chart.c */
extern const DdCliCommand dd_cli_command_chart;
extern const DdCliCommand dd_cli_command_summary;

/* The shared file: history, backups, checks, recycle bin (dd-cli-shared.c). */
extern const DdCliCommand dd_cli_command_history;
extern const DdCliCommand dd_cli_command_backup;
extern const DdCliCommand dd_cli_command_restore;
extern const DdCliCommand dd_cli_command_verify;
extern const DdCliCommand dd_cli_command_delete;
extern const DdCliCommand dd_cli_command_restore_task;

/* Meeting exports (dd-cli-export.c). */
extern const DdCliCommand dd_cli_command_export;

/* The units' progress forms and urging letters (dd-cli-form.c). */
extern const DdCliCommand dd_cli_command_form;
extern const DdCliCommand dd_cli_command_letters;
extern const DdCliCommand dd_cli_command_report;
/* The urging letters by email (dd-cli-mail.c). */
extern const DdCliCommand dd_cli_command_mail;
extern const DdCliCommand dd_cli_command_mail_settings;
extern const DdCliCommand dd_cli_command_unit_email;

/* The office's header and signature of its documents (dd-cli-settings.c). */
extern const DdCliCommand dd_cli_command_settings;

/* Scorecards, indicators, dossiers, "6 rõ" (dd-cli-scorecard.c). */
extern const DdCliCommand dd_cli_command_scorecard;
extern const DdCliCommand dd_cli_command_indicator;
extern const DdCliCommand dd_cli_command_dossier;
extern const DdCliCommand dd_cli_command_check;
extern const DdCliCommand dd_cli_command_scoring;

/* A task's reports and schedule (dd-cli-reports.c): "report record|undo|
 * add-ad-hoc|list" (sub-commands of "report", which alone is the meeting
 * handout) and "schedule". */
extern const DdCliCommand dd_cli_command_report_record;
extern const DdCliCommand dd_cli_command_report_undo;
extern const DdCliCommand dd_cli_command_report_add_ad_hoc;
extern const DdCliCommand dd_cli_command_report_list;
extern const DdCliCommand dd_cli_command_schedule;

/* --db postgresql://…: init, upgrade, roles, user (dd-cli-pg.c); the exit
 * status, or -1 for a command of the main table that reads the server
 * (its store: dd_cli_open_server_store()). migrate, between a file and a
 * server. */
int dd_cli_pg_main (Globals *globals, char **args);
DdStore * dd_cli_open_server_store (Globals *globals, GError **error);
extern const DdCliCommand dd_cli_command_migrate;

G_END_DECLS
