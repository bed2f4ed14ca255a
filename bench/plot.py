#!/usr/bin/env python3
"""Plot bench/run.sh's results: time and memory against the number of ties.

    bench/plot.py RESULTS.tsv OUT.svg

RESULTS.tsv has the columns ties, tool, what, wall_s, cpu_s, rss_kb (one row
per tool, task and size).  Two panels, log-log: CPU time (user + system,
less disturbed by a busy machine than wall time) and peak memory, one line
per tool and task.  Uses matplotlib when it can be imported, else writes the
SVG itself (no other dependency).
"""
import csv
import math
import sys

COLORS = {"load": "#1f77b4", "density": "#2ca02c", "constraint": "#d62728",
          "betweenness": "#9467bd"}


def read(path):
    series = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            key = (r["tool"], r["what"])
            series.setdefault(key, []).append(
                (int(r["ties"]), float(r["cpu_s"]), int(r["rss_kb"]) / 1024))
    for pts in series.values():
        pts.sort()
    return series


def with_matplotlib(series, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
    for (tool, what), pts in sorted(series.items()):
        style = "-" if tool == "cnet" else "--"
        for ax, col in ((axes[0], 1), (axes[1], 2)):
            ax.plot([p[0] for p in pts], [p[col] for p in pts], style,
                    marker="o", color=COLORS.get(what, "black"),
                    label="%s %s" % (tool, what))
    for ax, title in ((axes[0], "CPU time (s, user + system)"),
                      (axes[1], "peak memory (MB)")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("ties")
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
    axes[1].legend(fontsize=7)
    fig.suptitle("cnet (solid) and python-igraph (dashed), whole processes")
    fig.tight_layout()
    fig.savefig(out)


def by_hand(series, out):
    """The same two panels as plain SVG."""
    W, H, M = 420, 300, 50
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
             'font-family="sans-serif" font-size="10">' % (2 * W, H + 30)]
    xs = [p[0] for pts in series.values() for p in pts]
    for panel, (col, title) in enumerate(((1, "CPU time (s)"),
                                          (2, "peak memory (MB)"))):
        ys = [max(p[col], 1e-3) for pts in series.values() for p in pts]
        if not xs or not ys:
            continue
        lx0, lx1 = math.log10(min(xs)), math.log10(max(xs)) + 1e-9
        ly0, ly1 = math.log10(min(ys)), math.log10(max(ys)) + 1e-9
        ox = panel * W

        def px(x, ox=ox, lx0=lx0, lx1=lx1):
            return ox + M + (math.log10(x) - lx0) / (lx1 - lx0) * (W - 2 * M)

        def py(y, ly0=ly0, ly1=ly1):
            y = max(y, 1e-3)
            return H - M + 20 - (math.log10(y) - ly0) / (ly1 - ly0) * (H - 2 * M)

        parts.append('<text x="%d" y="15">%s, against ties (log-log)</text>'
                     % (ox + M, title))
        parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" '
                     'stroke="#999"/>' % (ox + M, M - 30, W - 2 * M, H - 2 * M + 50))
        for (tool, what), pts in sorted(series.items()):
            d = " ".join("%.1f,%.1f" % (px(p[0]), py(p[col])) for p in pts)
            dash = "" if tool == "cnet" else ' stroke-dasharray="5,3"'
            parts.append('<polyline points="%s" fill="none" stroke="%s"%s/>'
                         % (d, COLORS.get(what, "black"), dash))
            last = pts[-1]
            parts.append('<text x="%.1f" y="%.1f">%s %s</text>'
                         % (px(last[0]) - 60, py(last[col]) - 3, tool, what))
    parts.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(parts) + "\n")


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    series = read(argv[1])
    try:
        with_matplotlib(series, argv[2])
    except ImportError:
        by_hand(series, argv[2])
    print("wrote %s" % argv[2], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
