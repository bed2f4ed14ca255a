#!/usr/bin/env python3
"""The conformance suite: the peers' own test values, run through cnet.

Every tests/conformance/ORIGIN/NAME.cases.json holds the graphs and expected
values of one test file of NetworkX, igraph or R sna (named with its
repository, path and commit), and for each case the cnet query that should
give the peer's answer, with the tolerance that peer's test uses.  This
script writes each graph as a .cnet script, runs the real cnet binary on it
(`-f json -e QUERY`) and compares value by value.  It reads nothing outside
tests/conformance/.  The format is described in tests/conformance/README.md.

    run.py CNET [TEXT]      run the cases (only files or tests containing TEXT)

The last line is "N passed, N failed" (values compared).
"""
import glob
import json
import math
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PYTEST_DEFAULT = {"rel": 1e-6, "abs": 1e-12}
IDENT = re.compile(r"^[^\W\d]\w*$")


class CaseError(Exception):
    """A case file that does not follow the format."""


# ---- values ----

def number(x):
    """A number of a case file or of cnet's JSON: JSON numbers, "2/3", "nan",
    "inf", and igraph's printed "NaN"/"Inf"."""
    if isinstance(x, bool):
        raise CaseError("a boolean where a number was expected: %r" % x)
    if isinstance(x, (int, float)):
        return float(x)
    if x is None:  # cnet before JSON had NaN and Infinity: null
        return math.nan
    if isinstance(x, str):
        s = x.strip().lower()
        if s in ("nan", "-nan"):
            return math.nan
        if s in ("inf", "infinity", "+inf"):
            return math.inf
        if s in ("-inf", "-infinity"):
            return -math.inf
        if "/" in s:  # a value as the test writes it: "2/3", "1.667/2"
            a, b = s.split("/", 1)
            return number(a) / number(b)
        try:
            return float(s)
        except ValueError:
            pass
    raise CaseError("not a number: %r" % (x,))


def printed(x, fmt):
    """x printed as igraph's test utilities print it (print_real)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Inf" if x > 0 else "-Inf"
    if x == 0:
        x = 0.0  # igraph prints -0 as 0
    return fmt % x


def close(want, got, tol):
    """Whether got matches want under the peer test's own criterion."""
    if "printf" in tol:
        return printed(got, tol["printf"]) == str(want)
    want = number(want)
    if math.isnan(want) or math.isnan(got):
        return math.isnan(want) and math.isnan(got)
    if math.isinf(want) or math.isinf(got):
        return want == got
    if tol.get("exact"):
        return want == got
    if "places" in tol:  # unittest's assertAlmostEqual
        return round(abs(got - want), tol["places"]) == 0
    # pytest.approx: abs alone means no relative tolerance
    rel = tol.get("rel", 0.0 if "abs" in tol else PYTEST_DEFAULT["rel"])
    ab = tol.get("abs", PYTEST_DEFAULT["abs"])
    return abs(got - want) <= max(rel * abs(want), ab)


def igraph_vector(text):
    """'( 1 0.5 NaN )' as printed by igraph's tests: the list of tokens."""
    t = text.strip()
    if not (t.startswith("(") and t.endswith(")")):
        raise CaseError("an igraph vector is written '( … )': %r" % text)
    return t[1:-1].split()


# ---- graphs ----

class Graph:
    def __init__(self, nodes, edges, directed, loops=False):
        self.nodes = nodes          # original names, in vertex order
        self.edges = edges          # (u, v, weight or None)
        self.directed = directed
        self.loops = loops          # write self-ties (to see cnet refuse them)
        self.index = False
        self.names = {}
        used = set()
        for n in nodes:
            name = actor_name(n)
            if name in used:
                raise CaseError("two nodes map to the actor name %s" % name)
            used.add(name)
            self.names[n] = name
        self.back = {v: k for k, v in self.names.items()}

    def script(self):
        out = ["# written by tests/conformance/run.py"]
        for i, n in enumerate(self.nodes):
            # "index": every actor gets its vertex number, i = 0, 1, …, so a
            # query can select vertex ranges: [r.actor for r in actors() if r.i > 9]
            out.append("actor %s%s" % (self.names[n], " { i = %d }" % i if self.index else ""))
        arrow = "->" if self.directed else "--"
        for u, v, w in self.edges:
            if u == v and not self.loops:
                raise CaseError("self-loop %r: cnet has no self-ties; drop it "
                                "with \"loops\": \"drop\" and say so" % (u,))
            attrs = "" if w is None else " { weight = %s }" % fmt_weight(w)
            out.append("%s %s %s%s" % (self.names[u], arrow, self.names[v], attrs))
        return "\n".join(out) + "\n"


