/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-importer"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dondoc/dondoc.h"
#include "dd-test-core.h"

/* What one imported task must be. Coordinators are joined with " | ". */
typedef struct
{
  guint line;
  const char *number;
  const char *title;
  const char *lead;
  const char *coordinators;
  const char *deadline_text;
  DdDeadlineKind kind;
  const char *due;
  guint periods;
  const char *product;
  const char *directing;
} ExpectedTask;

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static char *
join_coordinators (GPtrArray *coordinators)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < coordinators->len; i++)
    {
      if (i > 0)
        g_string_append (out, " | ");
      g_string_append (out, g_ptr_array_index (coordinators, i));
    }
  return g_string_free (out, FALSE);
}

static void
assert_tasks (DdImportedPlan     *plan,
              const ExpectedTask *expected,
              guint               n_expected)
{
  g_assert_cmpuint (plan->tasks->len, ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      DdImportedTask *task = g_ptr_array_index (plan->tasks, i);
      const ExpectedTask *e = &expected[i];
      g_autofree char *coordinators = join_coordinators (task->coordinators);
      g_autofree char *due = dd_date_to_iso (&task->deadline.due);

      g_test_message ("task %u", i + 1);
      g_assert_cmpuint (task->line, ==, e->line);
      g_assert_cmpstr (task->number, ==, e->number);
      g_assert_cmpstr (task->title, ==, e->title);
      g_assert_cmpstr (task->lead, ==, e->lead);
      g_assert_cmpstr (coordinators, ==, e->coordinators);
      g_assert_cmpstr (task->deadline_text, ==, e->deadline_text);
      g_assert_cmpint (task->deadline.kind, ==, e->kind);
      g_assert_true (task->deadline.understood);
      g_assert_cmpstr (due, ==, e->due);
      g_assert_cmpuint (task->deadline.periods, ==, e->periods);
      g_assert_cmpstr (task->product, ==, e->product);
      g_assert_cmpstr (task->directing, ==, e->directing);
    }
}

/* The seed plan */

static const ExpectedTask seed_tasks[] = {
  { 144, "1.", "Xây dựng kế hoạch triển khai tại cơ quan",
    "Phòng Hành chính - Quản trị", "Các phòng, ban, đơn vị liên quan",
    "Trước 30/4/2026", DD_DEADLINE_DATE, "2026-04-30", 0,
    "Kế hoạch được ban hành", "Thủ trưởng cơ quan" },
  { 145, "2.", "Tham mưu trình phê duyệt Quy trình nội bộ, quy trình điện tử kịp thời, khoa học, "
    "chính xác, xác định cụ thể trách nhiệm trong các bước giải quyết thủ tục hành chính",
    "Trung tâm Phục vụ Hành chính công", "Các phòng, ban, đơn vị liên quan",
    "Thường xuyên", DD_DEADLINE_ONGOING, NULL, 0,
    "Các Quyết định được phê duyệt", "Thủ trưởng cơ quan" },
  { 146, "3.", "Nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
    "Phòng Hành chính - Quản trị", "Các phòng, ban, đơn vị",
    "Thường xuyên", DD_DEADLINE_ONGOING, NULL, 0,
    "Kế hoạch đào tạo, bồi dưỡng/Báo cáo kết quả đào tạo, bồi dưỡng", "Thủ trưởng cơ quan" },
  { 147, "4.", "Tuyên truyền, nâng cao nhận thức về CCHC",
    "Phòng Hành chính - Quản trị", "Các phòng, ban, đơn vị",
    "Thường xuyên", DD_DEADLINE_ONGOING, NULL, 0,
    "Kế hoạch tuyên truyền, tin bài, chuyên trang, chuyên mục tuyên truyền CCHC", "Thủ trưởng cơ quan" },
  { 148, "5.", "Số hoá hồ sơ tài liệu lưu trữ lịch sử và lưu trữ hiện hành",
    "Phòng Hành chính - Quản trị", "Các phòng, ban, đơn vị liên quan",
    "Theo Kế hoạch của Sở Nội vụ", DD_DEADLINE_EXTERNAL, NULL, 0,
    "Kết quả số hoá và Hệ thống phần mềm lưu trữ hoạt động thông suốt", "Thủ trưởng cơ quan" },
  { 152, "6.", "Thẩm tra trình UBND tỉnh, Chủ tịch UBND tỉnh giải quyết TTHC cho tổ chức, cá nhân "
    "kịp thời, đúng quy định",
    "Các phòng chuyên môn liên quan", "",
    "Theo quy định của Pháp luật", DD_DEADLINE_STATUTORY, NULL, 0,
    "Kết quả giải quyết TTHC trả cho tổ chức, cá nhân", "Thủ trưởng cơ quan" },
  { 153, "7.", "Tăng cường kiểm tra kỷ luật, kỷ cương hành chính, kiểm tra thực thi công vụ",
    "Phòng Hành chính - Quản trị", "Các phòng, ban, đơn vị, các cá nhân liên quan",
    "Thường xuyên", DD_DEADLINE_ONGOING, NULL, 0,
    "Thông báo Kết luận kiểm tra", "Thủ trưởng cơ quan" },
  { 154, "8.", "Thực hiện báo cáo định kỳ hằng quý, 6 tháng, năm hoặc đột xuất theo yêu cầu",
    "Phòng Hành chính - Quản trị", "Các phòng, ban, đơn vị liên quan",
    "Định kỳ", DD_DEADLINE_PERIODIC, NULL, 0,
    "Báo cáo", "Thủ trưởng cơ quan" },
};

