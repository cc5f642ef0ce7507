#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads an urging letter (.docx) as Word would: check-letter.py LETTER.docx
prints its paragraphs' text, one a line (tables' cells included), after
checking that every part is well-formed XML and that the ZIP's first
entry is [Content_Types].xml."""
import sys
import zipfile
import xml.dom.minidom

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

with zipfile.ZipFile(sys.argv[1]) as z:
    names = z.namelist()
    assert names[0] == "[Content_Types].xml", names
    for name in names:
        xml.dom.minidom.parseString(z.read(name))
    doc = xml.dom.minidom.parseString(z.read("word/document.xml"))
for p in doc.getElementsByTagNameNS(W, "p"):
    print("".join(t.firstChild.data if t.firstChild else "" for t in p.getElementsByTagNameNS(W, "t")))
