#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Printed legibility of a PDF: no word under a size, and phrases whole.

    check-pdf-text.py FILE.pdf MIN_PT CALIBRATION_WORD CALIBRATION_PT [PHRASE...]
    check-pdf-text.py FILE.pdf MIN_PT --calibrate CAL.pdf WORD PT [PHRASE...]
    check-pdf-text.py FILE.pdf --whole WORD...

Reads every word's box with poppler's `pdftotext -bbox-layout`. A box's
height is not the font's size: poppler takes it from the font's ascent and
descent as the PDF's producer wrote them: LibreOffice writes 0 for both
and poppler falls back to its defaults (1.30 x the size, measured on text
of a known size; the 0.975 once noted was 1.30 x a sheet printed at 75 %),
cairo writes the font's (1.16 x for DejaVu Serif; the handout drawn at 96
dpi on a surface in points once gave 1.31 x the nominal size). So the factor is
calibrated per producer, on a word known to be set in a size and printed
at 100 %: the kind of document ("BÁO CÁO", the body size + 1) of the
handout itself; for LibreOffice, whose sheets print scaled to the page's
width, a one-cell calibration workbook converted by the same soffice
(check-xlsx.py). The factor must lie in the range known for the producer,
so that a calibration word printed at another size cannot hide the others.
Each word's size is its box height over the factor; one under MIN_PT (less
a 2 % tolerance for the rounding of boxes) fails, and so does a PHRASE not
found whole on one line.

With --whole, each WORD must be printed whole somewhere and never broken
in the middle: no printed word that is the start of WORD with the rest of
it as the first word of the next line of the same column (as LibreOffice
prints a word wider than its column: "trưởn" over "g").
"""

import subprocess
import sys
import xml.etree.ElementTree as ET

# What poppler's box height is, over the font's size, per producer.
FACTORS = {"LibreOffice": (1.20, 1.40), "cairo": (1.05, 1.25)}


def producer(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("Producer:") or line.startswith("Creator:"):
            for name in FACTORS:
                if name.lower() in line.lower():
                    return name
    return None


def read(path):
    """The words of @path (page, text, box height) and its lines' text."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], capture_output=True, check=True).stdout
    # The XHTML's namespace, dropped.
    root = ET.fromstring(xml.replace(b'xmlns="http://www.w3.org/1999/xhtml"', b""))
    words = []
    lines = []
    for n, page in enumerate(root.findall(".//page"), 1):
        for line in page.iter("line"):
            ws = line.findall("word")
            lines.append(" ".join(w.text or "" for w in ws))
            for w in ws:
                words.append((n, w.text or "", float(w.get("yMax")) - float(w.get("yMin"))))
    return words, lines


def boxes(path):
    """The words of @path: (page, text, xMin, yMin, xMax, yMax)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(xml.replace(b'xmlns="http://www.w3.org/1999/xhtml"', b""))
    out = []
    for n, page in enumerate(root.findall(".//page"), 1):
        for w in page.iter("word"):
            out.append((n, w.text or "", float(w.get("xMin")), float(w.get("yMin")),
                        float(w.get("xMax")), float(w.get("yMax"))))
    return out


def check_whole(path, words):
    """Failures: @words never printed whole, or broken over two lines."""
    printed = boxes(path)
    texts = set(b[1] for b in printed)
    by_start = {}
    for b in printed:
        by_start.setdefault((b[0], b[1]), []).append(b)
    failures = []
    for word in sorted(set(words)):
        if len(word) < 2:
            continue
        if word not in texts:
            failures.append("%r is never printed whole" % word)
        for n, head, x0, y0, x1, y1 in printed:
            if not (0 < len(head) < len(word) and word.startswith(head)):
                continue
            h = y1 - y0
            for _, _, u0, v0, u1, _ in by_start.get((n, word[len(head):]), []):
                # The next line, in the same column (centred text may start further left).
                if 0.5 * h < v0 - y0 < 1.6 * h and u0 < x1 and u1 > x0 - 40:
                    failures.append("page %d: %r broken as %r / %r" % (n, word, head, word[len(head):]))
    if not failures:
        print("ok: %d words printed whole, none broken" % len(set(words)))
    return failures


def calibrate(path, word, pt):
    """The box height over the size in @path's producer: from the first
    @word, set in @pt points, and within the range known for it."""
    name = producer(path)
    if name is None:
        return None, "unknown producer of %s" % path
    words, _ = read(path)
    heights = [h for _, text, h in words if text == word]
    if not heights:
        return None, "no word %r in %s to calibrate with" % (word, path)
    factor = heights[0] / pt
    low, high = FACTORS[name]
    if not low <= factor <= high:
        return None, "factor %.3f from %r outside %.2f-%.2f known for %s" % (factor, word, low, high, name)
    print("calibration: %s, box height = %.3f x size (%r at %g pt in %s)" % (name, factor, word, pt, path))
    return factor, None


def check(path, min_pt, factor, phrases):
    """Failures: words of @path under @min_pt, @phrases not whole on a line."""
    words, lines = read(path)
    failures = []
    small = [(n, text, h / factor) for n, text, h in words if h / factor < min_pt * 0.98]
    for n, text, size in small[:40]:
        failures.append("page %d: %r at %.1f pt" % (n, text, size))
    if words and not small:
        print("ok: %s: %d words, none under %g pt (the smallest %.1f pt)"
              % (path, len(words), min_pt, min(h / factor for _, _, h in words)))
    for phrase in phrases:
        if any(phrase in line for line in lines):
            print("ok: %r whole on one line" % phrase)
        else:
            failures.append("%r not whole on any line" % phrase)
    return failures


def main():
    args = sys.argv[1:]
    if len(args) > 1 and args[1] == "--whole":
        failures = check_whole(args[0], args[2:])
        for f in failures:
            print("FAIL: " + f)
        print("PASS" if not failures else "FAILED")
        return 0 if not failures else 1
    path, min_pt = args[0], float(args[1])
    cal = (path, args[2], float(args[3]))
    phrases = args[4:]
    if args[2] == "--calibrate":
        cal = (args[3], args[4], float(args[5]))
        phrases = args[6:]
    if producer(cal[0]) != producer(path):
        print("FAIL: %s and its calibration %s come from different producers" % (path, cal[0]))
        return 1
    factor, error = calibrate(*cal)
    if factor is None:
        print("FAIL: " + error)
        return 1
    failures = check(path, min_pt, factor, phrases)
    for f in failures:
        print("FAIL: " + f)
    print("PASS" if not failures else "FAILED")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