static void
assert_seed_plan (DdImportedPlan *plan)
{
  g_autofree char *issued = dd_date_to_iso (&plan->issued_on);
  DdImportedIndicator *indicator;

  g_assert_cmpstr (plan->number, ==, "662/KH-VPUB");
  g_assert_cmpstr (issued, ==, "2026-04-28");
  g_assert_cmpstr (plan->title, ==,
                   "Triển khai thực hiện Chỉ thị số 15-CT/TU ngày 19/3/2026 của Ban Thường vụ Tỉnh ủy "
                   "về tăng cường sự lãnh đạo của các cấp ủy đảng, nâng cao hiệu quả công tác cải cách "
                   "hành chính tại Văn phòng UBND tỉnh Nghệ An");
  g_assert_cmpstr (plan->issuer, ==, "Văn phòng Ủy ban nhân dân tỉnh Nghệ An");
  g_assert_cmpstr (plan->basis, ==,
                   "Chỉ thị số 15-CT/TU ngày 19/3/2026\n"
                   "Kế hoạch số 272/KH-UBND ngày 16/4/2026");

  g_assert_cmpuint (plan->indicators->len, ==, 3);
  indicator = g_ptr_array_index (plan->indicators, 0);
  g_assert_cmpstr (indicator->title, ==,
                   "100% văn bản trao đổi công việc (trừ văn bản mật) xử lý trên môi trường điện tử, "
                   "ký số theo quy định");
  g_assert_cmpfloat (indicator->target, ==, 100.0);
  indicator = g_ptr_array_index (plan->indicators, 1);
  g_assert_cmpstr (indicator->title, ==,
                   "100% hồ sơ, nhiệm vụ thuộc trách nhiệm tham mưu giải quyết của Văn phòng UBND tỉnh "
                   "trình UBND tỉnh, Chủ tịch UBND tỉnh đúng hạn, đảm bảo chất lượng; không để xảy ra "
                   "tình trạng chậm việc, quên việc");
  g_assert_cmpfloat (indicator->target, ==, 100.0);
  indicator = g_ptr_array_index (plan->indicators, 2);
  g_assert_cmpstr (indicator->title, ==,
                   "100% cán bộ, công chức, viên chức chấp hành nghiêm kỷ luật, kỷ cương hành chính");
  g_assert_cmpfloat (indicator->target, ==, 100.0);

  assert_tasks (plan, seed_tasks, G_N_ELEMENTS (seed_tasks));
}

static void
test_importer_seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *path = dd_test_seed_path ();

  plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpstr (plan->source_name, ==, "ke-hoach-662-KH-VPUB.txt");
  assert_seed_plan (plan);
}

/* The same document with CRLF line ends, a BOM, and parsed as TEXT on purpose. */
static void
test_importer_seed_crlf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *path = dd_test_seed_path ();
  g_autofree char *contents = NULL;
  g_autofree char *crlf = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  joined = g_strjoinv ("\r\n", lines);
  crlf = g_strconcat ("\xEF\xBB\xBF", joined, NULL);

  plan = dd_importer_parse_data (crlf, strlen (crlf), DD_IMPORT_FORMAT_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_null (plan->source_name);
  assert_seed_plan (plan);
}

