/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-sample"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-store-private.h"

#define SEED_PATH "/io/github/dondoc/Dondoc/core/seed/ke-hoach-662-KH-VPUB.txt"

/*
 * What a new database starts with: the embedded plan 662/KH-VPUB of the
 * default database (dd_store_open_default()), or the sample data set.
 * Both write through the store's import, as any plan does.
 *
 * The sample data set ("Dữ liệu mẫu"): made-up plans of a provincial office,
 * for trying the application and for screenshots. Every plan is marked as
 * sample data in the database and its title says so. Dates are placed
 * around the day it is made, so that every status is present on that day.
 */

static const char * const units[] = {
  "Phòng Hành chính - Quản trị",
  "Phòng Tổng hợp",
  "Phòng Kinh tế",
  "Phòng Công nghiệp - Xây dựng",
  "Phòng Nông nghiệp",
  "Phòng Khoa giáo - Văn xã",
  "Phòng Nội chính",
  "Phòng Kiểm soát thủ tục hành chính",
  "Trung tâm Phục vụ hành chính công tỉnh",
  "Trung tâm Tin học - Công báo",
  "Ban Tiếp công dân tỉnh",
  "Đội Xe",
};

/* How a sample task's deadline and progress are placed around "today". */
typedef enum
{
  SAMPLE_DONE_ON_TIME,
  SAMPLE_DONE_LATE,
  SAMPLE_IN_PROGRESS,
  SAMPLE_DUE_SOON,
  SAMPLE_OVERDUE,
  SAMPLE_NO_DEADLINE,
  SAMPLE_ONGOING,
  SAMPLE_PERIODIC,
  SAMPLE_STATUTORY,
} SampleKind;

typedef struct
{
  const char *title;
  guint lead;            /* index in units[] */
  const char *coordinators;   /* ";"-separated, or NULL */
  SampleKind kind;
  int offset;            /* days from today of the due date */
  const char *product;
  guint progress;
} SampleTask;

typedef struct
{
  const char *number;
  const char *title;
  int issued_offset;
  const SampleTask *tasks;
  guint n_tasks;
} SamplePlan;

static const SampleTask plan1_tasks[] = {
  { "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của UBND tỉnh", 7,
    "Phòng Kinh tế; Phòng Nông nghiệp", SAMPLE_DONE_ON_TIME, -20, "Báo cáo kết quả rà soát", 100 },
  { "Công bố danh mục thủ tục hành chính mới ban hành, sửa đổi, bổ sung", 7,
    "Trung tâm Tin học - Công báo", SAMPLE_DONE_LATE, -35, "Quyết định công bố", 100 },
  { "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 8,
    "Các phòng, ban, đơn vị liên quan", SAMPLE_IN_PROGRESS, 45, "Kho dữ liệu số hóa", 40 },
  { "Tổ chức đối thoại với doanh nghiệp về thủ tục hành chính", 2,
    "Trung tâm Phục vụ hành chính công tỉnh", SAMPLE_DUE_SOON, 2, "Biên bản đối thoại", 70 },
  { "Xây dựng quy trình nội bộ giải quyết thủ tục hành chính liên thông", 8,
    "Phòng Kiểm soát thủ tục hành chính", SAMPLE_OVERDUE, -12, "Quyết định phê duyệt quy trình", 60 },
  { "Giải quyết hồ sơ thủ tục hành chính đúng hạn, xin lỗi khi trễ hạn", 8,
    NULL, SAMPLE_STATUTORY, 0, "Kết quả giải quyết TTHC", 0 },
  { "Báo cáo tình hình kiểm soát thủ tục hành chính hằng quý", 7,
    "Các phòng, ban, đơn vị", SAMPLE_PERIODIC, 0, "Báo cáo quý", 0 },
};

