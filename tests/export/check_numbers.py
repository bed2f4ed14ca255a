#!/usr/bin/env python3
"""Every number cnet writes reads back as the same double.

    check_numbers.py CNET DIR

fixtures/numbers.cnet declares numbers that %g or fixed decimals would
lose (2000.125, 1999.9999999999998, 1e-7, 0.1 + 0.2, 12345678901234567,
1e300, -2.5e-10) and an isolate whose constraint is NaN and whose distance
from anyone is Inf.  The values expected are written here as Python
literals, and compared for float equality with what comes back from:

  - cnet -f json, -f csv and -f tsv (json.load, the csv module, float());
  - the text table, whose spans must show every digit;
  - cnet --fmt and the REPL's :save: the script printed, loaded again,
    gives the same actors and ties;
  - every export, read by the stock readers (check_export.py);
  - NaN and Inf in JSON: kept apart as "NaN" and "Inf", which Python's
    float() and R's jsonlite::fromJSON read as NaN and Inf (null as NA),
    and in CSV, which R's read.csv reads as NaN and Inf.
"""
import csv
import io
import json
import math
import os
import shlex
import subprocess
import sys

from check_export import Mismatch, check_all, expect, run, span_of

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "fixtures", "numbers.cnet")
INF = math.inf

BIG = float(12345678901234567)  # the double nearest: 12345678901234568
TIES = [  # from, to, dir, life, weight
    ("a", "b", "--", (2000.125, 2010.0), 1e-7),
    ("b", "c", "->", (1999.9999999999998, 1999.9999999999998), 0.1 + 0.2),
    ("a", "c", "--", (1990.0, INF), BIG),
]
A_ATTRS = {"founded": 2000.125, "big": BIG, "tiny": 1e-7, "third": 0.1 + 0.2,
           "huge": 1e300, "neg": -2.5e-10}
SPANS = {"a": (1990.0, INF), "b": (1999.9999999999998, INF),
         "c": (1990.0, INF), "lone": (-INF, INF)}


def same_float(what, got, want):
    """Equal as doubles, or both NaN."""
    if not (got == want or (math.isnan(got) and math.isnan(want))):
        raise Mismatch("%s: got %r, want %r" % (what, got, want))


def cnet_out(cnet, *args):
    rc, out, err = run(cnet, *args)
    if rc != 0:
        raise Mismatch("cnet %s failed: %s" % (" ".join(args), err))
    return out


def check_rows(how, ties, actors):
    """ties and actors as dicts of text or numbers, from one output format."""
    expect(how + ": ties", len(ties), len(TIES))
    for t, (f, to, d, life, w) in zip(ties, TIES):
        expect(how + ": tie", (t["from"], t["to"], t["dir"]), (f, to, d))
        same_float("%s: weight of %s-%s" % (how, f, to), float(t["weight"]), w)
        expect("%s: span of %s-%s" % (how, f, to), span_of(t["span"]), life)
    for a in actors:
        expect("%s: span of %s" % (how, a["actor"]), span_of(a["span"]),
               SPANS[a["actor"]])
    a = next(x for x in actors if x["actor"] == "a")
    for k, v in A_ATTRS.items():
        same_float("%s: %s of a" % (how, k), float(a[k]), v)


def check_formats(cnet):
    out = cnet_out(cnet, "-f", "json", "-e", "ties()", "-e", "actors()", SCRIPT)
    ties, actors = [json.loads(l) for l in out.splitlines()]
    check_rows("-f json", ties, actors)
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        out = cnet_out(cnet, "-f", fmt, "-e", "ties()", SCRIPT)
        ties = list(csv.DictReader(io.StringIO(out), delimiter=sep))
        out = cnet_out(cnet, "-f", fmt, "-e", "actors()", SCRIPT)
        actors = list(csv.DictReader(io.StringIO(out), delimiter=sep))
        check_rows("-f " + fmt, ties, actors)
    table = cnet_out(cnet, "-e", "ties()", SCRIPT)
    for text in ("2000.125..2010", "1999.9999999999998"):
        expect("table shows the span " + text, text in table, True)
    return "-f json, -f csv, -f tsv: every weight, span and attribute reads " \
           "back equal; the table shows spans in full"


