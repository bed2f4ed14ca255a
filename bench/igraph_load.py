#!/usr/bin/env python3
"""Load an edge list with python-igraph: the other side of bench/run.sh.

    igraph_load.py FILE.edges [--density] [--constraint] [--betweenness]
                   [--with-optional] [--eigenvector] [--pagerank] [--coreness]
                   [--transitivity]

Reads FILE.edges (one "from to" pair of names per line, as bench/gen.py
writes it) with Graph.Read_Ncol(path, names=True, directed=False) and prints
"vertices N edges M".  Repeated pairs stay as parallel edges, as cnet keeps
repeated ties.

--density      also computes the density of the simple graph (one edge per
               pair), as cnet's density() counts the binary projection; the
               graph is simplified in place (so this option goes alone).
--constraint   also computes Burt's constraint for every vertex; parallel
               edges are summed into one weighted edge first, the way cnet
               sums a pair's ties into its strength.
--betweenness  also computes betweenness for every vertex, on the simple
               graph (one edge per pair), the way cnet's path measures use
               the binary projection.
--eigenvector, --pagerank, --coreness, --transitivity
               the same on the simple graph: eigenvector_centrality(
               scale=True), pagerank(), coreness(), transitivity_undirected().
--with-optional  lets igraph import the optional libraries it finds
               (numpy, pandas, matplotlib, pycairo, plotly …).  By default
               they are hidden from it: igraph imports matplotlib at start-up
               for drawing and numpy when it makes its first graph, which
               with those installed adds about 0.35 s and 35 MB that have
               nothing to do with loading a graph, so the result would
               depend on what else the machine has.  python3-igraph itself
               needs none of them.

Each measure prints "NAME n=COUNT nan=NaNs sum=SUM".  The seconds each step
took inside the process go to standard error.
"""
import argparse
import math
import sys
import time

# measures of the simple graph, as cnet computes them on the binary
# projection: name -> the igraph call
SIMPLE_MEASURES = {
    "eigenvector": lambda s: s.eigenvector_centrality(scale=True),
    "pagerank": lambda s: s.pagerank(),
    "coreness": lambda s: [float(c) for c in s.coreness()],
    "transitivity": lambda s: [s.transitivity_undirected(mode="nan")],
}

OPTIONAL = ("numpy", "pandas", "scipy", "networkx", "matplotlib", "cairo",
            "cairocffi", "plotly")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edges")
    ap.add_argument("--density", action="store_true")
    ap.add_argument("--constraint", action="store_true")
    ap.add_argument("--betweenness", action="store_true")
    ap.add_argument("--with-optional", action="store_true")
    for m in SIMPLE_MEASURES:
        ap.add_argument("--" + m, action="store_true")
    a = ap.parse_args(argv)
    if not a.with_optional:
        for m in OPTIONAL:
            sys.modules.setdefault(m, None)   # "import m" now fails quietly

    t0 = time.perf_counter()
    import igraph                     # timed: part of what a user waits for
    t1 = time.perf_counter()
    g = igraph.Graph.Read_Ncol(a.edges, names=True, directed=False)
    t2 = time.perf_counter()
    print("vertices %d edges %d" % (g.vcount(), g.ecount()))
    print("import %.3f s, load %.3f s" % (t1 - t0, t2 - t1), file=sys.stderr)

    def report(name, values, t):
        nan = sum(1 for v in values if math.isnan(v))
        tot = math.fsum(v for v in values if not math.isnan(v))
        print("%s n=%d nan=%d sum=%.6g" % (name, len(values), nan, tot))
        print("%s %.3f s" % (name, time.perf_counter() - t), file=sys.stderr)

    if a.density:
        t = time.perf_counter()
        g.simplify(multiple=True, loops=True)  # in place: no second copy
        print("density %.17g" % g.density(loops=False))
        print("density %.3f s" % (time.perf_counter() - t), file=sys.stderr)

    wanted = [m for m in SIMPLE_MEASURES if getattr(a, m)]
    if a.constraint or a.betweenness or wanted:
        t = time.perf_counter()
        s = g.copy()
        s.es["weight"] = 1.0
        s.simplify(multiple=True, loops=True, combine_edges="sum")
        print("simplify %.3f s" % (time.perf_counter() - t), file=sys.stderr)
        if a.constraint:
            t = time.perf_counter()
            report("constraint", s.constraint(weights="weight"), t)
        if a.betweenness:
            t = time.perf_counter()
            report("betweenness", s.betweenness(directed=False), t)
        for m in wanted:
            t = time.perf_counter()
            report(m, SIMPLE_MEASURES[m](s), t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