static const SampleTask plan2_tasks[] = {
  { "Triển khai ký số trên văn bản điện tử tại các phòng, ban", 9,
    "Phòng Hành chính - Quản trị", SAMPLE_DONE_ON_TIME, -60, "100% văn bản được ký số", 100 },
  { "Nâng cấp hệ thống quản lý văn bản và điều hành", 9,
    "Phòng Hành chính - Quản trị; Phòng Tổng hợp", SAMPLE_IN_PROGRESS, 90, "Hệ thống được nâng cấp", 25 },
  { "Tổ chức họp trực tuyến với các huyện, thành phố, thị xã", 1,
    "Trung tâm Tin học - Công báo", SAMPLE_ONGOING, 0, "Các cuộc họp trực tuyến", 0 },
  { "Bảo đảm an toàn thông tin cho hệ thống dùng chung của tỉnh", 9,
    NULL, SAMPLE_OVERDUE, -5, "Báo cáo đánh giá an toàn thông tin", 80 },
  { "Đào tạo kỹ năng số cho cán bộ, công chức, viên chức", 0,
    "Các phòng, ban, đơn vị", SAMPLE_DUE_SOON, 4, "Danh sách học viên hoàn thành", 50 },
  { "Số hóa tài liệu lưu trữ lịch sử", 0,
    "Trung tâm Tin học - Công báo", SAMPLE_NO_DEADLINE, 0, "Tài liệu được số hóa", 10 },
  { "Xây dựng chuyên trang chuyển đổi số trên Cổng thông tin điện tử tỉnh", 9,
    "Phòng Khoa giáo - Văn xã", SAMPLE_DONE_LATE, -15, "Chuyên trang hoạt động", 100 },
};

static const SampleTask plan3_tasks[] = {
  { "Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính tại các phòng", 0,
    "Phòng Nội chính", SAMPLE_DONE_ON_TIME, -8, "Thông báo kết luận kiểm tra", 100 },
  { "Kiểm tra đột xuất việc thực thi công vụ", 6,
    "Phòng Hành chính - Quản trị", SAMPLE_ONGOING, 0, "Biên bản kiểm tra", 0 },
  { "Tiếp công dân định kỳ của lãnh đạo UBND tỉnh", 10,
    "Phòng Nội chính; Phòng Tổng hợp", SAMPLE_PERIODIC, 0, "Thông báo kết luận tiếp công dân", 0 },
  { "Rà soát quy chế làm việc của Văn phòng", 1,
    "Các phòng, ban, đơn vị liên quan", SAMPLE_IN_PROGRESS, 30, "Quy chế sửa đổi", 30 },
  { "Đánh giá, xếp loại mức độ hoàn thành nhiệm vụ của các phòng", 0,
    "Phòng Tổng hợp", SAMPLE_OVERDUE, -25, "Báo cáo đánh giá, xếp loại", 20 },
  { "Tổng hợp ý kiến người dân về chất lượng phục vụ của Trung tâm", 8,
    "Ban Tiếp công dân tỉnh", SAMPLE_DUE_SOON, 1, "Báo cáo mức độ hài lòng", 90 },
  { "Bảo đảm xe phục vụ các đoàn kiểm tra công vụ", 11,
    NULL, SAMPLE_NO_DEADLINE, 0, "Lịch điều xe", 0 },
  { "Công khai kết quả kiểm tra trên Cổng thông tin điện tử", 3,
    "Trung tâm Tin học - Công báo", SAMPLE_IN_PROGRESS, 20, "Tin bài công khai", 0 },
};

static const SamplePlan plans[] = {
  { "01/KH-MẪU", "[Dữ liệu mẫu] Kế hoạch kiểm soát thủ tục hành chính", -90,
    plan1_tasks, G_N_ELEMENTS (plan1_tasks) },
  { "02/KH-MẪU", "[Dữ liệu mẫu] Kế hoạch chuyển đổi số của Văn phòng", -120,
    plan2_tasks, G_N_ELEMENTS (plan2_tasks) },
  { "03/KH-MẪU", "[Dữ liệu mẫu] Kế hoạch kiểm tra công vụ", -60,
    plan3_tasks, G_N_ELEMENTS (plan3_tasks) },
};