/* CSV */

static const ExpectedTask csv_tasks[] = {
  { 6, "1.", "Xây dựng kế hoạch triển khai tại cơ quan",
    "Phòng Hành chính - Quản trị", "Các phòng, ban, đơn vị liên quan",
    "Trước 30/4/2026", DD_DEADLINE_DATE, "2026-04-30", 0,
    "Kế hoạch được ban hành", "Thủ trưởng cơ quan" },
  { 7, "2.", "Tham mưu trình phê duyệt Quy trình nội bộ, quy trình điện tử",
    "Trung tâm Phục vụ Hành chính công", "Phòng Tổng hợp | Phòng Kinh tế",
    "Thường xuyên", DD_DEADLINE_ONGOING, NULL, 0,
    "Các Quyết định \"được phê duyệt\"", "Thủ trưởng cơ quan" },
  { 9, "3.", "Số hoá hồ sơ",
    "Phòng Hành chính - Quản trị", "Phòng Tổng hợp | Phòng Kinh tế | Trung tâm Công báo - Tin học",
    "Quý II/2026", DD_DEADLINE_DATE, "2026-06-30", 0,
    "Kết quả số hoá", "Phó Chánh Văn phòng" },
  { 13, "4.", "Thẩm tra hồ sơ TTHC",
    "Các phòng chuyên môn liên quan", "",
    "Theo quy định của Pháp luật", DD_DEADLINE_STATUTORY, NULL, 0,
    NULL, NULL },
  { 14, "5.", "Báo cáo định kỳ",
    "Phòng Hành chính - Quản trị", "Các phòng, ban, đơn vị liên quan",
    "Trước ngày 15/12 hằng năm", DD_DEADLINE_PERIODIC, NULL, DD_PERIOD_YEARLY,
    "Báo cáo", "Thủ trưởng cơ quan" },
};

static void
test_importer_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *path = fixture_path ("plan-662.csv");
  g_autofree char *issued = NULL;
  DdImportedTask *task;

  plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);

  issued = dd_date_to_iso (&plan->issued_on);
  g_assert_cmpstr (plan->number, ==, "662/KH-VPUB");
  g_assert_cmpstr (issued, ==, "2026-04-28");
  g_assert_cmpstr (plan->title, ==, "Triển khai thực hiện Chỉ thị số 15-CT/TU, nâng cao hiệu quả CCHC");
  g_assert_null (plan->issuer);
  g_assert_null (plan->basis);
  g_assert_cmpstr (plan->source_name, ==, "plan-662.csv");
  g_assert_cmpuint (plan->indicators->len, ==, 0);
  assert_tasks (plan, csv_tasks, G_N_ELEMENTS (csv_tasks));

  task = g_ptr_array_index (plan->tasks, 4);
  g_assert_cmpuint (task->deadline.annual_month, ==, 12);
  g_assert_cmpuint (task->deadline.annual_day, ==, 15);
}

static const ExpectedTask semicolon_tasks[] = {
  { 2, "1.", "Rà soát quy chế làm việc",
    "Phòng Tổng hợp", "Phòng Hành chính - Quản trị",
    "Tháng 6/2026", DD_DEADLINE_DATE, "2026-06-30", 0,
    "Quy chế", "Chánh Văn phòng" },
  { 3, "2.", "Kiểm tra công vụ; đột xuất",
    "Phòng Hành chính - Quản trị", "",
    "Hằng tháng", DD_DEADLINE_PERIODIC, NULL, DD_PERIOD_MONTHLY,
    NULL, NULL },
};

/* ";" as delimiter, English headers in another order, no TT column, and the
 * plan named after the file. */
static void
test_importer_csv_semicolon (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *path = fixture_path ("plan-semicolon.csv");

  plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpstr (plan->number, ==, "plan-semicolon");
  g_assert_cmpstr (plan->title, ==, "plan-semicolon");
  g_assert_false (g_date_valid (&plan->issued_on));
  assert_tasks (plan, semicolon_tasks, G_N_ELEMENTS (semicolon_tasks));
}

