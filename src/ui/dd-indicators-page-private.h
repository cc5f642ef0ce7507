/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dd-indicators-page.h"

G_BEGIN_DECLS

/* The page's state, shared by dd-indicators-page.c (the grid) and
 * dd-indicators-dossier.c (the dossier form). */
struct _DdIndicatorsPage
{
  GtkWidget parent_instance;

  DdStore *store;
  DdFigures *figures;          /* of the store */
  GPtrArray *indicators;       /* DdIndicatorInfo* */
  gboolean dirty;
  gboolean filling;
  gboolean filling_grid;       /* the grid's cells are being replaced */
  gboolean writing;            /* a cell's figure is being recorded */
  guint shown_indicator;       /* the indicator and year of the grid's cells */
  int shown_year;
  DdDossierFigures dossier_loaded;  /* the form's figures as read */

  /* Template children */
  GtkWidget *box;
  GtkInfoBar *access_bar;
  GtkLabel *access_label;
  GtkDropDown *indicator_dropdown;
  GtkSpinButton *year_spin;
  GtkEntry *source_entry;
  GtkLabel *summary_label;
  GtkGridView *grid;            /* a row a unit: its name, then a cell a quarter */
  GtkScrolledWindow *header_window;  /* the headings, kept in view */
  GtkGrid *header_grid;
  GtkScrolledWindow *grid_window;
  GtkSizeGroup *columns[5];     /* a heading and its column: the units, Q1…Q4 */
  GListStore *rows;             /* DdFigureRow: the grid's model */
  GPtrArray *cells;             /* the quarters' cells (entries) made, unowned */
  char *quarter_labels[4];      /* of the shown year, for the cells' names */
  char *access_reason;          /* why no figure may be recorded, or NULL */
  char *other_reason;           /* why not another unit's figures, or NULL */
  GtkButton *import_button;
  GtkDropDown *dossier_unit_dropdown;
  GtkDropDown *dossier_period_dropdown;
  GtkSpinButton *received_spin;
  GtkSpinButton *on_time_spin;
  GtkSpinButton *late_spin;
  GtkSpinButton *pending_spin;
  GtkSpinButton *apologies_spin;
  GtkEntry *dossier_source_entry;
  GtkButton *dossier_save_button;
  GtkLabel *apology_gap_label;
  GtkLabel *dossier_message_label;

  GArray *dossier_unit_ids;     /* gint64: 0 the whole office, then units */
  GArray *dossier_periods;      /* DdScorePeriod, parallel to the period drop-down */
  gboolean dossier_filling;
  gboolean dossier_locked;      /* the period's figures are those of other periods */
  const char *dossier_locked_reason;
  gboolean dossier_access_shown;  /* the message label says why the form is off */
  gint64 dossier_shown_unit;    /* the unit, period and year the form's figures are of */
  guint dossier_shown_period;
  int dossier_shown_year;
  GtkWidget *dossier_question;  /* "Save the typed dossier figures?", while asked */
  guint dossier_want_unit;      /* what was chosen meanwhile (drop-down positions, year) */
  guint dossier_want_period;
  int dossier_want_year;
  gboolean dossier_switching;   /* the question was answered: switch without asking */
  GtkNativeDialog *chooser;
  DdScoring *scoring;           /* of the store: a derived indicator's figures */
  GCancellable *derived_cancel; /* of the derived figures asked for last */
  gboolean derived_loading;     /* they are being counted */
  GListModel *units;            /* of the store, read once a reload (grid and form) */
};

int  _dd_indicators_page_current_year     (DdIndicatorsPage *self);
/* The store's units (DdUnit), read once until the page reloads. (transfer none) */
GListModel *_dd_indicators_page_get_units (DdIndicatorsPage  *self,
                                           GError           **error);
const DdIndicatorInfo *_dd_indicators_page_current_indicator (DdIndicatorsPage *self);
const DdIndicatorInfo *_dd_indicators_page_shown_indicator   (DdIndicatorsPage *self);
gboolean _dd_indicators_page_record       (DdIndicatorsPage       *self,
                                           const DdIndicatorInfo  *info,
                                           int                     year,
                                           gint64                  unit_id,
                                           int                     quarter,
                                           const char             *text,
                                           GError                **error);

/* The grid (dd-indicators-grid.c): a GtkGridView of one column whose
 * rows are made for those in view only. */
void     _dd_indicators_grid_init         (DdIndicatorsPage *self);
void     _dd_indicators_grid_fill         (DdIndicatorsPage *self);
gboolean _dd_indicators_grid_commit_all   (DdIndicatorsPage *self,
                                           GError          **error);
void     _dd_indicators_grid_apply_access (DdIndicatorsPage *self,
                                           const char       *reason,
                                           const char       *other_reason);
GtkWidget *_dd_indicators_grid_get_cell   (DdIndicatorsPage *self,
                                           guint             position,
                                           int               quarter);
void     _dd_indicators_grid_dispose      (DdIndicatorsPage *self);
void     _dd_indicators_grid_finalize     (DdIndicatorsPage *self);

void _dd_indicators_dossier_class_init    (GtkWidgetClass   *widget_class);
void _dd_indicators_dossier_populate      (DdIndicatorsPage *self);
void _dd_indicators_dossier_apply_access  (DdIndicatorsPage *self);
gboolean _dd_indicators_dossier_ask_before_leaving (DdIndicatorsPage *self);
void _dd_indicators_dossier_dispose       (DdIndicatorsPage *self);

G_END_DECLS