static char *
deadline_text_for (const SampleTask *task,
                   const GDate      *due)
{
  switch (task->kind)
    {
    case SAMPLE_ONGOING:
      return g_strdup ("Thường xuyên");
    case SAMPLE_PERIODIC:
      return g_strdup ("Định kỳ hằng quý");
    case SAMPLE_STATUTORY:
      return g_strdup ("Theo quy định của Pháp luật");
    case SAMPLE_NO_DEADLINE:
      return g_strdup ("Theo Kế hoạch của Sở Nội vụ");
    case SAMPLE_DONE_ON_TIME:
    case SAMPLE_DONE_LATE:
    case SAMPLE_IN_PROGRESS:
    case SAMPLE_DUE_SOON:
    case SAMPLE_OVERDUE:
    default:
      return g_strdup_printf ("Trước %u/%u/%u", g_date_get_day (due), g_date_get_month (due),
                              g_date_get_year (due));
    }
}

static DdImportedPlan *
build_plan (const SamplePlan  *sample,
            const GDate       *today,
            GError           **error)
{
  g_autoptr(DdImportedPlan) plan = dd_imported_plan_new ();

  plan->number = g_strdup (sample->number);
  plan->title = g_strdup (sample->title);
  plan->issuer = g_strdup ("Văn phòng UBND tỉnh (dữ liệu mẫu)");
  plan->source_name = g_strdup ("dữ liệu mẫu");
  plan->issued_on = *today;
  g_date_subtract_days (&plan->issued_on, (guint) -sample->issued_offset);

  for (guint i = 0; i < sample->n_tasks; i++)
    {
      const SampleTask *st = &sample->tasks[i];
      DdImportedTask *task = g_new0 (DdImportedTask, 1);
      GDate due = *today;

      if (st->offset >= 0)
        g_date_add_days (&due, (guint) st->offset);
      else
        g_date_subtract_days (&due, (guint) -st->offset);

      task->line = i + 1;
      task->number = g_strdup_printf ("%u.", i + 1);
      task->title = g_strdup (st->title);
      task->lead = g_strdup (units[st->lead]);
      task->coordinators = g_ptr_array_new_with_free_func (g_free);
      if (st->coordinators != NULL)
        {
          g_auto(GStrv) names = g_strsplit (st->coordinators, ";", -1);

          for (guint j = 0; names[j] != NULL; j++)
            g_ptr_array_add (task->coordinators, g_strstrip (g_strdup (names[j])));
        }
      task->deadline_text = deadline_text_for (st, &due);
      task->product = g_strdup (st->product);
      task->directing = g_strdup ("Lãnh đạo Văn phòng phụ trách");
      g_ptr_array_add (plan->tasks, task);
      if (!dd_deadline_parse (task->deadline_text, &task->deadline, error))
        return NULL;
    }

  {
    DdImportedIndicator *indicator = g_new0 (DdImportedIndicator, 1);

    indicator->title = g_strdup ("100% hồ sơ, nhiệm vụ hoàn thành đúng hạn (dữ liệu mẫu)");
    indicator->target = 100.0;
    g_ptr_array_add (plan->indicators, indicator);
  }
  return g_steal_pointer (&plan);
}

