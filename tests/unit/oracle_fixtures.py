#!/usr/bin/env python3
"""oracle_fixtures.py — turn the oracle vectors into fixtures for test_measures.

Usage: python3 tests/unit/oracle_fixtures.py VECTORS_DIR OUT_DIR

For every graph NAME in VECTORS_DIR (NAME.edges, NAME.groups, NAME.json) and
every variant (unweighted: every record has weight 1; weighted: the file's
weights) it writes OUT_DIR/NAME.VARIANT.fx, a line format the C test reads:

    graph NAME.VARIANT
    n N
    directed 0|1
    vertex INDEX NAME
    edge U V W DIRECTED          one tie record, as the runtime would get it
    group V G                    brokerage partition (G = int label)
    expect MEASURE V VALUE       per-vertex value
    expect_pair MEASURE U V VALUE
    expect_graph MEASURE VALUE
    # ORACLE                     comment: where the following lines come from

Values are Python floats (nan, inf).  Which oracle section feeds which
measure follows vectors/README.md and the conventions of docs/measures.md, which has
the table.  Python 3 standard library only.
"""

import json
import math
import os
import sys

GF_COLS = ["w_I", "w_O", "b_IO", "b_OI", "b_O", "t"]


def num(x):
    if isinstance(x, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[x]
    return float(x)


def fmt(x):
    return repr(num(x))


def read_edges(path):
    directed = False
    nodes, edges = [], []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if line.startswith("#"):
                if line.startswith("# directed:"):
                    directed = line.split(":", 1)[1].strip() == "true"
                continue
            t = line.split()
            for name in t[:2]:
                if name not in nodes:
                    nodes.append(name)
            if len(t) >= 2:
                w = float(t[2]) if len(t) >= 3 else 1.0
                edges.append((t[0], t[1], w))
    return directed, nodes, edges


def node_name(x):
    """make_vectors.py's enc() writes list items such as the node "0" as the
    number 0.0 (dict keys stay strings); map them back to the name."""
    if isinstance(x, str):
        return x
    return str(int(x)) if float(x).is_integer() else repr(x)


def usable(d):
    """A per-node dict or list from the JSON, or None for a library refusal."""
    return None if d is None or (isinstance(d, dict) and "error" in d) else d


class Fixture:
    def __init__(self, name, nodes):
        self.lines = []
        self.idx = {v: i for i, v in enumerate(nodes)}
        self.nodes = nodes
        self.count = 0
        self.name = name

    def comment(self, text):
        self.lines.append("# " + text)

    def per_vertex(self, measure, values, oracle):
        values = usable(values)
        if values is None:
            return
        self.comment(oracle)
        for v in self.nodes:
            self.lines.append("expect %s %d %s" % (measure, self.idx[v], fmt(values[v])))
            self.count += 1

    def graph_value(self, measure, value, oracle):
        self.comment(oracle)
        self.lines.append("expect_graph %s %s" % (measure, fmt(value)))
        self.count += 1

    def components(self, measure, comps, oracle):
        """comps: lists of names, sorted by first member = our numbering."""
        comps = usable(comps)
        if comps is None:
            return
        comps = [[node_name(v) for v in members] for members in comps]
        label = {}
        for c, members in enumerate(sorted(comps, key=lambda m: min(self.idx[v] for v in m))):
            for v in members:
                label[v] = c
        self.per_vertex("comp_" + measure, label, oracle)
        self.graph_value("ncomp_" + measure, len(comps), oracle)


def disagrees(doc, measure):
    return any(d.get("measure") == measure for d in doc["disagreements_networkx_vs_igraph"])


def build(vdir, name, variant):
    doc = json.load(open(os.path.join(vdir, name + ".json")))
    directed, file_nodes, edges = read_edges(os.path.join(vdir, doc["edges_file"]))
    nodes = [node_name(v) for v in doc["nodes"]]
    assert directed == doc["directed"] and file_nodes == nodes, name
    weighted = variant == "weighted"
    fx = Fixture(name + "." + variant, nodes)
    idx = fx.idx

    multi = doc["multigraph"]
    loops = any(u == v for u, v, _ in edges)
    zero = weighted and any(w == 0 for _, _, w in edges)
    # Path / count oracles on the binary projection (README: 09 collapsed,
    # 11 loops removed).  A weighted fixture with zero-weight ties is another
    # graph once they are dropped, so binary-projection oracles don't apply.
    if multi:
        P = doc["networkx_collapsed_sum_weights"]
        Pname = "networkx_collapsed_sum_weights"
    elif loops:
        P = doc["networkx_loops_removed"]
        Pname = "networkx_loops_removed"
    else:
        P = doc["networkx"]
        Pname = "networkx"
    IG = None if multi else doc["igraph"]  # igraph counts parallel geodesics
    binary_ok = not zero
    lengths_ok = weighted and not zero
    if zero:
        R = doc["reference_zero_weight_ties_dropped"][variant]
        Rname = "reference_zero_weight_ties_dropped." + variant
    else:
        R = doc["reference"][variant]
        Rname = "reference." + variant
    sna = doc.get("sna", {})

    head = ["graph %s" % fx.name, "n %d" % len(nodes), "directed %d" % directed]
    head += ["vertex %d %s" % (i, v) for i, v in enumerate(nodes)]
    for u, v, w in edges:
        head.append("edge %d %d %r %d" % (idx[u], idx[v], w if weighted else 1.0, directed))
    gpath = os.path.join(vdir, name + ".groups")
    if os.path.exists(gpath):
        labels = []
        for line in open(gpath):
            t = line.split()
            if not t or t[0].startswith("#"):
                continue
            if t[1] not in labels:
                labels.append(t[1])
            head.append("group %d %d" % (idx[t[0]], labels.index(t[1])))

    # -- structural holes: reference (docs/measures.md C3-C4) ------------------
    for m in ("constraint", "effective_size", "efficiency", "hierarchy"):
        fx.per_vertex(m, R[m], "%s.%s" % (Rname, m))
    fx.comment(Rname + ".local_constraint")
    for ego, row in R["local_constraint"].items():
        for alter, c in row.items():
            fx.lines.append("expect_pair local_constraint %d %d %s" % (idx[ego], idx[alter], fmt(c)))
            fx.count += 1
    if "effective_size_borgatti" in R and not multi:
        fx.per_vertex("effective_size", R["effective_size_borgatti"], Rname + ".effective_size_borgatti")
    if not loops and not zero:  # igraph keeps loops and zero-weight contacts
        fx.per_vertex("constraint", doc["igraph"][variant]["constraint"], "igraph.%s.constraint" % variant)
    # contacts = in ∪ out, so the number of contacts is the und degree
    fx.per_vertex("degree", {v: len(R["local_constraint"][v]) for v in nodes},
                  Rname + ".local_constraint (number of contacts)")

    # -- degree and strength ------------------------------------------------
    if binary_ok:
        if not directed:
            fx.per_vertex("degree", P["unweighted"]["degree"], Pname + ".unweighted.degree")
            fx.per_vertex("degree", sna.get("degree_freeman_binary"), "sna.degree_freeman_binary")
        else:
            fx.per_vertex("in_degree", doc["networkx"]["unweighted"]["in_degree"], "networkx.unweighted.in_degree")
            fx.per_vertex("out_degree", doc["networkx"]["unweighted"]["out_degree"], "networkx.unweighted.out_degree")
    if weighted:
        fx.per_vertex("strength", P["weighted"]["strength"], Pname + ".weighted.strength")
        fx.per_vertex("strength", sna.get("degree_freeman_valued"), "sna.degree_freeman_valued")
    else:
        # unit weights: strength = number of tie records (parallel ones too)
        src = doc["networkx_loops_removed"] if loops else doc["networkx"]
        fx.per_vertex("strength", src["unweighted"]["degree"],
                      ("networkx_loops_removed" if loops else "networkx") + ".unweighted.degree")

    # -- betweenness (docs/measures.md C5) ------------------------------------
    if binary_ok:
        fx.per_vertex("betweenness_hops", P["unweighted"]["betweenness_raw"], Pname + ".unweighted.betweenness_raw")
        fx.per_vertex("betweenness_norm_hops", P["unweighted"]["betweenness_normalized"],
                      Pname + ".unweighted.betweenness_normalized")
        fx.per_vertex("betweenness_hops", sna.get("betweenness"), "sna.betweenness")
        if IG:
            fx.per_vertex("betweenness_hops", IG["unweighted"]["betweenness_raw"], "igraph.unweighted.betweenness_raw")
    if lengths_ok:
        if IG:
            fx.per_vertex("betweenness_weight", IG["weighted"]["betweenness_raw"], "igraph.weighted.betweenness_raw")
        # lengths take the shortest parallel tie, as NetworkX does on the
        # multigraph itself (not on a graph with summed weights)
        L, Lname = (doc["networkx"], "networkx") if multi else (P, Pname)
        if disagrees(doc, "weighted/betweenness_raw") and not multi:
            fx.comment("networkx.weighted.betweenness_* skipped: exact float ties, we follow igraph's epsilon")
        else:
            fx.per_vertex("betweenness_weight", L["weighted"]["betweenness_raw"], Lname + ".weighted.betweenness_raw")
            fx.per_vertex("betweenness_norm_weight", L["weighted"]["betweenness_normalized"],
                          Lname + ".weighted.betweenness_normalized")

    # -- closeness and harmonic (docs/measures.md C6) -------------------------
    for variant_k, suffix, ok in (("unweighted", "hops", binary_ok), ("weighted", "weight", lengths_ok)):
        if not ok:
            continue
        # distances in igraph take the shortest parallel edge, as ours do
        IGd = doc["igraph"] if IG or variant_k == "weighted" else None
        if not directed:
            if IGd:
                clo = IGd[variant_k]["closeness_default_args"]
                clo_name = "igraph.%s.closeness_default_args" % variant_k
                har = IGd[variant_k]["harmonic_raw_default_mode"]
                har_name = "igraph.%s.harmonic_raw_default_mode" % variant_k
                fx.per_vertex("harmonic_norm_all_" + suffix, IGd[variant_k]["harmonic_normalized"],
                              "igraph.%s.harmonic_normalized" % variant_k)
            else:
                # networkx gives 0 where igraph/we give NaN: only usable when
                # every vertex reaches another one
                clo = P[variant_k]["closeness_no_wf"]
                assert all(num(x) > 0 for x in clo.values()), name
                clo_name = "%s.%s.closeness_no_wf" % (Pname, variant_k)
                har = P[variant_k]["harmonic"]
                har_name = "%s.%s.harmonic" % (Pname, variant_k)
            for mode in ("all", "out", "in"):
                fx.per_vertex("closeness_%s_%s" % (mode, suffix), clo, clo_name)
                fx.per_vertex("harmonic_%s_%s" % (mode, suffix), har, har_name)
        else:
            ig = doc["igraph"][variant_k]
            # mode "all" on weighted digraphs: the shorter of the two arcs
            for mode in ("out", "in", "all"):
                fx.per_vertex("closeness_%s_%s" % (mode, suffix), ig["closeness_mode_%s_normalized" % mode],
                              "igraph.%s.closeness_mode_%s_normalized" % (variant_k, mode))
            fx.per_vertex("harmonic_in_" + suffix, ig["harmonic_raw_mode_in"], "igraph.%s.harmonic_raw_mode_in" % variant_k)
            fx.per_vertex("harmonic_out_" + suffix, ig["harmonic_raw_mode_out"], "igraph.%s.harmonic_raw_mode_out" % variant_k)
            fx.per_vertex("harmonic_in_" + suffix, doc["networkx"][variant_k]["harmonic"],
                          "networkx.%s.harmonic (incoming distances)" % variant_k)
            fx.per_vertex("harmonic_all_" + suffix, ig["harmonic_raw_default_mode"],
                          "igraph.%s.harmonic_raw_default_mode" % variant_k)
            fx.per_vertex("harmonic_norm_all_" + suffix, ig["harmonic_normalized"],
                          "igraph.%s.harmonic_normalized" % variant_k)
    if binary_ok:
        fx.per_vertex("harmonic_norm_all_hops", sna.get("closeness_suminvundir"), "sna.closeness_suminvundir")
        if directed:
            fx.per_vertex("harmonic_norm_out_hops", sna.get("closeness_suminvdir"), "sna.closeness_suminvdir")

    # -- density (docs/measures.md C7) and components -------------------------
    if binary_ok:
        if "gden" in sna:
            fx.graph_value("density", sna["gden"], "sna.gden")
        if multi or loops:
            fx.graph_value("density", P["unweighted"]["density"], Pname + ".unweighted.density")
        else:
            fx.graph_value("density", doc["igraph"][variant]["density_loops_false"],
                           "igraph.%s.density_loops_false" % variant)
        if directed:
            fx.components("weak", P["unweighted"]["weak_components"], Pname + ".unweighted.weak_components")
            fx.components("strong", P["unweighted"]["strong_components"], Pname + ".unweighted.strong_components")
        else:
            # a symmetric digraph's strong components are the components
            fx.components("weak", P["unweighted"]["components"], Pname + ".unweighted.components")
            fx.components("strong", P["unweighted"]["components"], Pname + ".unweighted.components")

    # -- Gould-Fernandez brokerage (docs/measures.md C8) -----------------
    b = sna.get("brokerage")
    if b and binary_ok and not weighted:
        for kind in ("raw", "exp", "sd", "z"):
            rows = b[kind + ".nli"]
            for c in GF_COLS:
                fx.per_vertex("gf_%s_%s" % (kind, c), {v: rows[v][c] for v in nodes},
                              "sna.brokerage.%s.nli[%s]" % (kind, c))
            for c in GF_COLS:
                fx.graph_value("gfg_%s_%s" % (kind, c), b[kind + ".gli"][c], "sna.brokerage.%s.gli[%s]" % (kind, c))

    return fx.name, "\n".join(head + fx.lines) + "\n", fx.count


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: oracle_fixtures.py VECTORS_DIR OUT_DIR\n")
        return 2
    vdir, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    index = json.load(open(os.path.join(vdir, "INDEX.json")))
    total = 0
    for g in index["graphs"]:
        variants = ["unweighted"] + (["weighted"] if g["weighted"] else [])
        for variant in variants:
            fname, text, count = build(vdir, g["name"], variant)
            with open(os.path.join(out, fname + ".fx"), "w") as f:
                f.write(text)
            total += count
    print("%d fixtures, %d expected values" % (
        sum(1 + g["weighted"] for g in index["graphs"]), total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
