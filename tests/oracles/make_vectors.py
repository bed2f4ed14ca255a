#!/usr/bin/env python3
"""make_vectors.py -- regenerate the oracle vectors from the reference libraries.

    python3 tests/oracles/make_vectors.py [--out DIR] [VECTOR_DIR]
    python3 tests/oracles/make_vectors.py --check [VECTOR_DIR]
    python3 tests/oracles/make_vectors.py --check-reference [VECTOR_DIR]

VECTOR_DIR (default: vectors/ next to this script) holds the inputs of record,
NAME.edges and NAME.groups.  For each graph the script writes NAME.json --
what NetworkX, python-igraph and R sna (through sna_vectors.R) return, and
the plain-Python `reference` values under the conventions C1-C8 of
docs/measures.md -- and INDEX.json with the library versions; into
VECTOR_DIR, or into DIR with --out.  vectors/README.md describes the keys.

--check regenerates into a temporary folder and compares every value with
the committed JSON: numbers at a relative 1e-12, NaN equal only to NaN,
everything else exactly (the prose in `notes` and `note` is not compared).
It prints each difference and exits 1 if there is one.  --check-reference
does the same for the `reference` sections only (reference.py), with the
standard library alone: `make check` runs that.

Otherwise a maintainer tool: it needs Debian 12's python3-networkx (2.8.8)
and python3-igraph (0.10.2) -- run it with the system python3 -- and
r-cran-sna with r-cran-jsonlite.
"""

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
from reference import arcs, hierarchy, reference_sections, tie_sums  # noqa: E402
from vector_graph import VectorGraph  # noqa: E402
from network_vectors import network_sections  # noqa: E402

try:
    import igraph
    import networkx as nx
    LIBRARIES = None
except ImportError as e:   # --check-reference needs neither
    LIBRARIES = e

HERE = os.path.dirname(os.path.abspath(__file__))
GF_ROLES = {"w_I": "coordinator", "w_O": "itinerant (UCINET: consultant)",
            "b_IO": "representative", "b_OI": "gatekeeper", "b_O": "liaison",
            "t": "total"}
CHECK_TOL = 1e-12      # --check: relative
AGREE_TOL = 1e-9       # networkx vs igraph: what counts as a disagreement


# -- values ---------------------------------------------------------------

def attempt(compute):
    """A library refusal is data: {"error": "Type: message"}."""
    try:
        return compute()
    except Exception as e:  # noqa: BLE001 -- any refusal is recorded
        return {"error": "%s: %s" % (type(e).__name__, e)}


def failed(value):
    return isinstance(value, dict) and set(value) == {"error"}


def by_node(spec, values):
    """A library's per-node list (node order) or dict as a dict in node order."""
    if isinstance(values, dict):
        return {v: values[v] for v in spec.nodes}
    return {v: values[i] for i, v in enumerate(spec.nodes)}