static const ExpectedTask two_line_tasks[] = {
  { 3, "1.", "Xây dựng kế hoạch triển khai tại cơ quan",
    "Phòng Hành chính - Quản trị", "Các phòng, ban, đơn vị liên quan",
    "Trước 30/4/2026", DD_DEADLINE_DATE, "2026-04-30", 0,
    "Kế hoạch được ban hành", "Thủ trưởng cơ quan" },
  { 7, "6.", "Thẩm tra trình UBND tỉnh, Chủ tịch UBND tỉnh",
    "Các phòng chuyên môn liên quan", "",
    "Theo quy định của Pháp luật", DD_DEADLINE_STATUTORY, NULL, 0,
    "Kết quả giải quyết TTHC", "Thủ trưởng cơ quan" },
};

/* The appendix's two-line header ("Cơ quan" over "Chủ trì" and "Phối hợp"),
 * repeated as at a page break, saved as CSV. */
static void
test_importer_csv_two_line_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *path = fixture_path ("plan-two-line-header.csv");

  plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  assert_tasks (plan, two_line_tasks, G_N_ELEMENTS (two_line_tasks));
}

/* CSV given as data with no name: detected from its header alone. */
static void
test_importer_csv_data (void)
{
  static const char csv[] =
    "Số TT;Nhiệm vụ;Chủ trì;Thời gian hoàn thành\r\n"
    "1.;Việc một;Phòng A;30/4/2026";
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  DdImportedTask *task;

  plan = dd_importer_parse_data (csv, strlen (csv), DD_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_nonnull (plan->number);
  g_assert_nonnull (plan->title);
  g_assert_cmpuint (plan->tasks->len, ==, 1);
  task = g_ptr_array_index (plan->tasks, 0);
  g_assert_cmpstr (task->title, ==, "Việc một");
  g_assert_cmpstr (task->lead, ==, "Phòng A");
  g_assert_cmpuint (task->coordinators->len, ==, 0);
  g_assert_cmpint (task->deadline.kind, ==, DD_DEADLINE_DATE);
}

/* A five-digit year is refused with its line and column. */
static void
test_importer_long_year (void)
{
  static const char csv[] =
    "Số TT;Nhiệm vụ;Chủ trì;Thời gian hoàn thành\r\n"
    "1.;Việc một;Phòng A;30/4/2026\r\n"
    "2.;Việc hai;Phòng A;Trước 1/1/10000\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;

  plan = dd_importer_parse_data (csv, strlen (csv), DD_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, DD_IMPORT_ERROR, DD_IMPORT_ERROR_DATE);
  g_assert_nonnull (strstr (error->message, "Line 3, column “Thời gian hoàn thành”"));
  g_assert_nonnull (strstr (error->message, "1/1/10000"));
}

/* An ESC sequence and noncharacters are removed, counted, and the line
 * of the first given. */
static void
test_importer_forbidden (void)
{
  static const char csv[] =
    "Số TT;Nhiệm vụ;Chủ trì;Thời gian hoàn thành\r\n"
    "1.;Việc một;Phòng A;30/4/2026\r\n"
    "2.;Việc \x1b[2Jhai\xef\xbf\xbf;Phòng\xc2\x9b A;30/4/2026\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  DdImportedTask *task;

  plan = dd_importer_parse_data (csv, strlen (csv), DD_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->n_removed_chars, ==, 3);
  g_assert_cmpuint (plan->removed_line, ==, 3);
  task = g_ptr_array_index (plan->tasks, 1);
  g_assert_cmpstr (task->title, ==, "Việc [2Jhai");
  g_assert_cmpstr (task->lead, ==, "Phòng A");
}

/* Excel's "sep=;" line names the delimiter and counts as a line. */
static void
test_importer_csv_sep_hint (void)
{
  static const char csv[] =
    "sep=;\n"
    "Nhiệm vụ;Chủ trì\n"
    "Việc một, việc hai;Phòng A\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  DdImportedTask *task;

  plan = dd_importer_parse_data (csv, strlen (csv), DD_IMPORT_FORMAT_AUTO, "ke-hoach.txt", &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpstr (plan->number, ==, "ke-hoach");
  g_assert_cmpuint (plan->tasks->len, ==, 1);
  task = g_ptr_array_index (plan->tasks, 0);
  g_assert_cmpuint (task->line, ==, 3);
  g_assert_cmpstr (task->number, ==, "1.");
  g_assert_cmpstr (task->title, ==, "Việc một, việc hai");
  g_assert_cmpstr (task->lead, ==, "Phòng A");
}

/* A plan in the official layout: "Số:" and the date above the heading,
 * "Căn cứ" paragraphs, an indicator that is not 100%, a roman TT. */
static void
test_importer_official_layout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *path = fixture_path ("plan-official.txt");
  g_autofree char *issued = NULL;
  DdImportedIndicator *indicator;
  DdImportedTask *task;

  plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);

  issued = dd_date_to_iso (&plan->issued_on);
  g_assert_cmpstr (plan->number, ==, "12/KH-VPUB");
  g_assert_cmpstr (issued, ==, "2026-01-05");
  g_assert_cmpstr (plan->title, ==, "Công tác văn thư năm 2026");
  g_assert_null (plan->issuer);
  g_assert_cmpstr (plan->basis, ==,
                   "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020\n"
                   "Quyết định số 1234/QĐ-UBND\n"
                   "Công văn số 56/VPUB-HCQT");

  g_assert_cmpuint (plan->indicators->len, ==, 2);
  indicator = g_ptr_array_index (plan->indicators, 0);
  g_assert_cmpstr (indicator->title, ==, "95,5% văn bản đi được ký số");
  g_assert_cmpfloat_with_epsilon (indicator->target, 95.5, 1e-9);
  indicator = g_ptr_array_index (plan->indicators, 1);
  g_assert_cmpstr (indicator->title, ==, "Không để chậm việc");
  g_assert_cmpfloat (indicator->target, ==, 100.0);

  g_assert_cmpuint (plan->tasks->len, ==, 2);
  task = g_ptr_array_index (plan->tasks, 0);
  g_assert_cmpuint (task->line, ==, 19);
  g_assert_cmpstr (task->number, ==, "I.");
  g_assert_cmpuint (task->coordinators->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (task->coordinators, 0), ==, "Phòng Tổng hợp");
  g_assert_cmpstr (g_ptr_array_index (task->coordinators, 1), ==, "Phòng Kinh tế");
  g_assert_cmpstr (task->directing, ==, "Chánh Văn phòng");
  task = g_ptr_array_index (plan->tasks, 1);
  g_assert_cmpstr (task->number, ==, "1");
  g_assert_null (task->product);
  g_assert_null (task->directing);
  g_assert_cmpuint (task->coordinators->len, ==, 0);
}