def fmt_weight(w):
    f = number(w)
    return repr(int(f)) if f == int(f) and abs(f) < 1e15 else repr(f)


def actor_name(n):
    """A node of a peer's graph as a cnet identifier: 0 -> v0; a name that
    already is an identifier stays; other characters become _."""
    s = str(n)
    if IDENT.match(s):
        return s
    if re.match(r"^-?\d+$", s):
        return "v" + s.replace("-", "m")
    s = re.sub(r"\W", "_", s)
    return s if IDENT.match(s) else "v" + s


def node_key(n):
    """Nodes are compared as text: 0 and "0" are the same node."""
    return str(n)


def generate(spec):
    """The few graph generators the peers' tests use, with their vertex and
    edge numbering (igraph's and NetworkX's agree on these)."""
    g = spec["gen"]
    n = spec.get("n")
    e = []
    if g == "path":            # nx.path_graph(n), igraph_ring(n, circular=0)
        e = [(i, i + 1) for i in range(n - 1)]
    elif g == "cycle":         # nx.cycle_graph(n), igraph_ring(n, circular=1)
        e = [(i, (i + 1) % n) for i in range(n)]
    elif g == "complete":      # nx.complete_graph(n), igraph_full(n)
        e = [(i, j) for i in range(n) for j in range(i + 1, n)]
    elif g == "star":          # n vertices, centre 0: igraph_star, nx.star_graph(n-1)
        e = [(0, i) for i in range(1, n)]
    elif g == "kary_tree":     # igraph_kary_tree(n, k): edge i leads to vertex i+1
        k = spec["k"]
        e = [((i - 1) // k, i) for i in range(1, n)]
    elif g == "balanced_tree":  # nx.balanced_tree(r, h)
        r, h = spec["r"], spec["h"]
        n = sum(r ** i for i in range(h + 1))
        e = [((i - 1) // r, i) for i in range(1, n)]
    elif g == "lattice":       # igraph_square_lattice(dims), not periodic
        dims = spec["dims"]
        n = 1
        for d in dims:
            n *= d
        for v in range(n):
            stride, rest = 1, v
            for d in dims:
                if rest % d + 1 < d:
                    e.append((v, v + stride))
                rest //= d
                stride *= d
    elif g == "empty":
        pass
    else:
        raise CaseError("unknown generator %r" % g)
    if spec.get("mutual"):     # G.to_directed(): both arcs, in this order
        e = [a for u, v in e for a in ((u, v), (v, u))]
    return list(range(n)), e


def build_graph(spec, named):
    if isinstance(spec, str):
        if spec not in named:
            raise CaseError("no graph named %r" % spec)
        return named[spec]
    if "named" in spec:  # tests/conformance/graphs/NAME.json, maybe reweighted
        base = load_named(spec["named"])
        spec = dict(base, **{k: v for k, v in spec.items() if k != "named"})
    directed = bool(spec.get("directed", False))
    if "gen" in spec:
        nodes, pairs = generate(spec)
        raw = [list(p) for p in pairs]
    else:
        nodes = list(spec.get("nodes", []))
        if "pairs" in spec:  # igraph_small style: "0 1  1 2  2 3"
            flat = str(spec["pairs"]).split()
            if len(flat) % 2:
                raise CaseError("pairs: an odd number of vertex ids")
            raw = [[int(flat[i]), int(flat[i + 1])] for i in range(0, len(flat), 2)]
        else:
            raw = [list(x) for x in spec.get("edges", [])]
    if "n" in spec and "gen" not in spec:  # igraph: vertices 0..n-1 (at least)
        top = max([spec["n"] - 1] + [int(x) for ed in raw for x in ed[:2]])
        nodes = list(range(top + 1))
    weights = spec.get("weights")
    if weights is not None:
        if not isinstance(weights, list):  # one weight for every edge
            weights = [weights] * len(raw)
        if len(weights) != len(raw):
            raise CaseError("%d weights for %d edges" % (len(weights), len(raw)))
        raw = [ed[:2] + [w] for ed, w in zip(raw, weights)]
    seen = set(node_key(n) for n in nodes)
    for ed in raw:
        for x in ed[:2]:
            if node_key(x) not in seen:
                seen.add(node_key(x))
                nodes.append(x)
    loops = spec.get("loops")
    edges = []
    for ed in raw:
        u, v = ed[0], ed[1]
        w = ed[2] if len(ed) > 2 else None
        if u == v and loops == "drop":
            continue
        edges.append((u, v, w))
    g = Graph(nodes, edges, directed, loops == "keep")
    g.index = bool(spec.get("index"))
    return g


_named = {}


def load_named(name):
    if name not in _named:
        path = os.path.join(HERE, "graphs", name + ".json")
        if not os.path.exists(path):
            raise CaseError("no graph file graphs/%s.json" % name)
        with open(path, encoding="utf-8") as f:
            _named[name] = json.load(f)
    return _named[name]


# ---- running cnet ----

MARK = "@@conformance %d"


def run_cnet(cnet, script, queries):
    """Load the script once and answer every query: [(value, None) or
    (None, error text)], one per query.  A marker string printed after each
    query tells which answers are missing; cnet goes on after a failing -e
    and reports the errors, in order, on stderr."""
    with tempfile.TemporaryDirectory(prefix="cnet-conformance-") as d:
        path = os.path.join(d, "case.cnet")
        with open(path, "w", encoding="utf-8") as f:
            f.write(script)
        args = [cnet, "-f", "json"]
        for i, q in enumerate(queries):
            args += ["-e", q, "-e", json.dumps(MARK % i)]
        r = subprocess.run(args + [path], capture_output=True, text=True, cwd=d)
    err = r.stderr.replace(path, "case.cnet")
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    if not queries or not lines and r.returncode != 0:  # the script itself failed
        return [(None, err.strip() or "cnet exited %d" % r.returncode)] * max(1, len(queries))
    errors = re.split(r"\n(?=<expr>:)", "\n" + err.strip())[1:] if err.strip() else []
    out, pending = [], []
    for line in lines:
        try:
            v = json.loads(line)
        except ValueError:
            raise CaseError("cnet printed what is not JSON: %r" % line)
        if isinstance(v, str) and v.startswith("@@conformance "):
            if pending:
                out.append((pending[-1], None))
            else:
                out.append((None, errors.pop(0) if errors else err.strip() or "no answer"))
            pending = []
        else:
            pending.append(v)
    while len(out) < len(queries):
        out.append((None, err.strip() or "no answer"))
    return out


# ---- comparing ----

def per_actor(value, graph, column=None):
    """A cnet table of one value per actor as {node key: number}."""
    if not isinstance(value, list):
        raise CaseError("expected a table of actors, got %r" % (value,))
    out = {}
    for row in value:
        if not isinstance(row, dict) or "actor" not in row:
            raise CaseError("expected rows with an actor column, got %r" % (row,))
        cols = [k for k in row if k != "actor"]
        col = column or (cols[0] if len(cols) == 1 else None)
        if col is None or col not in row:
            raise CaseError("which column? the rows have %s" % cols)
        node = graph.back.get(row["actor"], row["actor"])
        out[node_key(node)] = number(row[col])
    return out


def per_tie(value, graph, column=None):
    """A cnet table of one value per tie as {(from key, to key): number}."""
    out = {}
    for row in value:
        cols = [k for k in row if k not in ("from", "to")]
        col = column or (cols[0] if len(cols) == 1 else "betweenness")
        u = node_key(graph.back.get(row["from"], row["from"]))
        v = node_key(graph.back.get(row["to"], row["to"]))
        out[(u, v)] = number(row[col])
    return out


def expected_items(case, graph):
    """The expected values as [(label, key, want)]; key is a node key, a tie
    (u, v), or None for a single number."""
    want = case["expected"]
    kind = case.get("compare", "auto")
    if kind == "ties":
        if isinstance(want, str):
            want = igraph_vector(want)
        if isinstance(want, list):
            ties = case.get("ties") or [(u, v) for u, v, _ in graph.edges]
            if len(ties) != len(want):
                raise CaseError("%d values for %d ties" % (len(want), len(ties)))
            return [("tie %s-%s" % (u, v), (node_key(u), node_key(v)), w)
                    for (u, v), w in zip(ties, want)]
        items = []
        for k, w in want.items():
            u, v = k.split(",")
            items.append(("tie %s-%s" % (u, v), (u.strip(), v.strip()), w))
        return items
    if isinstance(want, str) and want.strip().startswith("("):
        want = igraph_vector(want)
    if isinstance(want, list):
        nodes = case.get("nodes", graph.nodes)
        if len(nodes) != len(want):
            raise CaseError("%d values for %d vertices" % (len(want), len(nodes)))
        return [(str(n), node_key(n), w) for n, w in zip(nodes, want)]
    if isinstance(want, dict) and "ranges" in want:  # [[first, last, value], …]
        return [(str(v), node_key(v), w) for lo, hi, w in want["ranges"]
                for v in range(lo, hi + 1)]
    if isinstance(want, dict):
        return [(k, node_key(k), w) for k, w in want.items()]
    return [("value", None, want)]


def self_check():
    """The comparisons themselves, on values whose verdict is known: the
    runner is checked before it checks cnet.  Returns the failures."""
    third = 1 / 3
    known = [
        (close(0.333, third, {"abs": 1e-3}), True),     # pytest, abs only
        (close(0.333, third, {"abs": 1e-4}), False),
        (close(0.333, third, {"rel": 1e-6, "abs": 1e-12}), False),
        (close("1/3", third, {"rel": 1e-6, "abs": 1e-12}), True),
        (close(0.33333, third, {"places": 5}), True),   # round(diff, 5) == 0
        (close(0.3333, third, {"places": 5}), False),
        (close("0.333333", third, {"printf": "%g"}), True),
        (close("0.333334", third, {"printf": "%g"}), False),
        (close("NaN", math.nan, {"printf": "%g"}), True),
        (close("nan", math.nan, {"abs": 1}), True),
        (close(0, math.nan, {"abs": 1}), False),        # NaN is not 0
        (close("Inf", math.inf, {"exact": True}), True),
        (close("Inf", math.nan, {"exact": True}), False),
        (number("1.667/2") == 0.8335, True),
        (igraph_vector("( 1 NaN )") == ["1", "NaN"], True),
        (actor_name(0) == "v0" and actor_name("Medici") == "Medici", True),
    ]
    return [i for i, (got, want) in enumerate(known) if got != want]


class Runner:
    def __init__(self):
        self.passed = self.failed = 0
        self.needs = {}        # option -> failing values
        self.missing = {}      # feature -> values not counted
        self.cases = {}        # origin -> [cases, values]

    def fail(self, what):
        self.failed += 1
        print("FAIL " + what)

    def check_case(self, where, case, graph, result, error):
        tol = case["tol"]
        needs = case.get("needs")
        missing = case.get("missing")
        tag = (" [needs %s]" % needs) if needs else ""
        if "expect_error" in case:
            ok = error is not None and case["expect_error"] in error
            return self.tally(where, [(ok, "cnet refuses it (%s)" % case["expect_error"],
                                       error or "no error")], needs, missing)
        if error is not None:
            n = max(1, len(expected_items(case, graph))) if "expected" in case else 1
            first = error.splitlines()[0] if error else "no output"
            return self.tally(where, [(False, "cnet failed: " + first, None)] * n,
                              needs, missing, tag, one_line=True)
        kind = case.get("compare", "auto")
        outcomes = []
        if kind in ("partition", "membership"):
            got = result
            if got and isinstance(got[0], dict):
                got = [row["actors"] for row in got]
            got = sorted(sorted(node_key(graph.back.get(a, a)) for a in c) for c in got)
            want = case["expected"]
            if kind == "membership":  # igraph: the component of each vertex
                ids = igraph_vector(want) if isinstance(want, str) else want
                want = {}
                for node, c in zip(graph.nodes, ids):
                    want.setdefault(str(c), []).append(node)
                want = list(want.values())
            want = sorted(sorted(node_key(a) for a in c) for c in want)
            outcomes.append((got == want, "components %s" % want, got))
        elif kind == "path":
            got = [node_key(graph.back.get(a, a)) for a in result]
            want = [node_key(a) for a in case["expected"]]
            outcomes.append((got == want, "path %s" % want, got))
        else:
            items = expected_items(case, graph)
            if kind == "ties":
                got = per_tie(result, graph, case.get("column"))
                if not graph.directed:
                    got.update({(v, u): x for (u, v), x in list(got.items())})
            elif items and items[0][1] is None:
                got = {None: number(result)}
            else:
                got = per_actor(result, graph, case.get("column"))
            for label, key, want in items:
                g = got.get(key)
                if g is None:
                    outcomes.append((False, "%s: no such row" % label, None))
                    continue
                ok = close(want, g, tol)
                outcomes.append((ok, "%s: expected %s" % (label, want), g))
            if "differs" in case:
                self.check_still_differs(where, case, graph, got, tol)
        return self.tally(where, outcomes, needs, missing, tag)

    def check_still_differs(self, where, case, graph, got, tol):
        """An expected-to-differ case must still differ from the peer."""
        peer = expected_items(dict(case, expected=case["differs"]["peer"]), graph)
        if all(got.get(key) is not None and close(want, got[key], tol)
               for _, key, want in peer):
            self.fail("%s: cnet now gives the peer's value; drop \"differs\"" % where)

    def tally(self, where, outcomes, needs, missing, tag="", one_line=False):
        bad = [(what, got) for ok, what, got in outcomes if not ok]
        if missing:
            if bad:
                self.missing[missing] = self.missing.get(missing, 0) + len(outcomes)
            else:
                self.fail("%s: passes now; drop \"missing\": %s" % (where, missing))
            return len(outcomes)
        self.passed += len(outcomes) - len(bad)
        if one_line or (needs and bad):  # one line for the case
            self.failed += len(bad)
            what, got = bad[0]
            print("FAIL %s%s — %s%s (%d of %d values)" % (
                where, tag, what, "" if one_line else ", got %r" % (got,),
                len(bad), len(outcomes)))
        else:
            for what, got in bad[:8]:
                self.fail("%s%s — %s, got %r" % (where, tag, what, got))
            if len(bad) > 8:
                self.failed += len(bad) - 8
                print("FAIL %s%s — %d values in all" % (where, tag, len(bad)))
        if needs and bad:
            self.needs[needs] = self.needs.get(needs, 0) + len(bad)
        return len(outcomes)

    def run_file(self, cnet, path, only):
        rel = os.path.relpath(path, HERE)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for key in ("origin", "repository", "path", "commit", "cases"):
            if key not in doc:
                raise CaseError("%s: no %r" % (rel, key))
        named = {k: build_graph(v, {}) for k, v in doc.get("graphs", {}).items()}
        default_tol = doc.get("tol", PYTEST_DEFAULT)
        groups = {}
        for i, case in enumerate(doc["cases"]):
            if "test" not in case or "query" not in case:
                raise CaseError("%s: case %d needs a test and a query" % (rel, i + 1))
            if "expected" not in case and "expect_error" not in case:
                raise CaseError("%s: case %d has no expected value" % (rel, i + 1))
            if "differs" in case and ("peer" not in case["differs"] or "why" not in case["differs"]):
                raise CaseError("%s: case %d: differs needs peer and why" % (rel, i + 1))
            where = "%s: %s: %s" % (rel, case["test"], case["query"])
            if only and only not in where:
                continue
            case = dict(case, tol=case.get("tol", default_tol))
            gspec = case.get("graph")
            gkey = json.dumps(gspec, sort_keys=True)
            if gkey not in groups:
                groups[gkey] = (build_graph(gspec, named), [])
            groups[gkey][1].append((where, case))
        stats = self.cases.setdefault(doc["origin"], [0, 0])
        for graph, cases in groups.values():
            script = graph.script()
            plain = [c for c in cases if "expect_error" not in c[1]]
            answers = run_cnet(cnet, script, [c["query"] for _, c in plain]) if plain else []
            for (where, case), (res, err) in zip(plain, answers):
                stats[0] += 1
                stats[1] += self.check_case(where, case, graph, res, err)
            for where, case in cases:
                if "expect_error" in case:
                    (_, err), = run_cnet(cnet, script, [case["query"]])
                    stats[0] += 1
                    stats[1] += self.check_case(where, case, graph, None, err)


def main():
    if len(sys.argv) < 2:
        print("usage: run.py CNET [TEXT]", file=sys.stderr)
        sys.exit(2)
    cnet = os.path.abspath(sys.argv[1])
    only = sys.argv[2] if len(sys.argv) > 2 else ""
    R = Runner()
    for i in self_check():
        R.fail("run.py's own check %d: a comparison gives the wrong verdict" % i)
    for path in sorted(glob.glob(os.path.join(HERE, "*", "*.cases.json"))):
        try:
            R.run_file(cnet, path, only)
        except (CaseError, ValueError, KeyError, TypeError) as e:
            R.fail("%s: %s: %s" % (os.path.relpath(path, HERE), type(e).__name__, e))
    for origin, (c, v) in sorted(R.cases.items()):
        if c:
            print("%s: %d cases, %d values" % (origin, c, v))
    for opt, n in sorted(R.needs.items()):
        print("needs %s: %d values fail until it exists" % (opt, n))
    for feat, n in sorted(R.missing.items()):
        print("not counted (cnet has no %s): %d values" % (feat, n))
    print("%d passed, %d failed" % (R.passed, R.failed))
    sys.exit(1 if R.failed else 0)


if __name__ == "__main__":
    main()
