#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Makes the office fixtures of the importer's tests from the seed plan.

    /usr/bin/python3 tests/data/office/make-fixtures.py [SEED.txt]

plan-662.docx and plan-662.xlsx are written by LibreOffice (soffice
--headless) from an HTML rendering of the plan (Writer) and a flat ODF
spreadsheet (Calc): the appendix table with merged cells (a lead unit and
the directing person written once for several rows), a line break inside a
cell, section rows ("I. NHIỆM VỤ CHUNG") and the table split across two
pages with its header row repeated. The hostile inputs (hostile-*) are
written here with zipfile: what no office suite would make.
"""
import html
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def read_seed(path):
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\r\n") for l in f]
    appendix = next(i for i, l in enumerate(lines) if l.strip() == "Phụ lục")
    body = [l for l in lines[:appendix] if l.strip()]
    intro = []
    tasks = []
    for l in lines[appendix:]:
        if "\t" in l:
            cells = l.split("\t")
            if cells[0].strip() and cells[0].strip()[0].isdigit():
                tasks.append(cells[:7])
        elif l.strip():
            intro.append(l.strip())
    return body, intro, tasks


# Rows where a cell is written once for several rows: (column, first task
# index, number of rows). The values are equal in the seed's rows.
MERGES = [(2, 2, 3), (3, 2, 2), (6, 0, 5), (6, 5, 3)]
SECTIONS = {0: ("I.", "NHIỆM VỤ CHUNG"), 5: ("II.", "NHIỆM VỤ CỤ THỂ")}
SPLIT = 5   # the second page's table starts with this task


def spans(tasks):
    """(row, col) -> rowspan for the first cell; covered cells -> 0."""
    out = {}
    for col, first, n in MERGES:
        assert len({tasks[first + k][col] for k in range(n)}) == 1, (col, first)
        out[(first, col)] = n
        for k in range(1, n):
            out[(first + k, col)] = 0
    return out


def html_cell(text, rowspan=1, tag="td", extra=""):
    text = html.escape(text)
    # A line break inside a cell: "…UBND tỉnh,<br>Chủ tịch…".
    text = text.replace("UBND tỉnh, Chủ tịch", "UBND tỉnh,<br>Chủ tịch")
    rs = f' rowspan="{rowspan}"' if rowspan > 1 else ""
    return f"<{tag}{rs}{extra}>{text}</{tag}>"


HEADER = ("<thead><tr><th rowspan=\"2\">TT</th><th rowspan=\"2\">Nhiệm vụ</th>"
          "<th colspan=\"2\">Cơ quan</th><th rowspan=\"2\">Thời gian</th>"
          "<th rowspan=\"2\">Sản phẩm</th><th rowspan=\"2\">Trách nhiệm chỉ đạo</th></tr>"
          "<tr><th>Chủ trì</th><th>Phối hợp</th></tr></thead>")


def write_html(path, body, intro, tasks):
    sp = spans(tasks)
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>Kế hoạch 662</title></head><body>',
           "<p>VĂN PHÒNG UBND TỈNH NGHỆ AN</p>", "<p>Số: 662/KH-VPUB</p>",
           "<p>Nghệ An, ngày 28 tháng 4 năm 2026</p>"]
    out += [f"<p>{html.escape(l)}</p>" for l in body]
    out.append('<p style="page-break-before: always">Phụ lục</p>')
    out += [f"<p>{html.escape(l)}</p>" for l in intro[1:]]
    for part, (start, stop) in enumerate(((0, SPLIT), (SPLIT, len(tasks)))):
        if part > 0:
            out.append('<p style="page-break-before: always"></p>')
        out.append('<table border="1" cellspacing="0" cellpadding="3" width="100%">' + HEADER + "<tbody>")
        for i in range(start, stop):
            if i in SECTIONS:
                num, title = SECTIONS[i]
                out.append(f"<tr><td><b>{num}</b></td><td colspan=\"6\"><b>{title}</b></td></tr>")
            row = []
            for col, text in enumerate(tasks[i]):
                n = sp.get((i, col), 1)
                if n == 0:
                    continue
                row.append(html_cell(text, n))
            out.append("<tr>" + "".join(row) + "</tr>")
        out.append("</tbody></table>")
    out.append("</body></html>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="Phân công">
"""


