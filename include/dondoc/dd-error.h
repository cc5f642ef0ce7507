/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#if !defined(DONDOC_INSIDE) && !defined(DONDOC_COMPILATION)
# error "Only <dondoc/dondoc.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/*
 * The error domains of the core, all in this one header: DD_STORE_ERROR (the
 * database file), DD_IMPORT_ERROR (reading a plan file), DD_EXPORT_ERROR
 * (meeting exports), DD_CHART_ERROR (saving a chart), DD_SCORING_ERROR
 * (periods and weights of scorecards) and DD_LUNAR_ERROR (lunar dates).
 * Messages are translated and name what was wrong.
 */

#define DD_STORE_ERROR   (dd_store_error_quark ())
#define DD_IMPORT_ERROR  (dd_import_error_quark ())
#define DD_EXPORT_ERROR  (dd_export_error_quark ())
#define DD_CHART_ERROR   (dd_chart_error_quark ())
#define DD_SCORING_ERROR (dd_scoring_error_quark ())
#define DD_LUNAR_ERROR   (dd_lunar_error_quark ())
#define DD_PG_ERROR      (dd_pg_error_quark ())
#define DD_MAIL_ERROR    (dd_mail_error_quark ())

/**
 * DdStoreError:
 * @DD_STORE_ERROR_NOT_FOUND: the database file does not exist
 * @DD_STORE_ERROR_EXISTS: asked to create a database where a file already exists
 * @DD_STORE_ERROR_NOT_DATABASE: the file is not an SQLite database (or is damaged)
 * @DD_STORE_ERROR_FOREIGN: an SQLite database, but not a Đôn Đốc one
 * @DD_STORE_ERROR_TOO_NEW: written by a newer version of Đôn Đốc
 * @DD_STORE_ERROR_READ_ONLY: a write was attempted on a file opened read-only
 * @DD_STORE_ERROR_BUSY: another desktop holds the file's lock for too long
 * @DD_STORE_ERROR_CONFLICT: the row was changed by someone else since it was read
 * @DD_STORE_ERROR_NO_SUCH_ROW: the task, plan or unit does not exist
 * @DD_STORE_ERROR_INVALID: a value out of range (progress over 100, …)
 * @DD_STORE_ERROR_FAILED: any other SQLite failure
 * @DD_STORE_ERROR_PERMISSION: the user's role does not allow the change
 * @DD_STORE_ERROR_UNSAFE_FILESYSTEM: the file lies on a filesystem whose locks do
 *   not work (dd_store_get_lock_warning()) and the warning was not acknowledged
 * @DD_STORE_ERROR_TAMPERED: the file's schema (tables, views, triggers, indexes)
 *   or its data version differ from what Đôn Đốc makes: it was changed outside it
 */
typedef enum
{
  DD_STORE_ERROR_NOT_FOUND,
  DD_STORE_ERROR_EXISTS,
  DD_STORE_ERROR_NOT_DATABASE,
  DD_STORE_ERROR_FOREIGN,
  DD_STORE_ERROR_TOO_NEW,
  DD_STORE_ERROR_READ_ONLY,
  DD_STORE_ERROR_BUSY,
  DD_STORE_ERROR_CONFLICT,
  DD_STORE_ERROR_NO_SUCH_ROW,
  DD_STORE_ERROR_INVALID,
  DD_STORE_ERROR_FAILED,
  DD_STORE_ERROR_PERMISSION,
  DD_STORE_ERROR_UNSAFE_FILESYSTEM,
  DD_STORE_ERROR_TAMPERED,
} DdStoreError;

/**
 * DdImportError:
 * @DD_IMPORT_ERROR_IO: the file could not be read
 * @DD_IMPORT_ERROR_ENCODING: the file is not UTF-8
 * @DD_IMPORT_ERROR_FORMAT: the file's layout is not a plan table (no "Phụ lục", bad CSV quoting, …)
 * @DD_IMPORT_ERROR_COLUMNS: a row with too few (or too many) columns, or a missing header column
 * @DD_IMPORT_ERROR_DATE: a date that does not exist ("31/02/2026") or cannot be read
 * @DD_IMPORT_ERROR_VALUE: a required cell is empty (task without a title, …)
 * @DD_IMPORT_ERROR_EMPTY: the file holds no task
 * @DD_IMPORT_ERROR_TOO_LARGE: beyond a limit of the office readers (a ZIP bomb, a 10 MB cell, a table of 10,000 rows)
 */
typedef enum
{
  DD_IMPORT_ERROR_IO,
  DD_IMPORT_ERROR_ENCODING,
  DD_IMPORT_ERROR_FORMAT,
  DD_IMPORT_ERROR_COLUMNS,
  DD_IMPORT_ERROR_DATE,
  DD_IMPORT_ERROR_VALUE,
  DD_IMPORT_ERROR_EMPTY,
  DD_IMPORT_ERROR_TOO_LARGE,
} DdImportError;

