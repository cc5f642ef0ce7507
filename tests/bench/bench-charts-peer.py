#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The peer of bench-charts: python3-matplotlib draws the dashboard's
stacked bars (tasks per lead unit, one colour per status, the app's status
colours) to a 1200x800 PNG from the same figures (a TSV written by
bench-charts: name, then the count of each status). Prints the median
milliseconds of drawing and writing the PNG over several runs (the import
of matplotlib not counted).

Usage: bench-charts-peer.py UNITS.tsv OUT.png [RUNS]
"""

import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

LABELS = ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện", "Sắp đến hạn", "Quá hạn",
          "Chưa có thời hạn", "Quên việc"]
COLORS = ["#00573F", "#0072B2", "#56B4E9", "#F0E442", "#D55E00", "#C8C8C8", "#3D1E33"]


def draw(names, counts, out):
    fig, ax = plt.subplots(figsize=(12, 8), dpi=100)
    left = [0] * len(names)
    for s in range(len(LABELS)):
        values = [c[s] for c in counts]
        ax.barh(names, values, left=left, color=COLORS[s], label=LABELS[s])
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.set_title("Tình hình thực hiện nhiệm vụ")
    ax.legend(loc="lower center", ncol=4, bbox_to_anchor=(0.5, -0.12))
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def main():
    names, counts = [], []
    for line in open(sys.argv[1], encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        names.append(parts[0])
        counts.append([int(x) for x in parts[1:]])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    times = []
    for _ in range(runs):
        start = time.monotonic()
        draw(names, counts, sys.argv[2])
        times.append((time.monotonic() - start) * 1000)
    print("%.3f" % statistics.median(times))


if __name__ == "__main__":
    main()