def fods_cell(text, rowspan=1, colspan=1):
    if text is None:
        return "<table:covered-table-cell/>"
    attrs = ""
    if rowspan > 1:
        attrs += f' table:number-rows-spanned="{rowspan}"'
    if colspan > 1:
        attrs += f' table:number-columns-spanned="{colspan}"'
    paras = "".join(f"<text:p>{html.escape(p)}</text:p>" for p in text.split("\n"))
    return f'<table:table-cell office:value-type="string"{attrs}>{paras}</table:table-cell>'


def write_fods(path, tasks):
    sp = spans(tasks)
    rows = [[fods_cell("PHÂN CÔNG NHIỆM VỤ CỤ THỂ")],
            [fods_cell("(Kèm theo Kế hoạch số 662/KH-VPUB ngày 28/4/2026)")],
            [fods_cell("TT", 2), fods_cell("Nhiệm vụ", 2), fods_cell("Cơ quan", 1, 2), None,
             fods_cell("Thời gian", 2), fods_cell("Sản phẩm", 2), fods_cell("Trách nhiệm chỉ đạo", 2)],
            [None, None, fods_cell("Chủ trì"), fods_cell("Phối hợp"), None, None, None]]
    for i, task in enumerate(tasks):
        if i in SECTIONS:
            num, title = SECTIONS[i]
            rows.append([fods_cell(num), fods_cell(title, 1, 6), None, None, None, None, None])
        row = []
        for col, text in enumerate(task):
            n = sp.get((i, col), 1)
            text = text.replace("UBND tỉnh, Chủ tịch", "UBND tỉnh,\nChủ tịch")
            row.append(None if n == 0 else fods_cell(text, n))
        rows.append(row)
    with open(path, "w", encoding="utf-8") as f:
        f.write(FODS_HEAD)
        f.write('<table:table-column table:number-columns-repeated="7"/>\n')
        for row in rows:
            f.write("<table:table-row>" + "".join(c if c is not None else "<table:covered-table-cell/>"
                                                  for c in row) + "</table:table-row>\n")
        f.write("</table:table></office:spreadsheet></office:body></office:document>\n")


def convert(src, fmt, outdir):
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", outdir, src],
                   check=True, stdout=subprocess.DEVNULL)


DOCX_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(path, document, extra=()):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", DOCX_TYPES)
        z.writestr("word/document.xml", document)
        for name, data in extra:
            z.writestr(name, data)


def para(text):
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{html.escape(text)}</w:t></w:r></w:p>"


def row(cells):
    return "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in cells) + "</w:tr>"


def body(inner):
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document {W}><w:body>{inner}</w:body></w:document>'


HEAD_ROW = ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm", "Trách nhiệm chỉ đạo"]