def encode(x):
    """JSON has no NaN or infinity: the vectors spell them as strings."""
    if isinstance(x, float):
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    if isinstance(x, dict):
        return {k: encode(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [encode(v) for v in x]
    return x


# -- NetworkX -------------------------------------------------------------

def nx_graph(spec, variant, records=None, simple=False):
    """The NetworkX graph of a variant.  simple=True collapses parallel
    records into one edge whose weight is their sum (or, unweighted, none)."""
    records = spec.records if records is None else records
    if simple or not spec.multigraph:
        G = nx.DiGraph() if spec.directed else nx.Graph()
    else:
        G = nx.MultiDiGraph() if spec.directed else nx.MultiGraph()
    G.add_nodes_from(spec.nodes)
    for u, v, w, _ in records:
        if variant != "weighted":
            G.add_edge(u, v)
        elif simple and G.has_edge(u, v):
            G[u][v]["weight"] += w
        else:
            G.add_edge(u, v, weight=w)
    return G


def nx_section(spec, G, variant):
    weighted = variant == "weighted"
    w = "weight" if weighted else None
    out = {"degree": by_node(spec, dict(G.degree()))}
    if spec.directed:
        out["in_degree"] = by_node(spec, dict(G.in_degree()))
        out["out_degree"] = by_node(spec, dict(G.out_degree()))
    if weighted:
        out["strength"] = by_node(spec, dict(G.degree(weight="weight")))
    out["constraint"] = attempt(lambda: by_node(spec, nx.constraint(G, weight=w)))
    # ego -> every in- or out-neighbour (ego itself when it has a loop)
    out["local_constraint"] = attempt(lambda: {
        v: {u: nx.local_constraint(G, v, u, weight=w)
            for u in spec.sorted_nodes(set(nx.all_neighbors(G, v)))}
        for v in spec.nodes})
    out["effective_size"] = attempt(lambda: by_node(spec, nx.effective_size(G, weight=w)))
    if not weighted:
        # the graph has no weight attribute: Burt's general branch, unit weights
        out["effective_size_burt_general_unit_weights"] = attempt(
            lambda: by_node(spec, nx.effective_size(G, weight="weight")))
    es = out["effective_size"]
    alters = {v: len(set(nx.all_neighbors(G, v)) - {v}) for v in spec.nodes}
    out["efficiency_es_over_distinct_alters"] = es if failed(es) else {
        v: es[v] / alters[v] if alters[v] else math.nan for v in spec.nodes}
    lc = out["local_constraint"]
    out["hierarchy_derived_from_nx_local_constraint"] = lc if failed(lc) else {
        v: hierarchy([c for u, c in lc[v].items() if u != v]) for v in spec.nodes}
    out["betweenness_raw"] = by_node(spec, nx.betweenness_centrality(G, normalized=False, weight=w))
    out["betweenness_normalized"] = by_node(spec, nx.betweenness_centrality(G, normalized=True, weight=w))
    out["closeness_wf_improved"] = by_node(spec, nx.closeness_centrality(G, distance=w))
    out["closeness_no_wf"] = by_node(spec, nx.closeness_centrality(G, distance=w, wf_improved=False))
    out["harmonic"] = by_node(spec, nx.harmonic_centrality(G, distance=w))
    out["density"] = nx.density(G)
    if spec.directed:
        out["weak_components"] = spec.partition(nx.weakly_connected_components(G))
        out["strong_components"] = spec.partition(nx.strongly_connected_components(G))
    else:
        out["components"] = spec.partition(nx.connected_components(G))
    out["core_number"] = attempt(lambda: by_node(spec, nx.core_number(G)))  # refuses loops
    if not spec.directed:
        out["bridges"] = spec.pairs(nx.bridges(G))
        out["articulation_points"] = spec.sorted_nodes(nx.articulation_points(G))
    return out


# -- python-igraph --------------------------------------------------------

def ig_graph(spec, variant):
    g = igraph.Graph(n=len(spec.nodes), directed=spec.directed,
                     edges=[(spec.index[u], spec.index[v]) for u, v, _, _ in spec.records])
    g.vs["name"] = spec.nodes
    if variant == "weighted":
        g.es["weight"] = [w for _, _, w, _ in spec.records]
    return g


def ig_section(spec, g, variant):
    weighted = variant == "weighted"
    w = "weight" if weighted else None
    names = lambda ids: [spec.nodes[i] for i in ids]  # noqa: E731
    per = lambda f: attempt(lambda: by_node(spec, f()))  # noqa: E731
    out = {"degree": by_node(spec, g.degree()),
           "degree_no_loops": by_node(spec, g.degree(loops=False))}
    if spec.directed:
        out["in_degree"] = by_node(spec, g.degree(mode="in"))
        out["out_degree"] = by_node(spec, g.degree(mode="out"))
    if weighted:
        out["strength"] = by_node(spec, g.strength(weights=w))
    out["constraint"] = per(lambda: g.constraint(weights=w))
    out["betweenness_raw"] = per(lambda: g.betweenness(weights=w))
    out["closeness_default_args"] = per(lambda: g.closeness(weights=w))
    if spec.directed:
        for mode in ("out", "in", "all"):
            out["closeness_mode_%s_normalized" % mode] = per(
                lambda mode=mode: g.closeness(mode=mode, weights=w, normalized=True))
    out["closeness_unnormalized"] = per(lambda: g.closeness(weights=w, normalized=False))
    out["harmonic_raw_default_mode"] = per(lambda: g.harmonic_centrality(weights=w, normalized=False))
    if spec.directed:
        for mode in ("in", "out"):
            out["harmonic_raw_mode_%s" % mode] = per(
                lambda mode=mode: g.harmonic_centrality(mode=mode, weights=w, normalized=False))
    out["harmonic_normalized"] = per(lambda: g.harmonic_centrality(weights=w))
    out["density_loops_false"] = g.density(loops=False)
    out["density_loops_true"] = g.density(loops=True)
    parts = lambda mode: spec.partition(names(c) for c in g.connected_components(mode=mode))  # noqa: E731
    if spec.directed:
        out["weak_components"] = parts("weak")
        out["strong_components"] = parts("strong")
    else:
        out["components"] = parts("strong")
    out["coreness"] = by_node(spec, g.coreness())
    if not spec.directed:
        out["bridges"] = spec.pairs(names(g.es[e].tuple) for e in g.bridges())
        out["articulation_points"] = spec.sorted_nodes(names(g.articulation_points()))
    return out


# -- R sna ------------------------------------------------------------------

def sna_input(spec):
    A = arcs(spec)
    n = len(spec.nodes)
    val = [[0] * n for _ in range(n)]
    for u, row in tie_sums(spec, "weighted").items():
        for v, w in row.items():
            val[spec.index[u]][spec.index[v]] = w
    return {"name": spec.name, "nodes": spec.nodes, "directed": spec.directed,
            "weighted": spec.weighted,
            "bin": [[1 if (u, v) in A else 0 for v in spec.nodes] for u in spec.nodes],
            "val": val,
            "groups": [spec.groups[v] for v in spec.nodes] if spec.groups else None}


def from_r(x):
    """sna_vectors.R writes each number as a 17-digit string.  R has one
    number type: an integral value becomes an int, as jsonlite prints it."""
    if isinstance(x, dict):
        return {k: from_r(v) for k, v in x.items()}
    if isinstance(x, list):
        return [from_r(v) for v in x]
    if not isinstance(x, str):
        return x
    special = {"NaN": math.nan, "Inf": math.inf, "-Inf": -math.inf}
    if x in special:
        return special[x]
    if x == "NA":
        raise SystemExit("sna returned NA")
    f = float(x)
    return int(f) if f.is_integer() else f


def run_sna(specs):
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.json"), os.path.join(tmp, "out.json")
        with open(src, "w", encoding="utf-8") as f:
            json.dump([sna_input(s) for s in specs], f)
        try:
            r = subprocess.run(["Rscript", os.path.join(HERE, "sna_vectors.R"), src, dst],
                               capture_output=True, text=True)
        except FileNotFoundError:
            raise SystemExit("make_vectors.py: Rscript not found (Debian: r-base-core, "
                             "r-cran-sna, r-cran-jsonlite)")
        if r.returncode != 0:
            raise SystemExit("make_vectors.py: sna_vectors.R failed:\n" + r.stderr)
        with open(dst, encoding="utf-8") as f:
            out = json.load(f)
    graphs = {}
    for name, values in out["graphs"].items():
        b = values.pop("brokerage", None)
        graphs[name] = {"sna_version": out["sna_version"], **from_r(values)}
        if b is not None:
            clid = b.pop("clid")        # group labels, not numbers
            b = from_r(b)
            graphs[name]["brokerage"] = {
                "columns": dict(GF_ROLES),
                **{k: b[k] for k in ("raw.nli", "exp.nli", "sd.nli", "z.nli",
                                     "raw.gli", "exp.gli", "sd.gli", "z.gli")},
                "clid": clid, "n": b["n"], "N": b["N"], "density_d": b["density_d"]}
    return out["r_version"], out["sna_version"], graphs


# -- comparisons written into each file ----------------------------------------

def agree(a, b, tol):
    if isinstance(a, bool) or isinstance(b, bool) or not all(
            isinstance(x, (int, float)) for x in (a, b)):
        return a == b
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def disagreements(spec, nx_out, ig_out):
    """Every comparable NetworkX / igraph output that differs by more than 1e-9."""
    if spec.directed:
        closeness = ("closeness(nx wf_improved=False vs igraph mode=in)",
                     "closeness_mode_in_normalized")
        harmonic = "harmonic_raw_mode_in"
        shapes = ["weak_components", "strong_components"]
    else:
        closeness = ("closeness(nx wf_improved=False vs igraph normalized)",
                     "closeness_default_args")
        harmonic = "harmonic_raw_default_mode"
        shapes = ["components", "bridges", "articulation_points"]
    found = []
    for variant in spec.variants():
        nx_v, ig_v = nx_out[variant], ig_out[variant]
        per_node = [("degree", "degree", "degree")]
        if variant == "weighted":
            per_node.append(("strength", "strength", "strength"))
        per_node += [("constraint", "constraint", "constraint"),
                     ("betweenness_raw", "betweenness_raw", "betweenness_raw"),
                     ("core_number", "core_number", "coreness"),
                     (closeness[0], "closeness_no_wf", closeness[1]),
                     ("harmonic", "harmonic", harmonic)]
        for label, nk, ik in per_node:
            measure = "%s/%s" % (variant, label)
            a, b = nx_v[nk], ig_v[ik]
            if failed(a) or failed(b):
                if not (failed(a) and failed(b)):
                    found.append({"measure": measure, "node": None,
                                  "networkx": a["error"] if failed(a) else "ok",
                                  "igraph": b["error"] if failed(b) else "ok"})
                continue
            for v in spec.nodes:
                if not agree(a[v], b[v], AGREE_TOL):
                    found.append({"measure": measure, "node": v,
                                  "networkx": a[v], "igraph": b[v]})
        for label, nk, ik in [("density", "density", "density_loops_false")] + \
                [(k, k, k) for k in shapes]:
            if not agree(nx_v[nk], ig_v[ik], AGREE_TOL):
                found.append({"measure": "%s/%s" % (variant, label), "node": None,
                              "networkx": nx_v[nk], "igraph": ig_v[ik]})
    return found


def notes(spec, doc):
    """Where the reference departs from a library, in words."""
    out = []
    for variant in spec.variants():
        ref = doc["reference"][variant]
        nx_v, ig_v = doc["networkx"][variant], doc["igraph"][variant]
        es_key = "effective_size" if variant == "weighted" else \
            "effective_size_burt_general_unit_weights"
        for what, mine, lib, theirs in (
                ("constraint", ref["constraint"], "igraph", ig_v["constraint"]),
                ("constraint", ref["constraint"], "networkx", nx_v["constraint"]),
                ("effective size", ref["effective_size"], "networkx " + es_key, nx_v[es_key])):
            if failed(theirs):
                continue
            for v in spec.nodes:
                if not agree(mine[v], theirs[v], AGREE_TOL):
                    out.append("%s %s of %s: reference %r, %s %r"
                               % (variant, what, v, mine[v], lib, theirs[v]))
    if spec.groups:
        out.append("reference.gould_fernandez_raw was checked equal to sna's brokerage raw.nli")
    return out


# -- one graph --------------------------------------------------------------------

def build(spec, sna):
    doc = {"graph": spec.name, "description": spec.description,
           "directed": spec.directed, "weighted": spec.weighted,
           "multigraph": spec.multigraph, "edges_file": spec.edges_file}
    if spec.groups_file:
        doc["groups_file"] = spec.groups_file
    doc.update(nodes=list(spec.nodes), n_nodes=len(spec.nodes),
               n_edge_records=len(spec.records))
    variants = spec.variants()
    doc["networkx"] = {v: nx_section(spec, nx_graph(spec, v), v) for v in variants}
    doc["igraph"] = {v: ig_section(spec, ig_graph(spec, v), v) for v in variants}
    doc.update(reference_sections(spec))
    if spec.groups and doc["reference"]["gould_fernandez_raw"] != sna["brokerage"]["raw.nli"]:
        raise SystemExit("%s: our Gould-Fernandez counts differ from sna's" % spec.name)
    if spec.multigraph:
        doc["networkx_collapsed_sum_weights"] = {
            v: nx_section(spec, nx_graph(spec, v, simple=True), v) for v in variants}
        doc["networkx_collapsed_sum_weights"]["note"] = (
            "NetworkX on a simple graph with one edge per pair: weight = the sum over the "
            "parallel ties (docs/measures.md C1); unweighted, each pair once")
        counts = nx_graph(spec, "unweighted", simple=True)
        nx.set_edge_attributes(counts, 0, "weight")
        for u, v, _, _ in spec.records:
            counts[u][v]["weight"] += 1
        doc["networkx_collapsed_tie_counts"] = {
            "constraint": by_node(spec, nx.constraint(counts, weight="weight")),
            "note": "NetworkX constraint on the simple graph whose weight is the number of "
                    "parallel ties: igraph's unweighted constraint on the multigraph"}
    if spec.has_loops():
        kept = [r for r in spec.records if r[0] != r[1]]
        doc["networkx_loops_removed"] = {
            v: nx_section(spec, nx_graph(spec, v, records=kept), v) for v in variants}
        doc["networkx_loops_removed"]["note"] = (
            "NetworkX with the self-loops removed (docs/measures.md C1): a vertex whose only "
            "tie is a loop becomes an isolate")
    doc["sna"] = sna
    doc["network"] = network_sections(spec, attempt, by_node)
    doc["disagreements_networkx_vs_igraph"] = disagreements(spec, doc["networkx"], doc["igraph"])
    doc["notes"] = notes(spec, doc)
    return doc


def write_json(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(encode(doc), f, indent=1, allow_nan=False)
        f.write("\n")


def graph_names(vdir):
    names = sorted(f[:-len(".edges")] for f in os.listdir(vdir) if f.endswith(".edges"))
    if not names:
        raise SystemExit("make_vectors.py: no .edges file in %s" % vdir)
    return names


def generate(vdir, out):
    specs = [VectorGraph(vdir, n) for n in graph_names(vdir)]
    r_version, sna_version, sna = run_sna(specs)
    os.makedirs(out, exist_ok=True)
    index = {"tools": {"networkx": nx.__version__,
                       "python_igraph": igraph.__version__,
                       "python": platform.python_version(),
                       "R_and_sna": "%s %s" % (r_version, sna_version)},
             "graphs": []}
    for spec in specs:
        doc = build(spec, sna[spec.name])
        write_json(os.path.join(out, spec.name + ".json"), doc)
        index["graphs"].append({
            "name": spec.name, "directed": spec.directed, "weighted": spec.weighted,
            "multigraph": spec.multigraph, "n_nodes": len(spec.nodes),
            "n_edge_records": len(spec.records),
            "n_disagreements": len(doc["disagreements_networkx_vs_igraph"]),
            "description": spec.description})
    write_json(os.path.join(out, "INDEX.json"), index)
    return [s.name + ".json" for s in specs] + ["INDEX.json"]


# -- --check ------------------------------------------------------------------------

PROSE = {"notes", "note"}
NAMES = {"nodes", "components", "weak_components", "strong_components", "bridges",
         "articulation_points", "node"}


def as_number(x):
    if isinstance(x, str) and x in ("NaN", "Infinity", "-Infinity"):
        return float(x.replace("Infinity", "inf"))
    return x


def as_name(x):
    """A node name; a number stands for the name it prints as (0.0 -> "0")."""
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return str(int(x)) if float(x).is_integer() else repr(x)
    return x


def same_value(a, b):
    """Numbers at a relative CHECK_TOL, NaN equal only to NaN, the rest exactly."""
    finite = [isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
              for x in (a, b)]
    if all(finite):
        return a == b or abs(a - b) <= CHECK_TOL * max(abs(a), abs(b))
    return agree(a, b, 0.0)


def compare(old, new, path, diffs, counts, names=False):
    """Append to diffs every value of new that is not the committed one."""
    if isinstance(old, dict) and isinstance(new, dict):
        for k in old:
            if k not in new:
                diffs.append("%s.%s: committed, not regenerated" % (path, k))
        for k in new:
            if k not in old:
                diffs.append("%s.%s: regenerated, not committed" % (path, k))
            elif k not in PROSE:
                compare(old[k], new[k], "%s.%s" % (path, k), diffs, counts,
                        names or k in NAMES)
        return
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            diffs.append("%s: %d items committed, %d regenerated" % (path, len(old), len(new)))
            return
        for i, (a, b) in enumerate(zip(old, new)):
            compare(a, b, "%s[%d]" % (path, i), diffs, counts, names)
        return
    if names:
        if as_name(old) is not old or as_name(new) is not new:
            counts[1] += 1
        old, new = as_name(old), as_name(new)
    else:
        old, new = as_number(old), as_number(new)
    counts[0] += 1
    if not same_value(old, new):
        diffs.append("%s: committed %r, regenerated %r" % (path, old, new))


def report(pairs):
    """pairs: (label, committed, regenerated); None for a missing file."""
    diffs, counts = [], [0, 0]     # values compared, names written as numbers
    for label, old, new in pairs:
        if old is None or new is None:
            diffs.append("%s: %s" % (label, "regenerated, not committed" if old is None
                                     else "committed, not regenerated"))
        else:
            compare(old, new, label, diffs, counts)
    for d in diffs:
        print(d)
    if counts[1]:
        print("%d node names are written as numbers (0.0 for \"0\"), compared as names"
              % counts[1])
    print("%d values compared, %d differ" % (counts[0], len(diffs)))
    return 1 if diffs else 0


def load(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check(vdir):
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(vdir, tmp)
        committed = sorted(f for f in os.listdir(vdir) if f.endswith(".json"))
        return report([(f[:-len(".json")], load(os.path.join(vdir, f)), load(os.path.join(tmp, f)))
                       for f in sorted(set(files) | set(committed))])


def check_reference(vdir):
    """The part of --check that needs no library: the `reference` sections."""
    pairs = []
    for name in graph_names(vdir):
        new = json.loads(json.dumps(encode(reference_sections(VectorGraph(vdir, name)))))
        old = load(os.path.join(vdir, name + ".json"))
        if old is not None:
            old = {k: old[k] for k in ("reference", "reference_zero_weight_ties_dropped")
                   if k in old}
        pairs.append((name, old, new))
    return report(pairs)


def main(argv):
    ap = argparse.ArgumentParser(
        prog="make_vectors.py",
        description="Regenerate the oracle vectors from NetworkX, python-igraph and R sna.")
    ap.add_argument("vdir", nargs="?", default=os.path.join(HERE, "vectors"),
                    metavar="VECTOR_DIR", help="the .edges/.groups inputs (default: %(default)s)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--out", metavar="DIR", help="write the JSON there, not into VECTOR_DIR")
    mode.add_argument("--check", action="store_true",
                      help="regenerate into a temporary folder and compare with VECTOR_DIR")
    mode.add_argument("--check-reference", action="store_true",
                      help="compare only the `reference` sections (standard library only)")
    args = ap.parse_args(argv)
    if args.check_reference:
        return check_reference(args.vdir)
    if LIBRARIES:
        raise SystemExit("make_vectors.py: %s -- run it with Debian's python3 "
                         "(python3-networkx, python3-igraph)" % LIBRARIES)
    if args.check:
        return check(args.vdir)
    out = args.out or args.vdir
    for f in generate(args.vdir, out):
        print(os.path.join(out, f))
    return 0


if __name__ == "__main__":
    # NetworkX sums over Python sets, whose order follows the string hash:
    # pin it so that two runs write the same bits.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable] + sys.argv,
                  dict(os.environ, PYTHONHASHSEED="0"))
    sys.exit(main(sys.argv[1:]))
