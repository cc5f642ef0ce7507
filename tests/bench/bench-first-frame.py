#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cold start of the window on a large database: from starting the process
to the window's first painted frame (GdkFrameClock "after-paint"), median
of several runs; to the first frames that show the dashboard's figures and
charts, then its "6 rõ" count too, then its derived indicators as well
(read on threads, after the first frame on a large file); and the resident
memory (VmRSS, VmHWM) once the work left to the background is done. Runs the app with DONDOC_DEBUG=first-frame
(src/ui/dd-debug.c), which prints those figures and quits. Needs a display:
run it under xvfb-run. Not a test: no assertion on time.

The dashboard's readings of a file are kept in the user's cache folder
while the file does not change (src/core/stats/dd-stats-cache.c): after the
warm-up run, each run shows the kept ones. With DD_BENCH_COLD=1 they are
removed before each run, as at the first opening after the file changed.

Usage: bench-first-frame.py DONDOC DB [RUNS] [SETTLE_SECONDS]
Prints a Markdown table and RESULT lines (see dd-bench.h).
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def result(key, label, value, unit):
    print("| %-52s | %10.2f %-4s |" % (label, value, unit))
    print("RESULT\t%s\t%.4f\t%s" % (key, value, unit))
    sys.stdout.flush()


def one_run(app, db, settle, home, renderer=None):
    env = dict(os.environ)
    if renderer is not None:
        env["GSK_RENDERER"] = renderer
    env["DONDOC_DEBUG"] = "first-frame=%s" % settle
    env["GSETTINGS_BACKEND"] = "memory"
    env["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    env["XDG_DATA_HOME"] = os.path.join(home, "data")
    env["XDG_CACHE_HOME"] = os.path.join(home, "cache")
    env["NO_AT_BRIDGE"] = "1"
    if os.environ.get("DD_BENCH_COLD") == "1":
        shutil.rmtree(os.path.join(home, "cache", "dondoc", "dashboard"), ignore_errors=True)
    start = time.monotonic()
    proc = subprocess.run([app, "--db", db], env=env, capture_output=True, text=True, timeout=120)
    first = figures = counted = all_figures = rss = hwm = None
    for line in proc.stdout.splitlines():
        parts = line.split()
        if line.startswith("bench first-frame"):
            first = int(parts[2]) / 1e6 - start
        elif line.startswith("bench figures-shown"):
            figures = (int(parts[2]) / 1e6 - start) * 1000
        elif line.startswith("bench counted-shown"):
            counted = (int(parts[2]) / 1e6 - start) * 1000
        elif line.startswith("bench all-figures-shown"):
            all_figures = (int(parts[2]) / 1e6 - start) * 1000
        elif line.startswith("bench VmRSS:"):
            rss = int(parts[2]) / 1024
        elif line.startswith("bench VmHWM:"):
            hwm = int(parts[2]) / 1024
    if first is None:
        sys.exit("no first frame: %s\n%s" % (proc.stdout, proc.stderr))
    return first * 1000, rss, hwm, figures, all_figures, counted


def main():
    app, db = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    settle = float(sys.argv[4]) if len(sys.argv) > 4 else 4
    home = tempfile.mkdtemp(prefix="dondoc-bench-ff-")
    try:
        # The app makes its daily backup beside the file on the first
        # opening of the day; a warm-up run makes it, as on any desktop
        # after the first opening of the day.
        one_run(app, db, 0.5, home)
        frames, rss, hwm, figures, all_figures, after, all_after = [], [], [], [], [], [], []
        counted_after = []
        for _ in range(runs):
            f, r, h, d, a, c = one_run(app, db, settle, home)
            frames.append(f)
            rss.append(r)
            hwm.append(h)
            # Not within SETTLE_SECONDS of the first frame (or an app
            # before these figures): left out.
            if d is not None:
                figures.append(d)
                after.append(d - f)
            if c is not None:
                counted_after.append(c - f)
            if a is not None:
                all_figures.append(a)
                all_after.append(a - f)
        # Under Xvfb OpenGL is Mesa's llvmpipe: the app draws with cairo and
        # keeps GDK from loading the GL driver (dd_application_choose_renderer()).
        # A renderer the user chose is kept as it is: with GSK_RENDERER=cairo
        # GDK still loads the driver, ~60 MiB of the figure below.
        rss_cairo = [one_run(app, db, settle, home, "cairo")[1] for _ in range(3)]
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print("| first frame and memory (median of %d runs) | figure |\n|---|---:|" % runs)
    result("first_frame", "open the large file: first frame of the window", statistics.median(frames), "ms")
    result("first_frame_max", "open the large file: slowest first frame", max(frames), "ms")
    if figures:
        result("dash_figures_shown", "open the large file: dashboard figures drawn (%d runs)" % len(figures),
               statistics.median(figures), "ms")
    if all_figures:
        result("dash_all_shown", "open the large file: with the 6 ro count too (%d runs)" % len(all_figures),
               statistics.median(all_figures), "ms")
    if after:
        result("dash_figures_after", "dashboard figures drawn, after the first frame", statistics.median(after), "ms")
    if counted_after:
        result("dash_counted_after", "dashboard figures, charts and 6 ro count, after the first frame",
               statistics.median(counted_after), "ms")
        print("# figures, charts and 6 ro after the first frame, each run: %s"
              % ", ".join("%.0f" % x for x in counted_after))
    if all_after:
        result("dash_all_after", "dashboard complete (6 ro, derived indicators too), after the first frame",
               statistics.median(all_after), "ms")
        print("# complete after the first frame, each run: %s" % ", ".join("%.0f" % x for x in all_after))
    print("# first frame, each run: %s" % ", ".join("%.0f" % x for x in frames))
    result("rss", "resident memory with the file open (VmRSS, settled)", statistics.median(rss), "MiB")
    result("rss_peak", "peak resident memory (VmHWM)", statistics.median(hwm), "MiB")
    result("rss_cairo", "resident memory, GSK_RENDERER=cairo set (GL loaded)", statistics.median(rss_cairo), "MiB")


if __name__ == "__main__":
    main()
