/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dd-bench-generate: makes a realistic large Đôn Đốc database for the
 * benchmarks, deterministic from a seed.
 *
 *   dd-bench-generate --out FILE [--size large|medium] [--tasks 100000]
 *                     [--units 300] [--plans 500] [--years 5] [--seed 662]
 *                     [--as-of 2026-11-25]
 *
 * --size large (the default) is 100,000 tasks in 500 plans; --size medium
 * is 10,000 tasks in 50 plans, for quick runs; --tasks and --plans, when
 * given, win.
 *
 * Units have Vietnamese names; plans spread over the years before the
 * reference date; every deadline kind appears ("Trước dd/mm/yyyy", "Quý
 * II/2026", "Tháng 6/2026", "Thường xuyên", "Định kỳ", "hằng quý", "Theo quy
 * định của Pháp luật", "Theo Kế hoạch của Sở Nội vụ"); statuses in realistic
 * proportions (most done on time, some late, some overdue); progress updates
 * for the work in hand; the plan's three indicators in each plan, with
 * figures per unit and quarter for the last two years.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"

static const char * const unit_kinds[] = {
  "Phòng", "Ban", "Trung tâm", "Sở", "UBND huyện", "UBND thị xã", "Chi cục", "Văn phòng",
};
static const char * const unit_names[] = {
  "Hành chính - Quản trị", "Tổng hợp", "Kinh tế", "Công nghiệp - Xây dựng", "Nông nghiệp",
  "Khoa giáo - Văn xã", "Nội chính", "Kiểm soát thủ tục hành chính", "Tiếp công dân",
  "Tài chính", "Kế hoạch và Đầu tư", "Tư pháp", "Nội vụ", "Giáo dục và Đào tạo", "Y tế",
  "Giao thông vận tải", "Tài nguyên và Môi trường", "Văn hóa, Thể thao và Du lịch",
  "Lao động - Thương binh và Xã hội", "Thông tin và Truyền thông", "Khoa học và Công nghệ",
  "Quỳnh Lưu", "Diễn Châu", "Yên Thành", "Đô Lương", "Nghi Lộc", "Hưng Nguyên", "Nam Đàn",
  "Thanh Chương", "Anh Sơn", "Con Cuông", "Tương Dương", "Kỳ Sơn", "Quế Phong", "Quỳ Châu",
  "Quỳ Hợp", "Nghĩa Đàn", "Tân Kỳ", "Hoàng Mai", "Thái Hòa", "Cửa Lò", "Vinh",
};
static const char * const verbs[] = {
  "Rà soát", "Xây dựng", "Tổ chức", "Triển khai", "Kiểm tra", "Tham mưu", "Đánh giá",
  "Số hóa", "Công khai", "Hoàn thiện", "Tuyên truyền", "Báo cáo", "Đôn đốc", "Thẩm định",
};
static const char * const objects[] = {
  "thủ tục hành chính", "quy trình nội bộ", "hồ sơ lưu trữ", "kỷ luật, kỷ cương hành chính",
  "văn bản quy phạm pháp luật", "kết quả giải quyết hồ sơ", "chỉ số cải cách hành chính",
  "hệ thống quản lý văn bản", "cơ chế một cửa liên thông", "dịch vụ công trực tuyến",
  "quy chế làm việc", "đội ngũ cán bộ, công chức", "chuyển đổi số", "thực thi công vụ",
};
static const char * const products[] = {
  "Kế hoạch được ban hành", "Báo cáo kết quả", "Quyết định phê duyệt", "Thông báo kết luận",
  "Biên bản kiểm tra", "Tin bài tuyên truyền", "Hệ thống hoạt động thông suốt",
};
static const char * const roman[] = { "I", "II", "III", "IV" };

typedef struct
{
  GRand *rand;
  GDate as_of;
  guint n_units;
  GPtrArray *units;
} Generator;

static const char *
pick (Generator          *g,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (g->rand, 0, (gint32) n)];
}

#define PICK(g, list) pick ((g), (list), G_N_ELEMENTS (list))

static void
make_units (Generator *g)
{
  g->units = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g->n_units; i++)
    {
      const char *kind = unit_kinds[i % G_N_ELEMENTS (unit_kinds)];
      const char *name = unit_names[(i / G_N_ELEMENTS (unit_kinds)) % G_N_ELEMENTS (unit_names)];
      guint round = i / (G_N_ELEMENTS (unit_kinds) * G_N_ELEMENTS (unit_names));

      if (round == 0)
        g_ptr_array_add (g->units, g_strdup_printf ("%s %s", kind, name));
      else
        g_ptr_array_add (g->units, g_strdup_printf ("%s %s số %u", kind, name, round + 1));
    }
}