def write_hostile(outdir):
    with open(os.path.join(outdir, "hostile-not-zip.docx"), "wb") as f:
        f.write(b"PK\x03\x04 this is not a ZIP archive, only its first four bytes.\n")
    # A bomb: 64 MiB of zeros, a few dozen KiB compressed.
    with zipfile.ZipFile(os.path.join(outdir, "hostile-bomb.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", DOCX_TYPES)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            block = b" " * (1 << 20)
            f.write(b'<?xml version="1.0"?><w:document ' + W.encode() + b"><w:body>")
            for _ in range(64):
                f.write(block)
            f.write(b"</w:body></w:document>")
    # Too many entries.
    with zipfile.ZipFile(os.path.join(outdir, "hostile-entries.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(2100):
            z.writestr(f"xl/junk/{i}.xml", "")
    docx(os.path.join(outdir, "hostile-no-table.docx"),
         body(para("KẾ HOẠCH") + para("Một kế hoạch không có bảng phân công.") + para("Phụ lục")))
    # An external entity and a DTD: never resolved, refused.
    xxe = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [\n'
           '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n<!ENTITY net SYSTEM "http://127.0.0.1:9/x">\n]>\n'
           f'<w:document {W}><w:body>{para("Phụ lục")}<w:tbl>{row(HEAD_ROW)}'
           '<w:tr><w:tc><w:p><w:r><w:t>1.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>&xxe;&net;</w:t></w:r></w:p></w:tc>'
           + "".join("<w:tc><w:p/></w:tc>" for _ in range(5)) + "</w:tr></w:tbl></w:body></w:document>")
    docx(os.path.join(outdir, "hostile-xxe.docx"), xxe)
    # A 10 MiB cell.
    run = "Nhiệm vụ rất dài " * (1024 * 1024 // 20)
    big = "<w:p>" + "".join(f"<w:r><w:t xml:space=\"preserve\">{run}</w:t></w:r>" for _ in range(11)) + "</w:p>"
    cells = "".join(f"<w:tc>{para(t)}</w:tc>" for t in ["Phòng A", "", "Thường xuyên", "", ""])
    docx(os.path.join(outdir, "hostile-big-cell.docx"),
         body(para("Phụ lục") + "<w:tbl>" + row(HEAD_ROW) +
              f"<w:tr><w:tc>{para('1.')}</w:tc><w:tc>{big}</w:tc>{cells}</w:tr></w:tbl>"))
    # 10,000 rows and the header: more than the 10,000 a table may have.
    rows = "".join(row([f"{i}.", f"Nhiệm vụ {i}", "Phòng A", "", "Thường xuyên", "", ""])
                   for i in range(1, 10001))
    docx(os.path.join(outdir, "hostile-rows.docx"),
         body(para("Phụ lục") + "<w:tbl>" + row(HEAD_ROW) + rows + "</w:tbl>"))


def write_features(outdir):
    """Tracked changes, a numbered list and vertical merges, as Word writes them."""
    def tc(inner, merge=None):
        pr = ""
        if merge == "restart":
            pr = '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
        elif merge == "continue":
            pr = "<w:tcPr><w:vMerge/></w:tcPr>"
        return f"<w:tc>{pr}{inner}</w:tc>"

    def numbered(text, num="1"):
        return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
                f"<w:r><w:t>{html.escape(text)}</w:t></w:r></w:p>")

    header = ('<w:tr><w:trPr><w:tblHeader/></w:trPr>' +
              "".join(f"<w:tc>{para(c)}</w:tc>" for c in
                      ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành",
                       "Sản phẩm", "Lãnh đạo chỉ đạo"]) + "</w:tr>")
    section = ('<w:tr><w:tc>' + para("I.") + '</w:tc><w:tc><w:tcPr><w:gridSpan w:val="6"/></w:tcPr>'
               + para("NHIỆM VỤ CHUNG") + "</w:tc></w:tr>")
    tracked = ('<w:p><w:r><w:t xml:space="preserve">Rà soát </w:t></w:r>'
               '<w:del w:id="1" w:author="A"><w:r><w:delText>toàn bộ </w:delText></w:r></w:del>'
               '<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">các </w:t></w:r></w:ins>'
               '<w:r><w:t>thủ tục hành chính</w:t></w:r></w:p>')
    row1 = ("<w:tr>" + tc(numbered("", "2")) + tc(tracked) + tc(para("Sở Tư pháp"), "restart")
            + tc(numbered("Sở Nội vụ") + numbered("Sở Tài chính")) + tc(para("Trước 30/6/2026"))
            + tc(para("Báo cáo")) + tc(para("Chủ tịch UBND tỉnh"), "restart") + "</w:tr>")
    row2 = ("<w:tr>" + tc(numbered("", "2")) + tc(para("Công bố thủ tục") + '<w:p><w:r><w:t>mới</w:t><w:br/>'
            '<w:t>(quý III)</w:t></w:r></w:p>') + tc("<w:p/>", "continue")
            + tc(para("Các sở, ngành liên quan")) + tc(para("Quý III/2026"))
            + tc(para("Quyết định")) + tc("<w:p/>", "continue") + "</w:tr>")
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:numbering {W}>'
                 '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
    doc = body(para("DANH MỤC NHIỆM VỤ") + "<w:tbl>" + header + section + row1 + row2 + "</w:tbl>")
    docx(os.path.join(outdir, "features.docx"), doc, [("word/numbering.xml", numbering)])


XLSX_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def write_inline(outdir):
    """Inline strings (as some programs write them), a header without
    diacritics, numbers stored as numbers, a lead merged over two rows and
    a sheet that is not named sheet1.xml."""
    def c(ref, text):
        if isinstance(text, int):
            return f'<c r="{ref}"><v>{text}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{html.escape(text)}</t></is></c>'
    rows = [
        [c("A1", "Bang phan cong")],
        [c(f"{col}3", t) for col, t in zip("ABCDE", ["STT", "Noi dung", "Chu tri", "Phoi hop", "Thoi han"])],
        [c("A4", 1), c("B4", "Rà soát quy chế"), c("C4", "Phòng Tổng hợp"), c("E4", "Tháng 6/2026")],
        [c("A5", 2), c("B5", "Kiểm tra công vụ"), c("E5", "Hằng tháng")],
    ]
    numbers = [1, 3, 4, 5]
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {S}><sheetData>' +
             "".join(f'<row r="{n}">' + "".join(r) + "</row>" for n, r in zip(numbers, rows)) +
             '</sheetData><mergeCells count="1"><mergeCell ref="C4:C5"/></mergeCells></worksheet>')
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook {S} {R}><sheets>'
                '<sheet name="Nhiệm vụ" sheetId="1" r:id="rId7"/><sheet name="Khác" sheetId="2" r:id="rId8"/>'
                "</sheets></workbook>")
    rels = ('<?xml version="1.0" encoding="UTF-8"?>\n<Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId8" Type="worksheet" Target="worksheets/other.xml"/>'
            '<Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>')
    with zipfile.ZipFile(os.path.join(outdir, "inline.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", XLSX_TYPES)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/data.xml", sheet)
        z.writestr("xl/worksheets/other.xml", f'<worksheet {S}><sheetData/></worksheet>')


def main():
    seed = sys.argv[1] if len(sys.argv) > 1 else os.path.join(TOP, "data", "seed", "ke-hoach-662-KH-VPUB.txt")
    body_lines, intro, tasks = read_seed(seed)
    assert len(tasks) == 8
    with tempfile.TemporaryDirectory() as tmp:
        write_html(os.path.join(tmp, "plan-662.html"), body_lines, intro, tasks)
        write_fods(os.path.join(tmp, "plan-662.fods"), tasks)
        convert(os.path.join(tmp, "plan-662.html"), "docx:MS Word 2007 XML", tmp)
        convert(os.path.join(tmp, "plan-662.fods"), "xlsx", tmp)
        for name in ("plan-662.docx", "plan-662.xlsx"):
            shutil.copy(os.path.join(tmp, name), os.path.join(HERE, name))
        # The same plan as the office formats the importer refuses.
        convert(os.path.join(tmp, "plan-662.fods"), "ods", tmp)
        shutil.copy(os.path.join(tmp, "plan-662.ods"), os.path.join(HERE, "plan-662.ods"))
    write_hostile(HERE)
    write_features(HERE)
    write_inline(HERE)


if __name__ == "__main__":
    main()
