#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Plays a unit with its progress form, with openpyxl (python3-openpyxl).

    fill-form.py describe FORM.xlsx
        prints the form as the unit sees it, as JSON: its sheets, which
        columns are hidden, whether the tasks sheet is protected, its data
        validations, each task row (its cells) and whether the cells to
        fill are unlocked.
    fill-form.py fill FORM.xlsx OUT.xlsx '{"I7": 60, "J9": "date:2026-12-01"}'
        writes the cells given (a "date:" value as a date) and saves OUT.
"""
import datetime
import json
import sys

import openpyxl


def describe(path):
    book = openpyxl.load_workbook(path)
    sheet = book["Tiến độ"]
    rows = []
    for row in sheet.iter_rows(min_row=7):
        cells = [c.value for c in row]
        if cells[0] is None:
            continue
        rows.append({
            "cells": [c if isinstance(c, (int, float, str)) or c is None else str(c) for c in cells],
            "fill_unlocked": all(not c.protection.locked for c in row[8:13]),
            "others_locked": all(c.protection.locked for c in row[0:8]),
        })
    out = {
        "sheets": book.sheetnames,
        "help": [c.value for c in book["Hướng dẫn"]["A"] if c.value],
        "hidden": [k for k, d in sheet.column_dimensions.items() if d.hidden],
        "protected": bool(sheet.protection.sheet),
        "validations": sorted("%s %s %s %s" % (v.type, v.operator, v.formula1, str(v.sqref))
                              for v in sheet.data_validations.dataValidation),
        "unit": sheet["D3"].value,
        "key": sheet["A3"].value,
        "rows": rows,
    }
    print(json.dumps(out, ensure_ascii=False))


def fill(path, out, cells):
    book = openpyxl.load_workbook(path)
    sheet = book["Tiến độ"]
    for ref, value in json.loads(cells).items():
        if isinstance(value, str) and value.startswith("date:"):
            value = datetime.datetime.strptime(value[5:], "%Y-%m-%d")
            sheet[ref].number_format = "dd/mm/yyyy"
        sheet[ref] = value
    book.save(out)


if __name__ == "__main__":
    if sys.argv[1] == "describe":
        describe(sys.argv[2])
    else:
        fill(sys.argv[2], sys.argv[3], sys.argv[4])