/* A deadline text and, for dated ones, where it falls from the plan's date. */
static char *
deadline_text (Generator   *g,
               const GDate *issued)
{
  int r = g_rand_int_range (g->rand, 0, 100);
  GDate due = *issued;
  guint year;

  g_date_add_days (&due, (guint) g_rand_int_range (g->rand, 10, 400));
  year = g_date_get_year (&due);

  if (r < 55)
    return g_strdup_printf ("Trước %u/%u/%u", g_date_get_day (&due), g_date_get_month (&due), year);
  if (r < 62)
    return g_strdup_printf ("Quý %s/%u", roman[(g_date_get_month (&due) - 1) / 3], year);
  if (r < 67)
    return g_strdup_printf ("Tháng %u/%u", g_date_get_month (&due), year);
  if (r < 80)
    return g_strdup ("Thường xuyên");
  if (r < 86)
    return g_strdup (r % 2 ? "Định kỳ" : "Định kỳ hằng quý, 6 tháng, năm");
  if (r < 92)
    return g_strdup ("Theo quy định của Pháp luật");
  if (r < 96)
    return g_strdup ("Theo Kế hoạch của Sở Nội vụ");
  return g_strdup_printf ("Năm %u", year);
}

static DdImportedPlan *
make_plan (Generator   *g,
           guint        index,
           guint        n_tasks,
           const GDate *issued)
{
  DdImportedPlan *plan = dd_imported_plan_new ();

  plan->number = g_strdup_printf ("%u/KH-%s", index + 1, index % 3 == 0 ? "UBND" : "VPUB");
  plan->issued_on = *issued;
  plan->title = g_strdup_printf ("Kế hoạch %s %s năm %u", g_ascii_strdown (PICK (g, verbs), -1),
                                 PICK (g, objects), g_date_get_year (issued));
  plan->issuer = g_strdup ("Văn phòng UBND tỉnh Nghệ An");

  for (guint i = 0; i < n_tasks; i++)
    {
      DdImportedTask *task = g_new0 (DdImportedTask, 1);
      guint n_coord = (guint) g_rand_int_range (g->rand, 0, 4);

      task->line = i + 1;
      task->number = g_strdup_printf ("%u.", i + 1);
      task->title = g_strdup_printf ("%s %s %s", PICK (g, verbs), PICK (g, objects),
                                     i % 5 == 0 ? "tại các đơn vị trực thuộc" : "của cơ quan");
      task->lead = g_strdup (g_ptr_array_index (g->units, g_rand_int_range (g->rand, 0, (gint32) g->n_units)));
      task->coordinators = g_ptr_array_new_with_free_func (g_free);
      if (n_coord == 3)
        g_ptr_array_add (task->coordinators, g_strdup ("Các phòng, ban, đơn vị liên quan"));
      else
        for (guint c = 0; c < n_coord; c++)
          g_ptr_array_add (task->coordinators,
                           g_strdup (g_ptr_array_index (g->units, g_rand_int_range (g->rand, 0, (gint32) g->n_units))));
      task->deadline_text = deadline_text (g, issued);
      g_assert_true (dd_deadline_parse (task->deadline_text, &task->deadline, NULL));
      task->product = g_strdup (PICK (g, products));
      task->directing = g_strdup (i % 4 == 0 ? "Phó Chủ tịch UBND tỉnh" : "Thủ trưởng cơ quan");
      g_ptr_array_add (plan->tasks, task);
    }
  {
    static const char * const indicators[] = {
      "Tỷ lệ văn bản được xử lý trên môi trường điện tử, ký số (trừ văn bản mật)",
      "Tỷ lệ hồ sơ, nhiệm vụ được giải quyết đúng hạn, bảo đảm chất lượng",
      "Tỷ lệ cán bộ, công chức chấp hành kỷ luật, kỷ cương hành chính",
    };

    for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
      {
        DdImportedIndicator *indicator = g_new0 (DdImportedIndicator, 1);

        indicator->title = g_strdup (indicators[i]);
        indicator->target = 100;
        g_ptr_array_add (plan->indicators, indicator);
      }
  }
  return plan;
}