def check_scripts(cnet, tmp):
    """--fmt and :save print numbers a second load reads as the same."""
    want = cnet_out(cnet, "-f", "json", "-e", "ties()", "-e", "actors()", SCRIPT)
    fmt = os.path.join(tmp, "fmt.cnet")
    with open(fmt, "w", encoding="utf-8") as f:
        f.write(cnet_out(cnet, "--fmt", SCRIPT))
    saved = os.path.join(tmp, "saved.cnet")
    p = subprocess.run(shlex.split(cnet) + ["-i", SCRIPT],
                       input=":save %s\n" % saved, capture_output=True, text=True)
    if p.returncode != 0:
        raise Mismatch(":save failed: %s" % p.stderr)
    for path in (fmt, saved):
        got = cnet_out(cnet, "-f", "json", "-e", "ties()", "-e", "actors()", path)
        expect("%s loaded again" % os.path.basename(path), got, want)
        text = open(path, encoding="utf-8").read()
        for lit in ("2000.125..2010", "1999.9999999999998", "1e-7",
                    "0.30000000000000004", "12345678901234568", "1e300",
                    "-2.5e-10"):
            expect("%s writes %s" % (os.path.basename(path), lit), lit in text,
                   True)
    return "--fmt and :save: the script printed loads to the same actors and " \
           "ties, numbers in shortest form (1e-7, 0.30000000000000004)"


R_JSON = r'''
library(jsonlite)
x <- fromJSON(file("stdin"))
stopifnot(is.numeric(x$constraint), is.nan(x$constraint[x$actor == "lone"]),
          !is.na(x$constraint[x$actor == "a"]))
d <- as.numeric(fromJSON('%s'))  # a lone value stays text: as.numeric()
stopifnot(is.infinite(d), d > 0)
n <- fromJSON('[1, null, "NaN", "Inf", "-Inf"]')
stopifnot(is.numeric(n), is.na(n[2]) && !is.nan(n[2]), is.nan(n[3]),
          n[4] == Inf, n[5] == -Inf)
cat("R jsonlite: NaN", x$constraint[x$actor == "lone"], "Inf", d, "\n")
'''

R_CSV = r'''
x <- read.csv(file("stdin"))
stopifnot(is.numeric(x$constraint), is.nan(x$constraint[x$actor == "lone"]))
cat("R read.csv: NaN", x$constraint[x$actor == "lone"], "\n")
'''


def check_nan_inf(cnet):
    out = cnet_out(cnet, "-f", "json", "-e", "constraint()", "-e",
                   "distance(a, lone)", SCRIPT)
    table, dist = out.splitlines()
    rows = json.loads(table)
    lone = next(r for r in rows if r["actor"] == "lone")
    expect("json: the constraint of an isolate", lone["constraint"], "NaN")
    expect("json: a distance to an isolate", json.loads(dist), "Inf")
    same_float("float() of \"NaN\"", float(lone["constraint"]), math.nan)
    same_float("float() of \"Inf\"", float(json.loads(dist)), INF)
    lines = ["json: NaN and Inf written \"NaN\" and \"Inf\"; Python's float() "
             "reads them"]
    for prog, data in ((R_JSON % dist, table),
                       (R_CSV, cnet_out(cnet, "-f", "csv", "-e", "constraint()",
                                        SCRIPT))):
        p = subprocess.run(["Rscript", "-e", prog], input=data,
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise Mismatch("R: %s" % p.stderr.strip())
        lines.append(p.stdout.strip())
    return "\n".join(lines)


def check_export_spans(tmp):
    """The written spans in the GraphML, JSON and CSV exports (here the
    same as the lives) read back as the years of the script."""
    import networkx as nx  # the checker already needs it
    want = sorted(((f, to), life) for f, to, _, life, _ in TIES)
    G = nx.read_graphml(os.path.join(tmp, "x.graphml"))
    name = {n: d["name"] for n, d in G.nodes(data=True)}
    got = sorted(((name[u], name[v]), (d.get("start", -INF), d.get("end", INF)))
                 for u, v, d in G.edges(data=True))
    expect("graphml start/end", got, want)
    with open(os.path.join(tmp, "x.json"), encoding="utf-8") as f:
        links = json.load(f)["links"]
    got = sorted(((l["source"], l["target"]), (float(l["start"]), float(l["end"])))
                 for l in links)
    expect("json start/end", got, want)
    with open(os.path.join(tmp, "x.csv"), encoding="utf-8-sig", newline="") as f:
        got = sorted(((t["from"], t["to"]), span_of(t["span"]))
                     for t in csv.DictReader(f))
    expect("csv span", got, want)
    return "graphml start/end, json start/end, csv span: the years of the " \
           "script, to the last digit"


def main():
    cnet, tmp = sys.argv[1], sys.argv[2]
    ok = True
    for fn in (lambda: check_formats(cnet), lambda: check_scripts(cnet, tmp),
               lambda: check_nan_inf(cnet)):
        try:
            print(fn())
        except Mismatch as e:
            print("MISMATCH %s" % e)
            ok = False
    lines, good = check_all(cnet, SCRIPT, tmp)
    print("\n".join(lines))
    if good:
        try:
            print(check_export_spans(tmp))
        except Exception as e:  # a mismatch, or a value of the wrong type
            print("MISMATCH %s: %s" % (type(e).__name__, e))
            ok = False
    return 0 if ok and good else 1


if __name__ == "__main__":
    sys.exit(main())
