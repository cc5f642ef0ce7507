#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The peers of bench-export: python3-xlsxwriter and python3-openpyxl write
the same task sheet (the appendix columns, status, dates as dates, wrapped
text, status cells coloured) from the same database, each in its fastest
streaming mode (xlsxwriter constant_memory, openpyxl write_only).

Usage: bench-export-peers.py xlsxwriter|openpyxl DB OUT.xlsx AS_OF
Prints "seconds peak_kib" on stdout.
"""

import datetime
import resource
import sqlite3
import sys
import time

HEAD = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Phối hợp", "Thời gian", "Sản phẩm", "Trách nhiệm chỉ đạo",
        "Tình trạng", "Hạn", "Ngày hoàn thành", "Kết quả / sản phẩm thực tế", "Ghi chú"]
LABELS = ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện", "Sắp đến hạn", "Quá hạn",
          "Chưa có thời hạn", "Quên việc"]
COLORS = ["00573F", "0072B2", "56B4E9", "F0E442", "D55E00", "C8C8C8", "3D1E33"]

SQL = """
SELECT t.number, t.title, lu.name,
  (SELECT group_concat (name, '; ') FROM (SELECT u.name AS name FROM task_coordinators c
     JOIN units u ON u.id = c.unit_id WHERE c.task_id = t.id ORDER BY c.position)),
  t.deadline_text, t.product, t.directing, t.deadline_kind, t.due_on, t.completed_on, t.actual_product, t.note
FROM tasks t LEFT JOIN units lu ON lu.id = t.lead_unit_id ORDER BY t.plan_id, t.position, t.id
"""


def day(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d") if text else None


def status(kind, due, done, as_of, soon):
    if done is not None and done <= as_of:
        return 1 if due is not None and done > due else 0
    if due is None:
        return 5 if kind in (0, 5) else 2
    if due < as_of:
        return 4
    if due <= soon:
        return 3
    return 2


def rows(db, as_of):
    soon = as_of + datetime.timedelta(days=7)
    con = sqlite3.connect(db)
    for r in con.execute(SQL):
        due, done = day(r[8]), day(r[9])
        yield r[:7], status(r[7], due, done, as_of, soon), due, done, r[10], r[11]


def with_xlsxwriter(db, out, as_of):
    import xlsxwriter
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False,
                                   "strings_to_numbers": False, "strings_to_urls": False})
    ws = wb.add_worksheet("Nhiệm vụ")
    base = {"font_name": "Times New Roman", "font_size": 13, "border": 1, "text_wrap": True, "valign": "top"}
    text = wb.add_format(base)
    date = wb.add_format(dict(base, num_format="dd/mm/yyyy"))
    head = wb.add_format(dict(base, bold=True, bg_color="#E7E6E6"))
    st = [wb.add_format(dict(base, bg_color="#" + c)) for c in COLORS]
    for c, h in enumerate(HEAD):
        ws.write_string(1, c, h, head)
    r = 2
    for cells, s, due, done, actual, note in rows(db, as_of):
        for c, v in enumerate(cells):
            ws.write_string(r, c, v or "", text)
        ws.write_string(r, 7, LABELS[s], st[s])
        if due:
            ws.write_datetime(r, 8, due, date)
        if done:
            ws.write_datetime(r, 9, done, date)
        ws.write_string(r, 10, actual or "", text)
        ws.write_string(r, 11, note or "", text)
        r += 1
    ws.autofilter(1, 0, r - 1, 11)
    ws.freeze_panes(2, 0)
    wb.close()


def with_openpyxl(db, out, as_of):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Nhiệm vụ")
    font = Font(name="Times New Roman", size=13)
    side = Side(style="thin")
    border = Border(left=side, right=side, top=side, bottom=side)
    wrap = Alignment(wrap_text=True, vertical="top")
    fills = [PatternFill("solid", fgColor=c) for c in COLORS]

    def cell(value, fill=None, fmt=None):
        c = WriteOnlyCell(ws, value=value)
        c.font, c.border, c.alignment = font, border, wrap
        if fill is not None:
            c.fill = fill
        if fmt is not None:
            c.number_format = fmt
        return c

    ws.append([None])
    ws.append([cell(h) for h in HEAD])
    for cells, s, due, done, actual, note in rows(db, as_of):
        ws.append([cell(v or "") for v in cells] + [cell(LABELS[s], fills[s]), cell(due, fmt="dd/mm/yyyy"),
                                                    cell(done, fmt="dd/mm/yyyy"), cell(actual or ""),
                                                    cell(note or "")])
    wb.save(out)


def main():
    which, db, out, as_of = sys.argv[1:5]
    as_of = datetime.datetime.strptime(as_of, "%Y-%m-%d")
    start = time.monotonic()
    (with_xlsxwriter if which == "xlsxwriter" else with_openpyxl)(db, out, as_of)
    seconds = time.monotonic() - start
    print("%.3f %d" % (seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


if __name__ == "__main__":
    main()