/* Most done on time, some late, some overdue, the rest in hand. */
static gboolean
record_progress (Generator  *g,
                 DdStore    *store,
                 gint64      plan_id,
                 DdImportedPlan *plan,
                 GError    **error)
{
  for (guint i = 0; i < plan->tasks->len; i++)
    {
      DdImportedTask *task = g_ptr_array_index (plan->tasks, i);
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);
      gint64 id = _dd_store_find_task_by_number (store, plan_id, number);
      int r = g_rand_int_range (g->rand, 0, 100);
      GDate done;

      if (task->deadline.kind != DD_DEADLINE_DATE || !g_date_valid (&task->deadline.due))
        {
          if (r < 40 && !_dd_store_record_progress_locked (store, id, g_rand_int_range (g->rand, 10, 90),
                                                           NULL, NULL, NULL, &g->as_of, error))
            return FALSE;
          continue;
        }

      done = task->deadline.due;
      if (r < 70)
        g_date_subtract_days (&done, (guint) g_rand_int_range (g->rand, 0, 20));   /* on time */
      else if (r < 82)
        g_date_add_days (&done, (guint) g_rand_int_range (g->rand, 1, 30));        /* late */
      else
        {
          /* Not done: overdue or in progress, as the date falls. */
          if (!_dd_store_record_progress_locked (store, id, g_rand_int_range (g->rand, 0, 95),
                                                 NULL, NULL, NULL, &g->as_of, error))
            return FALSE;
          continue;
        }
      if (g_date_compare (&done, &g->as_of) > 0)
        continue;
      if (!_dd_store_record_progress_locked (store, id, 100, &done, task->product, NULL, &done, error))
        return FALSE;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DdStore) store = NULL;
  g_autofree char *out = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *size = NULL;
  int n_tasks = 0, n_units = 300, n_plans = 0, n_years = 5, seed = 662;
  Generator g = { 0, };
  gint64 start = g_get_monotonic_time ();
  guint made = 0;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "The database to create", "FILE" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "large (100,000 tasks) or medium (10,000)", "SIZE" },
    { "tasks", 0, 0, G_OPTION_ARG_INT, &n_tasks, "Number of tasks", "N" },
    { "units", 0, 0, G_OPTION_ARG_INT, &n_units, "Number of units", "N" },
    { "plans", 0, 0, G_OPTION_ARG_INT, &n_plans, "Number of plans", "N" },
    { "years", 0, 0, G_OPTION_ARG_INT, &n_years, "Years the plans span", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed", "N" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, "Reference date (YYYY-MM-DD)", "DATE" },
    { NULL }
  };

  context = g_option_context_new ("— make a large Đôn Đốc database for benchmarks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || out == NULL ||
      (size != NULL && !g_str_equal (size, "large") && !g_str_equal (size, "medium")) ||
      n_tasks < 0 || n_units < 1 || n_plans < 0 || n_years < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : "--out FILE is required; --size is large or medium; counts must be positive");
      return 2;
    }
  if (n_tasks == 0)
    n_tasks = size != NULL && g_str_equal (size, "medium") ? 10000 : 100000;
  if (n_plans == 0)
    n_plans = MAX (1, n_tasks / 200);

  g.rand = g_rand_new_with_seed ((guint32) seed);
  g.n_units = (guint) n_units;
  g_date_clear (&g.as_of, 1);
  if (as_of_text == NULL || !dd_date_parse_iso (as_of_text, &g.as_of))
    g_date_set_dmy (&g.as_of, 25, 11, 2026);
  make_units (&g);

  g_unlink (out);
  store = dd_store_open (out, DD_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* One transaction for the lot: one sync at the end, not one per plan. */
  if (!_dd_store_begin (store, &error))
    goto fail;
  for (guint p = 0; p < (guint) n_plans; p++)
    {
      guint share = (guint) n_tasks / (guint) n_plans + (p < (guint) n_tasks % (guint) n_plans ? 1 : 0);
      g_autoptr(DdImportedPlan) plan = NULL;
      DdImportSummary summary;
      GDate issued = g.as_of;

      if (share == 0)
        continue;
      /* Spread over the years before the reference date, oldest first. */
      g_date_subtract_days (&issued, (guint) ((guint64) (n_plans - p) * (guint) n_years * 365 / (guint) n_plans));
      plan = make_plan (&g, p, share, &issued);
      if (!_dd_store_import_plan_locked (store, plan, FALSE, &summary, &error) ||
          !record_progress (&g, store, summary.plan_id, plan, &error))
        goto fail;
      made += share;
    }
  /* Figures of the indicators of the plans of the last two years, per unit
   * and quarter (Nghị định 09/2019 windows: 15th of the month before). */
  {
    g_autofree char *sql = g_strdup_printf (
      "WITH RECURSIVE q (n, start) AS (SELECT 0, date ('%04u-%02u-15', '-24 months') "
      "  UNION ALL SELECT n + 1, date (start, '+3 months') FROM q WHERE n < 7) "
      "INSERT INTO indicator_figures (indicator_id, unit_id, period_start, period_end, numerator, denominator) "
      "SELECT i.id, u.id, q.start, date (q.start, '+3 months', '-1 day'), "
      "  80 + abs ((i.id * 7 + u.id * 13 + q.n * 17) %% 21), 100 "
      "FROM indicators i JOIN plans p ON p.id = i.plan_id, q, "
      "  (SELECT id FROM units WHERE id %% 10 = 0) u "
      "WHERE p.issued_on >= date ('%04u-%02u-%02u', '-2 years')",
      g_date_get_year (&g.as_of), g_date_get_month (&g.as_of),
      g_date_get_year (&g.as_of), g_date_get_month (&g.as_of), g_date_get_day (&g.as_of));

    if (!dd_sql_exec (store, sql, &error))
      goto fail;
  }
  if (!_dd_store_commit (store, &error))
    goto fail;

  g_print ("%s: %u tasks, %u units, %d plans over %d years, in %.1f s\n",
           out, made, g.n_units, n_plans, n_years, (g_get_monotonic_time () - start) / 1e6);
  g_ptr_array_unref (g.units);
  g_rand_free (g.rand);
  return 0;

fail:
  _dd_store_rollback (store);
  g_printerr ("%s\n", error->message);
  return 1;
}