/**
 * DdExportError:
 * @DD_EXPORT_ERROR_WRITE: the file could not be written (no file is left behind)
 * @DD_EXPORT_ERROR_INVALID: an option is out of range (an unknown period, …)
 * @DD_EXPORT_ERROR_FAILED: the spreadsheet or PDF library failed
 */
typedef enum
{
  DD_EXPORT_ERROR_WRITE,
  DD_EXPORT_ERROR_INVALID,
  DD_EXPORT_ERROR_FAILED,
} DdExportError;

/**
 * DdChartError:
 * @DD_CHART_ERROR_FORMAT: the file name's extension is not .png, .svg or .pdf
 * @DD_CHART_ERROR_WRITE: the file could not be written
 */
typedef enum
{
  DD_CHART_ERROR_FORMAT,
  DD_CHART_ERROR_WRITE,
} DdChartError;

/**
 * DdScoringError:
 * @DD_SCORING_ERROR_PERIOD: a period that cannot be read ("2026-Q5")
 * @DD_SCORING_ERROR_WEIGHTS: weights or thresholds out of range
 */
typedef enum
{
  DD_SCORING_ERROR_PERIOD,
  DD_SCORING_ERROR_WEIGHTS,
} DdScoringError;

/**
 * DdLunarError:
 * @DD_LUNAR_ERROR_RANGE: the date lies outside 1900–2100
 * @DD_LUNAR_ERROR_INVALID: no such lunar date (day 30 of a 29-day month, a leap month the year does not have)
 */
typedef enum
{
  DD_LUNAR_ERROR_RANGE,
  DD_LUNAR_ERROR_INVALID,
} DdLunarError;

/**
 * DdPgError:
 * @DD_PG_ERROR_CONNECT: the server could not be reached or refused the login
 * @DD_PG_ERROR_QUERY: the server refused a statement (the message says why)
 * @DD_PG_ERROR_PERMISSION: the connected role may not do this
 * @DD_PG_ERROR_NEWER: the database's schema is newer than this program's
 * @DD_PG_ERROR_NOT_INITIALIZED: the database has no Đôn Đốc schema ("init" first)
 * @DD_PG_ERROR_NEEDS_UPGRADE: the database's schema is older ("upgrade")
 * @DD_PG_ERROR_NOT_FOUND: no such unit or login role
 * @DD_PG_ERROR_NOT_EMPTY: moving an office into a database that already holds data
 * @DD_PG_ERROR_STANDBY: the server is a hot standby (read-only): writes go to the primary
 * @DD_PG_ERROR_PROFILE: a field of the connection profile (Preferences) is missing or invalid
 * @DD_PG_ERROR_KEYRING: the desktop's keyring (the profile's password) could not be used
 */
typedef enum
{
  DD_PG_ERROR_CONNECT,
  DD_PG_ERROR_QUERY,
  DD_PG_ERROR_PERMISSION,
  DD_PG_ERROR_NEWER,
  DD_PG_ERROR_NOT_INITIALIZED,
  DD_PG_ERROR_NEEDS_UPGRADE,
  DD_PG_ERROR_NOT_FOUND,
  DD_PG_ERROR_NOT_EMPTY,
  DD_PG_ERROR_STANDBY,
  DD_PG_ERROR_PROFILE,
  DD_PG_ERROR_KEYRING,
} DdPgError;

/**
 * DdMailError:
 * @DD_MAIL_ERROR_SETTINGS: no mail server is set (Preferences), or a unit
 *   that would get a letter has no email address
 * @DD_MAIL_ERROR_CONNECT: the server could not be reached
 * @DD_MAIL_ERROR_TLS: the server offers no TLS, or its certificate is refused
 * @DD_MAIL_ERROR_LOGIN: the server refused the account or its password
 * @DD_MAIL_ERROR_RECIPIENT: the server refused a recipient's address
 * @DD_MAIL_ERROR_KEYRING: the desktop's keyring could not be read or written
 * @DD_MAIL_ERROR_FAILED: the server refused the message for another reason
 */
typedef enum
{
  DD_MAIL_ERROR_SETTINGS,
  DD_MAIL_ERROR_CONNECT,
  DD_MAIL_ERROR_TLS,
  DD_MAIL_ERROR_LOGIN,
  DD_MAIL_ERROR_RECIPIENT,
  DD_MAIL_ERROR_KEYRING,
  DD_MAIL_ERROR_FAILED,
} DdMailError;

GQuark dd_store_error_quark (void);
GQuark dd_import_error_quark (void);
GQuark dd_export_error_quark (void);
GQuark dd_chart_error_quark (void);
GQuark dd_scoring_error_quark (void);
GQuark dd_lunar_error_quark (void);
GQuark dd_pg_error_quark (void);
GQuark dd_mail_error_quark (void);

G_END_DECLS
