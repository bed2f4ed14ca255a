#!/usr/bin/python3
"""Write position.json: reference values for equivalence(), blocks(),
assortativity() and qap() (check_position.py checks cnet against them).

    /usr/bin/python3 tests/oracles/make_position_vectors.py   (Debian's python3)

The graphs are made here (NetworkX generators, fixed seeds); assortativity
comes from NetworkX and python-igraph (both must agree), the rest from R sna
through make_position_vectors.R.  Needs python3-networkx, python3-igraph,
r-cran-sna and r-cran-jsonlite; make check needs none of them, only the
committed JSON."""
import json
import os
import subprocess
import sys
import tempfile

import igraph
import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


def graphs():
    """(name, directed, nodes, A edges, B edges, exact) of each test graph."""
    out = []
    kite = nx.krackhardt_kite_graph()
    b = nx.gnm_random_graph(10, 14, seed=7)
    out.append(("kite", False, kite, b, False))
    d = nx.gnm_random_graph(12, 30, seed=3, directed=True)
    out.append(("directed12", True, d, nx.gnm_random_graph(12, 26, seed=4, directed=True), False))
    u = nx.Graph()
    u.add_nodes_from(range(9))
    u.add_edges_from([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 6), (6, 3), (3, 5)])
    out.append(("disconnected", False, u, nx.gnm_random_graph(9, 8, seed=11), False))
    s = nx.Graph([(0, 1), (0, 2), (0, 3), (3, 4), (1, 2)])
    out.append(("tiny5", False, s, nx.Graph([(0, 1), (1, 2), (2, 3), (0, 4), (1, 3)]), True))
    t = nx.DiGraph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (1, 4)])
    t2 = nx.DiGraph([(1, 0), (1, 2), (2, 3), (3, 4), (4, 0), (5, 4), (0, 3)])
    out.append(("tiny6_directed", True, t, t2, True))
    return out


def attrs(node):
    return {"grp": "abc"[node % 3], "val": (node * 7) % 5 + 0.5 * (node % 2)}


def assortativity(g, directed):
    for v in g.nodes:
        g.nodes[v].update(attrs(v))
    res = {"degree": nx.degree_assortativity_coefficient(g),
           "grp": nx.attribute_assortativity_coefficient(g, "grp"),
           "val": nx.numeric_assortativity_coefficient(g, "val")}
    ig = igraph.Graph(n=g.number_of_nodes(), edges=list(g.edges), directed=directed)
    grp = ["abc".index(attrs(v)["grp"]) for v in range(ig.vcount())]
    val = [attrs(v)["val"] for v in range(ig.vcount())]
    check = {"degree": ig.assortativity_degree(directed=directed),
             "grp": ig.assortativity_nominal(grp, directed=directed),
             "val": ig.assortativity(val, directed=directed)}
    for k in res:
        if abs(res[k] - check[k]) > 1e-9:
            sys.exit("NetworkX and igraph disagree on %s: %r %r" % (k, res[k], check[k]))
    return {k: repr(float(v)) for k, v in res.items()}


def matrix(g, n):
    m = [[0] * n for _ in range(n)]
    for u, v in g.edges:
        if u != v:
            m[u][v] = 1
            if not g.is_directed():
                m[v][u] = 1
    return m


def cnet_text(name, directed, n, a, b):
    arrow = "->" if directed else "--"
    lines = ["# %s (make_position_vectors.py)" % name, "layer A", "layer B"]
    for v in range(n):
        at = attrs(v)
        lines.append("actor v%d { grp = %s, val = %r }" % (v, at["grp"], at["val"]))
    for layer, g in (("A", a), ("B", b)):
        for u, v in sorted(g.edges):
            lines.append("v%d %s v%d : %s" % (u, arrow, v, layer))
    return "\n".join(lines) + "\n"


def main():
    items, rin = [], []
    for name, directed, a, b, exact in graphs():
        n = a.number_of_nodes()
        b.add_nodes_from(range(n))
        items.append({"graph": name, "directed": directed, "n": n, "exact": exact,
                      "cnet": cnet_text(name, directed, n, a, b),
                      "assortativity": assortativity(a.copy(), directed)})
        rin.append({"name": name, "n": n, "A": matrix(a, n), "B": matrix(b, n),
                    "directed": directed, "exact": exact})
    with tempfile.TemporaryDirectory() as tmp:
        fin, fout = os.path.join(tmp, "in.json"), os.path.join(tmp, "out.json")
        json.dump(rin, open(fin, "w"))
        subprocess.run(["Rscript", os.path.join(HERE, "make_position_vectors.R"), fin, fout],
                       check=True)
        sna = json.load(open(fout))
    for it in items:
        it["sna"] = sna[it["graph"]]
    doc = {"networkx": nx.__version__, "igraph": igraph.__version__,
           "sna": sna["_sna"], "graphs": items}
    with open(os.path.join(HERE, "position.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
