#!/usr/bin/env python3
"""Check equivalence(), blocks(), assortativity(), qap() and cug() against the
values R sna, NetworkX and igraph gave (position.json, written by
make_position_vectors.py).  Usage: check_position.py CNET.  Standard library
only.  Deterministic values at relative 1e-9; blocks exactly; qap's
p-values from 1000 random relabellings within three standard errors of
sna's (of the difference of two estimates), and the exact enumeration's
exactly; cug's likewise against sna's cug.test.  Prints one line per failed value, then "N passed, N failed"."""
import json
import math
import os
import shlex
import sys

from check_peer_options import num, run_script, same


def close(want, got, tol=None):
    """same() at 1e-9, or at tol when given."""
    if tol is None:
        return same(want, got)
    want, got = num(want), num(got)
    return abs(want - got) <= tol * max(1.0, abs(want), abs(got))


def within_3se(want, got, reps):
    p = (num(want) + num(got)) / 2
    se = math.sqrt(max(p * (1 - p), 1.0 / reps) * 2.0 / reps)
    return abs(num(want) - num(got)) <= 3 * se


def expressions(g):
    """(expression, check) pairs; check(value) returns a list of failures."""
    n, sna, d = g["n"], g["sna"], "true" if g["directed"] else "false"
    out = []

    def matrix_check(key, col):
        def check(rows):
            bad = []
            if len(rows) != n * (n - 1) // 2:
                bad.append("%d rows for %d actors" % (len(rows), n))
            for r in rows:
                i, j = int(r["a"][1:]), int(r["b"][1:])
                if not close(sna[key][i][j], r[col]):
                    bad.append("%s %s-%s: sna %s, cnet %r" % (key, r["a"], r["b"], sna[key][i][j], r[col]))
            return bad, len(rows)
        return check

    out.append(('equivalence(layer=A)', matrix_check("euclidean", "distance")))
    out.append(('equivalence(layer=A, method="correlation")', matrix_check("correlation", "correlation")))
    for method in ("euclidean", "correlation"):
        for k in range(1, n + 1):
            want = sna["blocks"][method][k - 1]

            def check(rows, want=want, method=method, k=k):
                got = [r["block"] for r in rows]
                return ([] if got == want else
                        ["blocks %s k=%d: sna %s, cnet %s" % (method, k, want, got)]), 1
            out.append(('blocks(k=%d, layer=A, method="%s")' % (k, method), check))
    for by, key in (("", "degree"), (", by=grp", "grp"), (", by=val", "val")):
        want = g["assortativity"][key]

        def check(v, want=want, key=key):
            return ([] if close(want, v) else
                    ["assortativity %s: NetworkX %s, cnet %r" % (key, want, v)]), 1
        out.append(("assortativity(layer=A, directed=%s%s)" % (d, by), check))
    q = sna["qap"]

    def qap_check(v):
        bad = []
        if not close(q["r"], v["r"]):
            bad.append("qap r: sna %s, cnet %r" % (q["r"], v["r"]))
        for p in ("p_ge", "p_le"):
            if not within_3se(q[p], v[p], q["reps"]):
                bad.append("qap %s: sna %s, cnet %r (1000 reps)" % (p, q[p], v[p]))
        return bad, 3
    out.append(("qap(net(layer=A), net(layer=B), reps=1000, seed=1)", qap_check))
    for c in sna["cug"]:
        def cug_check(v, c=c):
            bad = []
            if not close(c["observed"], v["observed"]):
                bad.append("cug observed: sna %s, cnet %r" % (c["observed"], v["observed"]))
            for p in ("p_ge", "p_le"):
                if not within_3se(c[p], v[p], c["reps"]):
                    bad.append("cug %s: sna %s, cnet %r (1000 graphs)" % (p, c[p], v[p]))
            return bad, 3
        out.append(('cug("%s", layer=A, given="%s", directed=%s, reps=1000, seed=1)'
                    % (c["measure"], c["given"], d), cug_check))
    if g["exact"]:
        x = sna["exact"]

        def exact_check(v):
            bad = ["exact %s: R %s, cnet %r" % (k, x[k], v[k])
                   for k in ("r", "p_ge", "p_le", "reps") if not close(x[k], v[k], 1e-12)]
            if v["exact"] is not True:
                bad.append("exact: not enumerated")
            return bad, 5
        out.append(('qap(net(layer=A), net(layer=B), reps="exact")', exact_check))
    return out


def main():
    cnet = shlex.split(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    doc = json.load(open(os.path.join(here, "position.json"), encoding="utf-8"))
    passed = failed = 0
    for g in doc["graphs"]:
        checks = expressions(g)
        r = run_script(cnet, g["cnet"], [expr for expr, _ in checks])
        lines = r.stdout.splitlines()
        if r.returncode != 0 or len(lines) != len(checks):
            failed += 1
            print("FAIL %s: cnet exited %d: %s" % (g["graph"], r.returncode, r.stderr.strip()))
            continue
        for (expr, check), line in zip(checks, lines):
            bad, count = check(json.loads(line))
            for b in bad:
                print("FAIL %s %s: %s" % (g["graph"], expr, b))
            failed += len(bad)
            passed += max(count - len(bad), 0)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