static gboolean
record_sample_progress (DdStore           *self,
                        const SamplePlan  *sample,
                        gint64             plan_id,
                        const GDate       *today,
                        GError           **error)
{
  for (guint i = 0; i < sample->n_tasks; i++)
    {
      const SampleTask *st = &sample->tasks[i];
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);
      gint64 task_id = _dd_store_find_task_by_number (self, plan_id, number);
      GDate done = *today;
      GDate reported = *today;

      g_assert (task_id > 0);
      if (st->kind == SAMPLE_DONE_ON_TIME)
        {
          /* Done two days before it was due. */
          g_date_subtract_days (&done, (guint) (-st->offset + 2));
          if (!_dd_store_record_progress_locked (self, task_id, 100, &done, st->product,
                                                 NULL, &done, error))
            return FALSE;
        }
      else if (st->kind == SAMPLE_DONE_LATE)
        {
          /* Done a week after it was due, still before today. */
          g_date_subtract_days (&done, (guint) (-st->offset - 7));
          if (!_dd_store_record_progress_locked (self, task_id, 100, &done, st->product,
                                                 NULL, &done, error))
            return FALSE;
        }
      else if (st->progress > 0)
        {
          g_date_subtract_days (&reported, 3);
          if (!_dd_store_record_progress_locked (self, task_id, (int) st->progress, NULL, NULL,
                                                 NULL, &reported, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
dd_store_load_sample (DdStore      *self,
                      const GDate  *today,
                      GError      **error)
{
  g_autoptr(GPtrArray) built = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_imported_plan_free);
  GDate day;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  if (dd_date_is_set (today))
    day = *today;
  else
    {
      g_date_clear (&day, 1);
      dd_date_set_today (&day);
    }

  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      DdImportedPlan *plan = build_plan (&plans[i], &day, error);

      if (plan == NULL)
        return FALSE;
      g_ptr_array_add (built, plan);
    }

  if (!_dd_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < built->len; i++)
    {
      DdImportSummary summary = { 0 };

      if (!_dd_store_import_plan_locked (self, g_ptr_array_index (built, i), TRUE, &summary, error) ||
          !record_sample_progress (self, &plans[i], summary.plan_id, &day, error))
        {
          _dd_store_rollback (self);
          return FALSE;
        }
    }
  return _dd_store_commit (self, error);
}

/* The embedded default */

gboolean
dd_store_load_default (DdStore  *self,
                       GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  DdImportSummary summary = { 0 };
  GDate issued;
  gint64 first_task;

  g_return_val_if_fail (DD_IS_STORE (self), FALSE);

  bytes = g_resources_lookup_data (SEED_PATH, 0, NULL);
  g_assert (bytes != NULL);
  plan = dd_importer_parse_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 DD_IMPORT_FORMAT_TEXT, "ke-hoach-662-KH-VPUB.txt", error);
  if (plan == NULL)
    return FALSE;

  if (!_dd_store_begin (self, error))
    return FALSE;
  if (!_dd_store_import_plan_locked (self, plan, FALSE, &summary, error))
    goto fail;

  /* What the seed itself proves, and nothing more: task 1 ("Xây dựng kế
   * hoạch triển khai tại cơ quan", product "Kế hoạch được ban hành") was done
   * by issuing this very plan on the plan's own date. */
  first_task = _dd_store_find_task_by_number (self, summary.plan_id, "1.");
  if (first_task > 0 && dd_date_is_set (&plan->issued_on))
    {
      g_autofree char *dmy = NULL;
      g_autofree char *product = NULL;

      issued = plan->issued_on;
      dmy = g_strdup_printf ("%u/%u/%u", g_date_get_day (&issued), g_date_get_month (&issued),
                             g_date_get_year (&issued));
      product = g_strdup_printf ("Kế hoạch số %s ngày %s", plan->number, dmy);
      if (!_dd_store_record_progress_locked (self, first_task, 100, &issued, product, NULL,
                                             &issued, error))
        goto fail;
    }

  return _dd_store_commit (self, error);

fail:
  _dd_store_rollback (self);
  return FALSE;
}

/* The default database */

DdStore *
dd_store_open_default (GError **error)
{
  g_autofree char *path = dd_store_dup_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(DdStore) store = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return dd_store_open (path, DD_STORE_OPEN_EXISTING, error);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, DD_STORE_ERROR, DD_STORE_ERROR_FAILED,
                   _("Cannot create the folder “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }

  store = dd_store_open (path, DD_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return NULL;
  if (!dd_store_load_default (store, error))
    {
      /* Leave no half-made default behind: the next start tries again. */
      g_clear_object (&store);
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&store);
}
