#!/usr/bin/env python3
"""cnet's roles() against R sna's brokerage(), through the language.

Usage: check_brokerage.py CNET brokerage.json   (CNET: the command, split
as the shell would, e.g. "valgrind -q ./cnet")

For every graph of brokerage.json (written by brokerage.R), a case script
is made from its vertices, groups (attribute g) and edges (-> when directed,
-- when not: cnet runs an undirected tie both ways, as sna counts symmetric
data), and `roles(by=g)` and `roles(by=g, total=true)` are run with
`cnet -f json`.  The table must hold exactly one row per vertex x role, with
the vertex's group, and every count, expected count, sd and z must equal
sna's raw/exp/sd/z.nli (and the totals raw/exp/sd/z.gli) to 1e-9 relative
(absolute below 1); NaN equals only NaN.  Needs no R.  The last line is
"N passed, N failed".
"""
import json
import os
import sys

# the oracle checker's comparison (1e-9 relative, NaN only equal to NaN),
# number reading and cnet runner
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "oracles"))
from check import Checker, run_cnet  # noqa: E402


def script(g):
    lines = []
    for v in g["vertices"]:
        lines.append('actor %s { g = "%s" }' % (v, g["groups"][v]))
    arrow = "->" if g["directed"] else "--"
    for a, b in g["edges"]:
        lines.append("%s %s %s" % (a, arrow, b))
    return "\n".join(lines) + "\n"


def check_graph(C, cnet, name, g, columns):
    nli, gli = run_cnet(cnet, script(g), ["roles(by=g)", "roles(by=g, total=true)"])
    sna = g["sna"]
    rows = {}
    for r in nli:
        rows.setdefault((r["actor"], r["role"]), []).append(r)
    want_keys = {(v, role) for v in g["vertices"] for role in columns.values()}
    C.truth("%s: one row per vertex x role (%d rows, %d expected)"
            % (name, len(nli), len(want_keys)),
            set(rows) == want_keys and len(nli) == len(want_keys))
    for v in g["vertices"]:
        for col, role in columns.items():
            got = rows.get((v, role))
            if not got:
                continue
            r = got[0]
            what = "%s %s %s" % (name, v, role)
            C.truth("%s group: %r, want %r" % (what, r["group"], g["groups"][v]),
                    r["group"] == g["groups"][v])
            C.same(what + " count", sna["raw.nli"][v][col], r["count"])
            C.same(what + " expected", sna["exp.nli"][v][col], r["expected"])
            C.same(what + " sd", sna["sd.nli"][v][col], r["sd"])
            C.same(what + " z", sna["z.nli"][v][col], r["z"])
    totals = {r["role"]: r for r in gli}
    C.truth("%s total=true: one row per role" % name,
            sorted(totals) == sorted(columns.values()) and len(gli) == len(columns))
    for col, role in columns.items():
        r = totals.get(role)
        if r is None:
            continue
        what = "%s total %s" % (name, role)
        C.same(what + " count", sna["raw.gli"][col], r["count"])
        C.same(what + " expected", sna["exp.gli"][col], r["expected"])
        C.same(what + " sd", sna["sd.gli"][col], r["sd"])
        C.same(what + " z", sna["z.gli"][col], r["z"])


def main():
    cnet, path = sys.argv[1], sys.argv[2]
    ref = json.load(open(path, encoding="utf-8"))
    C = Checker()
    for name, g in ref["graphs"].items():
        try:
            check_graph(C, cnet, name, g, ref["columns"])
        except Exception as e:  # cnet failed or printed no table
            C.truth("%s: %s" % (name, e), False)
    print("%d passed, %d failed" % (C.passed, C.failed))
    sys.exit(1 if C.failed else 0)


if __name__ == "__main__":
    main()
