#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads a workbook of Đôn Đốc back as real clients do, and checks it.

Usage: check-xlsx.py WORKBOOK.xlsx EXPECT.json

EXPECT.json (written by tests/core/test-export.c):
  sheets        the sheet names, in order
  landscape     the names of the sheets printed in landscape
  repeat_rows   {sheet: "2:2"}: the rows repeated on every printed page
  font, size    the font of the cells
  header        {sheet: [texts of the header row (row 2)]}
  rows          {sheet: number of rows below the header}
  cells         [[sheet, "B3", value, kind]]: kind is "s" (text), "n"
                (number), "d" (date, value "YYYY-MM-DD"), "pct" (a number
                with a % format), "prefix" (text that starts with value),
                "truncated" (text of 32,767 characters ending with value),
                "xs" (a string of a streamed sheet as Excel reads it:
                the text in the file, inline or shared, its "_xHHHH_"
                escapes decoded once; openpyxl leaves an inline string's
                and decodes a shared string's)
  date_columns  {sheet: [column letters whose data cells are dates or empty]}
  charts        {sheet: [["doughnut"|"bar", n_series, "categories ref"]]}
  libreoffice   [texts the PDF that LibreOffice makes must contain]
  lo_pages_min  the least number of pages of that PDF
  properties    {"title": …, "subject": …}: the document's properties
  legible       {"min": pt, "phrases": [...], "whole_words": [...]}: every
                word of LibreOffice's PDF at min pt or more, each phrase
                whole on a line, each of whole_words printed whole and never
                broken over two lines (check-pdf-text.py)
  row_heights   {sheet: [[row, least height in points], …]}; every row from
                the header down must have a height of its own (printed rows
                are as high as they say, never as high as their text)
  merged        {sheet: ["A3:F3", …]}: ranges that must be merged
  row_breaks    {sheet: [row, …]}: its manual page breaks, as Excel reads
                them (<rowBreaks> with its counts; a break with id N starts
                a page at row N + 1), openpyxl's row_breaks the same
  lo_page_starts [[page, text]]: LibreOffice's PDF page (from 1) begins
                with text (its first line)
  strict_xml    true: every XML part parses with a strict parser and holds
                no character XML 1.0 forbids nor any noncharacter

Prints what it checked; exits 1 with the first difference. It must never
skip: a missing openpyxl or soffice is a failure (CI installs them).
"""

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import openpyxl
    import openpyxl.styles
    from openpyxl.utils import get_column_letter
except ImportError as e:  # a failure, not a skip
    print("FAIL: python3-openpyxl is missing: %s" % e)
    sys.exit(1)


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def chart_kind(chart):
    name = type(chart).__name__
    if name == "DoughnutChart":
        return "doughnut"
    if name == "BarChart":
        return "bar"
    return name


def check_print_setup(ws, expect):
    name = ws.title
    check(str(ws.page_setup.paperSize) == "9", "%s: paper is %r, not A4 (9)" % (name, ws.page_setup.paperSize))
    want = "landscape" if name in expect["landscape"] else "portrait"
    check(ws.page_setup.orientation == want,
          "%s: orientation %r, expected %s" % (name, ws.page_setup.orientation, want))
    check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage,
          "%s: not fitted to the page" % name)
    check(ws.page_setup.fitToWidth in (1, "1", None), "%s: fitToWidth %r" % (name, ws.page_setup.fitToWidth))
    # Fitted to the width only, every sheet: one page high would print the
    # summary under 10 pt.
    want_height = "0"
    check(("1" if ws.page_setup.fitToHeight is None else str(ws.page_setup.fitToHeight)) == want_height, "%s: fitToHeight %r, expected %s"
          % (name, ws.page_setup.fitToHeight, want_height))
    footer = ws.oddFooter.center.text or ""
    check("&P" in footer and "&N" in footer, "%s: footer %r has no page numbers" % (name, footer))
    repeat = expect.get("repeat_rows", {}).get(name)
    if repeat is not None:
        got = str(ws.print_title_rows or "")
        check(got.replace("$", "") == repeat, "%s: repeated rows %r, expected %r" % (name, got, repeat))


def stored_text(path, sheet, ref):
    """The text of cell @ref of @sheet as the file stores it: inline, or the
    shared string it refers to (escapes not decoded)."""
    import zipfile
    import xml.etree.ElementTree as ET
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    rel = "{%s}id" % ns["r"]
    with zipfile.ZipFile(path) as z:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        rid = next(s.get(rel) for s in book.iter("{%s}sheet" % ns["m"]) if s.get("name") == sheet)
        target = next(r.get("Target") for r in rels if r.get("Id") == rid)
        part = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "", 1)))
        cell = next(c for c in part.iter("{%s}c" % ns["m"]) if c.get("r") == ref)
        def text_of(node):
            return "".join(t.text or "" for t in node.iter("{%s}t" % ns["m"]))
        if cell.get("t") == "s":
            strings = ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)
            return text_of(strings[int(cell.find("m:v", ns).text)])
        return text_of(cell.find("m:is", ns))


def check_cell(wb, sheet, ref, value, kind, path=None):
    ws = wb[sheet]
    cell = ws[ref]
    where = "%s!%s" % (sheet, ref)
    if kind == "s":
        check(cell.data_type == "s", "%s: type %r, expected text" % (where, cell.data_type))
        check(cell.value == value, "%s: %r, expected %r" % (where, cell.value, value))
    elif kind == "xs":
        import re
        check(cell.data_type == "s", "%s: type %r, expected text" % (where, cell.data_type))
        stored = stored_text(path, sheet, ref)
        excel = re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), stored)
        check(excel == value, "%s: %r (as Excel reads %r), expected %r" % (where, excel, stored, value))
    elif kind == "prefix":
        check(cell.data_type == "s", "%s: type %r, expected text" % (where, cell.data_type))
        check(isinstance(cell.value, str) and cell.value.startswith(value),
              "%s: %r does not start with %r" % (where, cell.value, value))
    elif kind == "truncated":
        check(cell.data_type == "s", "%s: type %r, expected text" % (where, cell.data_type))
        text = cell.value or ""
        units = sum(2 if ord(c) > 0xFFFF else 1 for c in text)
        check(units == 32767, "%s: %d characters, expected 32767" % (where, units))
        check(text.endswith(value), "%s: does not end with the mark %r" % (where, value))
    elif kind == "n":
        check(cell.data_type == "n" and not isinstance(cell.value, datetime.datetime),
              "%s: type %r, expected a number" % (where, cell.data_type))
        check(abs(float(cell.value) - float(value)) < 1e-9, "%s: %r, expected %r" % (where, cell.value, value))
    elif kind == "tt":
        # A task's number as a number that prints as written ("1.").
        check(cell.data_type == "n" and not isinstance(cell.value, datetime.datetime),
              "%s: type %r, expected a number" % (where, cell.data_type))
        check(abs(float(cell.value) - float(value)) < 1e-9, "%s: %r, expected %r" % (where, cell.value, value))
        check(cell.number_format == '0"."', "%s: format %r, expected 0\".\"" % (where, cell.number_format))
    elif kind == "pct":
        check(cell.data_type == "n", "%s: type %r, expected a number" % (where, cell.data_type))
        check("%" in cell.number_format, "%s: format %r is not a percentage" % (where, cell.number_format))
        check(abs(float(cell.value) - float(value)) < 1e-6, "%s: %r, expected %r" % (where, cell.value, value))
    elif kind == "d":
        check(isinstance(cell.value, datetime.datetime), "%s: %r is not a date" % (where, cell.value))
        check(cell.value.date().isoformat() == value, "%s: %s, expected %s" % (where, cell.value.date(), value))
        check(cell.number_format == "dd/mm/yyyy", "%s: date format %r" % (where, cell.number_format))
    else:
        fail("unknown kind %r" % kind)


def check_row_breaks(path, wb, sheet, rows):
    """The manual page breaks of @sheet are @rows, as openpyxl and as the
    XML Excel reads."""
    import re
    import zipfile
    ws = wb[sheet]
    got = [(b.id, bool(b.man)) for b in ws.row_breaks.brk]
    check(got == [(r, True) for r in rows], "%s: page breaks %r, expected manual ones at %r" % (sheet, got, rows))
    part = "xl/worksheets/sheet%d.xml" % (wb.sheetnames.index(sheet) + 1)
    with zipfile.ZipFile(path) as z:
        xml = z.read(part).decode("utf-8")
    m = re.search(r'<rowBreaks count="(\d+)" manualBreakCount="(\d+)">(.*?)</rowBreaks>', xml)
    check(m is not None, "%s (%s): no <rowBreaks count=… manualBreakCount=…>" % (sheet, part))
    check(int(m.group(1)) == len(rows) and int(m.group(2)) == len(rows),
          "%s: rowBreaks count %s, manualBreakCount %s, expected %d" % (sheet, m.group(1), m.group(2), len(rows)))
    brks = re.findall(r'<brk id="(\d+)" max="16383" man="1"/>', m.group(3))
    check([int(b) for b in brks] == rows, "%s: <brk> %r, expected %r" % (sheet, m.group(3), rows))
    print("ok: %s breaks its pages before rows %s" % (sheet, ", ".join(str(r + 1) for r in rows)))


def is_bad_char(c):
    o = ord(c)
    if o < 0x20 and c not in "\t\n\r":
        return True
    return 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE


def check_strict_xml(path):
    import re
    import zipfile
    import xml.parsers.expat
    refs = re.compile(r"&#(x[0-9A-Fa-f]+|[0-9]+);")
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            text = z.read(name).decode("utf-8")
            bad = [c for c in text if is_bad_char(c)]
            check(not bad, "%s holds the character U+%04X" % (name, ord(bad[0])) if bad else "")
            for ref in refs.findall(text):
                code = int(ref[1:], 16) if ref.startswith("x") else int(ref)
                check(not is_bad_char(chr(code)), "%s refers to the character U+%04X" % (name, code))
            parser = xml.parsers.expat.ParserCreate()
            try:
                parser.Parse(text.encode("utf-8"), True)
            except xml.parsers.expat.ExpatError as e:
                fail("%s is not well-formed XML: %s" % (name, e))
    print("ok: every XML part is well-formed and clean")


def check_libreoffice(path, expect):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    check(soffice is not None, "soffice is missing (install libreoffice-calc-nogui)")
    check(shutil.which("pdftotext") is not None, "pdftotext is missing (install poppler-utils)")
    legible = expect.get("legible")
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        env = dict(os.environ, HOME=tmp)
        files = [path]
        if legible:
            files.append(calibration_workbook(tmp, expect["font"]))
        run = subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless", "--norestore",
                              "--convert-to", "pdf", "--outdir", tmp] + files,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, timeout=240)
        pdf = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".pdf")
        check(run.returncode == 0 and os.path.exists(pdf),
              "soffice --convert-to pdf failed (%d): %s" % (run.returncode, run.stdout.decode(errors="replace")))
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], stdout=subprocess.PIPE,
                              check=True).stdout.decode("utf-8")
        info = subprocess.run(["pdfinfo", pdf], stdout=subprocess.PIPE, check=True).stdout.decode()
        pages = int([l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")][0])
        check(pages >= expect.get("lo_pages_min", 1), "LibreOffice's PDF has %d pages" % pages)
        flat = " ".join(text.split())
        for want in expect["libreoffice"]:
            check(" ".join(want.split()) in flat, "LibreOffice's PDF lacks %r" % want)
        print("ok: LibreOffice made a PDF of %d pages with the expected text" % pages)
        for page, start in expect.get("lo_page_starts", []):
            first = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"], stdout=subprocess.PIPE,
                                   check=True).stdout.decode("utf-8").strip().splitlines()
            check(first and first[0].startswith(start),
                  "LibreOffice's page %d begins with %r, expected %r" % (page, first[0] if first else "", start))
            print("ok: LibreOffice's page %d begins with %r" % (page, start))
        if legible:
            check_legible(pdf, os.path.join(tmp, "calibration.pdf"), legible)


def calibration_workbook(tmp, font):
    """A workbook of one word in 20 pt, printed at 100 %: LibreOffice's box
    heights over the size (check-pdf-text.py)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Hiệu"
    ws["A1"].font = openpyxl.styles.Font(name=font, size=20)
    ws.page_setup.scale = 100
    path = os.path.join(tmp, "calibration.xlsx")
    wb.save(path)
    return path


def check_legible(pdf, calibration, legible):
    """Every word of LibreOffice's PDF at @legible["min"] pt or more, its
    phrases whole on a line."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "check_pdf_text", os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-pdf-text.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    check(os.path.exists(calibration), "LibreOffice made no calibration PDF")
    factor, error = module.calibrate(calibration, "Hiệu", 20)
    check(factor is not None, "calibration: %s" % error)
    failures = module.check(pdf, float(legible["min"]), factor, legible.get("phrases", []))
    if legible.get("whole_words"):
        failures += module.check_whole(pdf, legible["whole_words"])
    for f in failures:
        print("FAIL: LibreOffice's PDF: " + f)
    check(not failures, "LibreOffice's PDF is not legible")


def main():
    if len(sys.argv) != 3:
        fail("usage: check-xlsx.py WORKBOOK.xlsx EXPECT.json")
    path = sys.argv[1]
    with open(sys.argv[2], encoding="utf-8") as f:
        expect = json.load(f)

    if expect.get("strict_xml"):
        check_strict_xml(path)
    wb = openpyxl.load_workbook(path)
    for key, want in expect.get("properties", {}).items():
        got = getattr(wb.properties, key)
        check(got == want, "property %s: %r, expected %r" % (key, got, want))
    check(wb.sheetnames == expect["sheets"], "sheets %r, expected %r" % (wb.sheetnames, expect["sheets"]))
    print("ok: sheets %s" % ", ".join(wb.sheetnames))

    for ws in wb.worksheets:
        check_print_setup(ws, expect)
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or cell.data_type != "s":
                    continue
                check(cell.font.name == expect["font"], "%s!%s: font %r" % (ws.title, cell.coordinate,
                                                                             cell.font.name))
                check(cell.font.sz is not None and float(cell.font.sz) >= expect["size"] - 2,
                      "%s!%s: size %r" % (ws.title, cell.coordinate, cell.font.sz))
    print("ok: A4, orientation, fit to width, footer, repeated rows, font %s" % expect["font"])

    for sheet, texts in expect.get("header", {}).items():
        ws = wb[sheet]
        got = [ws.cell(row=2, column=i + 1).value for i in range(len(texts))]
        check(got == texts, "%s: header %r, expected %r" % (sheet, got, texts))
        check(ws.freeze_panes == "A3", "%s: frozen at %r, expected A3" % (sheet, ws.freeze_panes))
    for sheet, rows in expect.get("row_heights", {}).items():
        ws = wb[sheet]
        for r in range(2, ws.max_row + 1):
            h = ws.row_dimensions[r].height
            check(h is not None and h >= 17, "%s: row %d has no height of its own (%r)" % (sheet, r, h))
        for r, least in rows:
            h = ws.row_dimensions[r].height
            check(h is not None and h >= least, "%s: row %d is %r pt high, expected %r or more" % (sheet, r, h, least))
    for sheet, n in expect.get("rows", {}).items():
        ws = wb[sheet]
        check(ws.max_row - 2 == n, "%s: %d rows under the header, expected %d" % (sheet, ws.max_row - 2, n))
        if ws.auto_filter.ref:
            check(ws.auto_filter.ref.startswith("A2:"), "%s: autofilter %r" % (sheet, ws.auto_filter.ref))
    if expect.get("autofilter"):
        ws = wb[expect["autofilter"]]
        check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A2:"),
              "%s: no autofilter on the header" % ws.title)

    for sheet, cols in expect.get("date_columns", {}).items():
        ws = wb[sheet]
        for col in cols:
            for r in range(3, ws.max_row + 1):
                cell = ws["%s%d" % (col, r)]
                if cell.value is None:
                    continue
                check(isinstance(cell.value, datetime.datetime), "%s!%s: %r is not a date"
                      % (sheet, cell.coordinate, cell.value))
                check(cell.number_format == "dd/mm/yyyy", "%s!%s: format %r" % (sheet, cell.coordinate,
                                                                                 cell.number_format))

    for sheet, ranges in expect.get("merged", {}).items():
        got = set(str(r) for r in wb[sheet].merged_cells.ranges)
        for want in ranges:
            check(want in got, "%s: %s is not merged (merged: %s)" % (sheet, want, sorted(got)[:10]))

    for sheet, rows in expect.get("row_breaks", {}).items():
        check_row_breaks(path, wb, sheet, rows)

    for sheet, ref, value, kind in expect.get("cells", []):
        check_cell(wb, sheet, ref, value, kind, path)
    print("ok: %d cells, dates and percentages" % len(expect.get("cells", [])))

    for sheet, charts in expect.get("charts", {}).items():
        ws = wb[sheet]
        got = ws._charts
        check(len(got) == len(charts), "%s: %d charts, expected %d" % (sheet, len(got), len(charts)))
        for chart, (kind, n_series, categories) in zip(got, charts):
            check(chart_kind(chart) == kind, "%s: a %s chart, expected %s" % (sheet, chart_kind(chart), kind))
            check(len(chart.series) == n_series, "%s: %s chart with %d series, expected %d"
                  % (sheet, kind, len(chart.series), n_series))
            for s in chart.series:
                cat = s.cat.strRef.f if s.cat is not None and s.cat.strRef is not None else None
                if cat is None and s.cat is not None and s.cat.numRef is not None:
                    cat = s.cat.numRef.f
                check(cat == categories, "%s: %s chart categories %r, expected %r" % (sheet, kind, cat, categories))
                check(s.val is not None and s.val.numRef is not None and s.val.numRef.f.startswith(
                    categories.split("!")[0] + "!"), "%s: %s chart values %r" % (sheet, kind, s.val))
            if kind == "bar":
                check(chart.grouping == "stacked", "%s: bars are %r, not stacked" % (sheet, chart.grouping))
    print("ok: charts")

    if expect.get("libreoffice"):
        check_libreoffice(path, expect)
    print("PASS")


if __name__ == "__main__":
    main()