/* Text the parser does not know is kept as written and flagged. */
static void
test_importer_unknown_deadline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdImportedPlan) plan = NULL;
  g_autofree char *path = fixture_path ("unknown-deadline.csv");
  DdImportedTask *task;

  plan = dd_importer_parse_file (path, DD_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->tasks->len, ==, 1);
  task = g_ptr_array_index (plan->tasks, 0);
  g_assert_cmpstr (task->number, ==, "1");
  g_assert_cmpstr (task->title, ==, "Tổng kết công tác");
  g_assert_cmpstr (task->lead, ==, "Phòng Tổng hợp");
  g_assert_cmpstr (task->deadline_text, ==, "Khi có yêu cầu của lãnh đạo");
  g_assert_cmpint (task->deadline.kind, ==, DD_DEADLINE_NONE);
  g_assert_false (task->deadline.understood);
  g_assert_false (g_date_valid (&task->deadline.due));
}

/* Bad inputs: the right error, and the message names the line. */

typedef struct
{
  const char *file;
  DdImportFormat format;
  int code;
  const char *needle1;
  const char *needle2;
} BadCase;

static const BadCase bad_cases[] = {
  { "bad-not-utf8.csv", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_ENCODING, "Line 3:", "UTF-8" },
  { "bad-columns.txt", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_COLUMNS, "Line 11:", "5 columns instead of 7" },
  { "bad-date.csv", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_DATE, "Line 5, column “Thời gian”", "31/02/2026" },
  { "bad-date.txt", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_DATE, "Line 11, column “Thời gian”", "Quý V/2026" },
  { "bad-no-title.csv", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_VALUE, "Line 3, column “Nhiệm vụ”", "title" },
  { "bad-no-number.txt", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_VALUE, "Line 11, column “TT”", "number" },
  { "bad-quote.csv", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_FORMAT, "Line 3:", "quoted" },
  { "bad-header.csv", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_COLUMNS, "Line 3:", "Nhiệm vụ" },
  { "bad-fields.csv", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_COLUMNS, "Line 4:", "4 fields" },
  { "bad-no-table.txt", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_FORMAT, "Phụ lục", "not a plan table" },
  { "bad-no-table.txt", DD_IMPORT_FORMAT_TEXT, DD_IMPORT_ERROR_FORMAT, "Phụ lục", "No" },
  { "empty.csv", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_EMPTY, "empty", NULL },
  { "header-only.csv", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_EMPTY, "no task", NULL },
  { "no-task.txt", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_EMPTY, "no task", NULL },
  { "does-not-exist.csv", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_IO, "does-not-exist.csv", NULL },
};

