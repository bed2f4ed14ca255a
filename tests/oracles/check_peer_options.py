#!/usr/bin/env python3
"""Check the peers' options of cnet's centrality functions against the
values NetworkX and igraph gave for them (peer_options.json, written by
make_peer_options.py).  Usage: check_peer_options.py CNET.  Standard
library only; relative tolerance 1e-9, NaN equal only to NaN.  CNET may be
a command with arguments (valgrind …).  Prints one line per failed value,
then "N passed, N failed"."""
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile

TOL = 1e-9


def num(x):
    return math.nan if x in (None, "NaN") else float(x)


def same(want, got):
    want, got = num(want), num(got)
    if math.isnan(want) or math.isnan(got):
        return math.isnan(want) and math.isnan(got)
    return abs(want - got) <= TOL * max(1.0, abs(want), abs(got))


def run_script(cnet, text, exprs):
    """Run the expressions, printed as JSON, on a case script given as text:
    the completed process."""
    with tempfile.NamedTemporaryFile("w", suffix=".cnet", delete=False,
                                     encoding="utf-8") as f:
        f.write(text)
        path = f.name
    args = cnet + ["-f", "json"]
    for e in exprs:
        args += ["-e", e]
    try:
        return subprocess.run(args + [path], capture_output=True, text=True)
    finally:
        os.unlink(path)


def main():
    cnet = shlex.split(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    doc = json.load(open(os.path.join(here, "peer_options.json"), encoding="utf-8"))
    passed = failed = 0
    for g in doc["graphs"]:
        r = run_script(cnet, g["cnet"], [c["expr"] for c in g["checks"]])
        lines = r.stdout.splitlines()
        if r.returncode != 0 or len(lines) != len(g["checks"]):
            failed += 1
            print("FAIL %s: cnet exited %d: %s" % (g["graph"], r.returncode, r.stderr.strip()))
            continue
        for c, line in zip(g["checks"], lines):
            table = json.loads(line)
            if c["expr"].startswith("tie_"):
                got = {}
                for row in table:
                    got["%s|%s" % (row["from"], row["to"])] = row["betweenness"]
                    if not g["directed"]:
                        got["%s|%s" % (row["to"], row["from"])] = row["betweenness"]
                if len(table) != len(c["values"]):
                    failed += 1
                    print("FAIL %s %s: %d rows, %s has %d ties" % (
                        g["graph"], c["expr"], len(table), c["peer"], len(c["values"])))
            else:
                col = c["expr"].split("(", 1)[0]
                got = {row["actor"]: row[col] for row in table}
            for key, want in c["values"].items():
                if key in got and same(want, got[key]):
                    passed += 1
                else:
                    failed += 1
                    print("FAIL %s %s [%s]: %s expected %r, got %r" % (
                        g["graph"], c["expr"], c["peer"], key, want, got.get(key)))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