static void
test_importer_bad_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(DdImportedPlan) plan = NULL;
      g_autofree char *path = fixture_path (c->file);

      g_test_message ("%s", c->file);
      plan = dd_importer_parse_file (path, c->format, &error);
      g_assert_null (plan);
      g_assert_error (error, DD_IMPORT_ERROR, c->code);
      g_test_message ("→ %s", error->message);
      g_assert_nonnull (strstr (error->message, c->needle1));
      if (c->needle2 != NULL)
        g_assert_nonnull (strstr (error->message, c->needle2));
    }
}

/* Bad data given directly, with the line of the record where it starts. */
static void
test_importer_bad_data (void)
{
  static const struct
  {
    const char *data;
    DdImportFormat format;
    int code;
    const char *needle;
  } cases[] = {
    /* A multi-line record: the line where it starts. */
    { "TT,Nhiệm vụ,Thời gian\n1.,\"Một\nhai\nba\",Thường xuyên\n2.,Hai,Tháng 13/2026\n",
      DD_IMPORT_FORMAT_CSV, DD_IMPORT_ERROR_DATE, "Line 5," },
    { "TT,Nhiệm vụ\n1.,Một\n2.,\"Hai\n", DD_IMPORT_FORMAT_CSV, DD_IMPORT_ERROR_FORMAT, "Line 3:" },
    { "TT,Nhiệm vụ\n1.,Một\n2.\n", DD_IMPORT_FORMAT_CSV, DD_IMPORT_ERROR_COLUMNS, "Line 3:" },
    { "\xEF\xBB\xBF\n\n\xC3\x28", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_ENCODING, "Line 3:" },
    { "Nội dung\n", DD_IMPORT_FORMAT_CSV, DD_IMPORT_ERROR_EMPTY, "no task" },
    { "Phụ lục\nTT\tNhiệm vụ\n1.\tMột\t\t\t\t\t\n2.\t\tA\tB\tC\tD\tE\n",
      DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_VALUE, "Line 4, column “Nhiệm vụ”" },
    { "  \n\t\n", DD_IMPORT_FORMAT_AUTO, DD_IMPORT_ERROR_EMPTY, "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdImportedPlan) plan = NULL;

      g_test_message ("case %u", i);
      plan = dd_importer_parse_data (cases[i].data, strlen (cases[i].data), cases[i].format,
                                     "x.csv", &error);
      g_assert_null (plan);
      g_assert_error (error, DD_IMPORT_ERROR, cases[i].code);
      g_test_message ("→ %s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Messages are checked in English, the msgids. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/importer/seed", test_importer_seed);
  g_test_add_func ("/core/importer/seed-crlf", test_importer_seed_crlf);
  g_test_add_func ("/core/importer/csv", test_importer_csv);
  g_test_add_func ("/core/importer/csv-semicolon", test_importer_csv_semicolon);
  g_test_add_func ("/core/importer/csv-two-line-header", test_importer_csv_two_line_header);
  g_test_add_func ("/core/importer/csv-data", test_importer_csv_data);
  g_test_add_func ("/core/importer/csv-sep-hint", test_importer_csv_sep_hint);
  g_test_add_func ("/core/importer/official-layout", test_importer_official_layout);
  g_test_add_func ("/core/importer/unknown-deadline", test_importer_unknown_deadline);
  g_test_add_func ("/core/importer/bad-files", test_importer_bad_files);
  g_test_add_func ("/core/importer/bad-data", test_importer_bad_data);
  g_test_add_func ("/core/importer/long-year", test_importer_long_year);
  g_test_add_func ("/core/importer/forbidden", test_importer_forbidden);

  return g_test_run ();
}
