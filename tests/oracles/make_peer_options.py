#!/usr/bin/env python3
"""Write peer_options.json: the values NetworkX and igraph give for the
options of cnet's betweenness, tie_betweenness, closeness and harmonic, on a
few small graphs.  check_peer_options.py compares cnet with them; this
script is not run by the tests (it needs the libraries), only when the
graphs or the checks change:

    python3 make_peer_options.py > peer_options.json

It needs NetworkX >= 3.5 (its sampled-betweenness scaling) and python-igraph
0.10 in the same Python.  Sampled betweenness is computed by NetworkX on the
sources cnet draws (splitmix64 and a partial Fisher-Yates shuffle,
re-implemented below from docs/measures.md), so its scaling is NetworkX's
exactly.  python-igraph 0.10 passes closeness()'s and harmonic_centrality()'s
cutoff to the C core in the wrong place (igraph/python-igraph#811), so those
cutoff values come from igraph's distances with the longer paths dropped.
"""
import json
import math
import random
import sys

import igraph
import networkx as nx

assert tuple(int(x) for x in nx.__version__.split(".")[:2]) >= (3, 5), nx.__version__

# ---- the graphs ---------------------------------------------------------
# (name, directed, [(u, v, weight, layer)], isolated actors, note)


def kite():
    k = nx.krackhardt_kite_graph()
    names = ["Andre", "Beverly", "Carol", "Diane", "Ed", "Fernando", "Garth",
             "Heather", "Ike", "Jane"]
    return [(names[u], names[v], 1, "L") for u, v in k.edges()]


def florentine():
    return [(u, v, 1, "L") for u, v in nx.florentine_families_graph().edges()]


GRAPHS = [
    ("kite", False, kite(), [], "Krackhardt's kite (NetworkX's test graph)"),
    ("florentine", False, florentine(), ["Pucci"],
     "Padgett's Florentine marriages, with the isolated Pucci"),
    ("directed", True,
     [("a", "b", 1, "L"), ("b", "c", 2, "L"), ("c", "a", 1, "L"), ("c", "d", 3, "L"),
      ("d", "e", 1, "L"), ("b", "d", 1, "L"), ("e", "b", 2, "L"), ("d", "c", 1, "L"),
      ("e", "f", 1, "L"), ("a", "f", 5, "L")],
     ["g"], "a weighted digraph with reciprocated arcs, a sink and an isolate"),
    ("multiplex", False,
     [("老何", "师傅", 3, "交易"), ("老何", "师傅", 1, "政策"), ("老何", "县政府", 2, "政策"),
      ("师傅", "冶炼厂", 1, "交易"), ("县政府", "冶炼厂", 2, "交易"), ("县政府", "冶炼厂", 4, "政策"),
      ("冶炼厂", "新厂", 1, "交易"), ("县政府", "新厂", 2, "政策"), ("新厂", "协会", 1, "行业")],
     [], "pairs tied in two layers with different weights: as distances, "
         "the shorter tie counts"),
]


def cnet_text(directed, edges, isolates):
    layers = []
    for e in edges:
        if e[3] not in layers:
            layers.append(e[3])
    actors = []
    for u, v, _, _ in edges:
        for a in (u, v):
            if a not in actors:
                actors.append(a)
    actors += isolates
    arrow = "->" if directed else "--"
    out = ["layer %s" % l for l in layers] + ["actor %s" % a for a in actors]
    out += ["%s %s %s : %s%s" % (u, arrow, v, l, " { weight = %r }" % w if w != 1 else "")
            for u, v, w, l in edges]
    return "\n".join(out) + "\n", actors


# ---- cnet's sample of sources (docs/measures.md) ------------------------

M64 = (1 << 64) - 1


def splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & M64
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return x, z ^ (z >> 31)


def cnet_sample(n, k, seed):
    v, x = list(range(n)), seed
    for i in range(k):
        limit = M64 - M64 % (n - i)
        while True:
            x, r = splitmix64(x)
            if r < limit:
                break
        j = i + r % (n - i)
        v[i], v[j] = v[j], v[i]
    return sorted(v[:k])


class Sample(random.Random):
    """A random source whose sample() is the one cnet draws."""

    def __init__(self, picks):
        super().__init__(0)
        self.picks = picks

    def sample(self, population, k):
        assert len(self.picks) == k
        return [population[i] for i in self.picks]


# ---- the checks ---------------------------------------------------------

def fnum(x):
    return "NaN" if isinstance(x, float) and math.isnan(x) else x


def main():
    out = []
    for name, directed, edges, isolates, note in GRAPHS:
        text, actors = cnet_text(directed, edges, isolates)
        n = len(actors)
        idx = {a: i for i, a in enumerate(actors)}
        weighted = any(w != 1 for _, _, w, _ in edges)
        pair = (lambda e: (e[0], e[1])) if directed else (lambda e: frozenset(e[:2]))
        multi = len({pair(e) for e in edges}) < len(edges)
        G = (nx.MultiDiGraph() if directed else nx.MultiGraph()) if multi else \
            (nx.DiGraph() if directed else nx.Graph())
        G.add_nodes_from(actors)
        for u, v, w, _ in edges:
            G.add_edge(u, v, weight=w)
        g = igraph.Graph(n=n, edges=[(idx[u], idx[v]) for u, v, _, _ in edges], directed=directed)
        g.es["weight"] = [w for _, _, w, _ in edges]
        checks = []

        def add(expr, peer, values):
            checks.append({"expr": expr, "peer": peer,
                           "values": {k: fnum(v) for k, v in values.items()}})

        def per_actor(lst):
            return {a: lst[i] for i, a in enumerate(actors)}

        dirarg = ", directed=true" if directed else ""
        variants = [("", None)] + ([(', weights="distance"', "weight")] if weighted else [])
        for wopt, W in variants:
            wnx = ", weight=%r" % W if W else ""
            # betweenness
            if not multi:  # igraph counts parallel edges as separate geodesics
                for cut in (1, 2):
                    add("betweenness(normalized=false, cutoff=%d%s%s)" % (cut, dirarg, wopt),
                        "igraph %s betweenness(directed=%s, cutoff=%d%s)" % (igraph.__version__, directed, cut, wnx.replace("weight=", "weights=")),
                        per_actor(g.betweenness(directed=directed, cutoff=cut, weights=W)))
            for norm in (True, False):
                add("betweenness(endpoints=true, normalized=%s%s%s)" % (str(norm).lower(), dirarg, wopt),
                    "networkx %s betweenness_centrality(endpoints=True, normalized=%s%s)" % (nx.__version__, norm, wnx),
                    nx.betweenness_centrality(G, endpoints=True, normalized=norm, weight=W))
            k, seed = max(2, n // 2), 7
            picks = cnet_sample(n, k, seed)
            for ep in (False, True):
                add("betweenness(k=%d, seed=%d, endpoints=%s%s%s)" % (k, seed, str(ep).lower(), dirarg, wopt),
                    "networkx %s betweenness_centrality(k=%d, endpoints=%s%s) on cnet's sample %s"
                    % (nx.__version__, k, ep, wnx, [actors[i] for i in picks]),
                    nx.betweenness_centrality(G, k=k, seed=Sample(picks), endpoints=ep, weight=W))
            src, tgt = actors[: (n + 1) // 2], actors[n // 3:]
            for norm in (False, True):
                add("betweenness(sources=[%s], targets=[%s], normalized=%s%s%s)"
                    % (", ".join(src), ", ".join(tgt), str(norm).lower(), dirarg, wopt),
                    "networkx %s betweenness_centrality_subset(normalized=%s%s)" % (nx.__version__, norm, wnx),
                    nx.betweenness_centrality_subset(G, src, tgt, normalized=norm, weight=W))
            # tie betweenness: keys "from|to"
            if not multi:
                for norm in (True, False):
                    eb = nx.edge_betweenness_centrality(G, normalized=norm, weight=W)
                    add("tie_betweenness(normalized=%s%s%s)" % (str(norm).lower(), dirarg, wopt),
                        "networkx %s edge_betweenness_centrality(normalized=%s%s)" % (nx.__version__, norm, wnx),
                        {"%s|%s" % e: x for e, x in eb.items()})
                ib = g.edge_betweenness(directed=directed, weights=W)
                add("tie_betweenness(normalized=false%s%s)" % (dirarg, wopt),
                    "igraph %s edge_betweenness(directed=%s%s)" % (igraph.__version__, directed, wnx.replace("weight=", "weights=")),
                    {"%s|%s" % (actors[e.source], actors[e.target]): x for e, x in zip(g.es, ib)})
            # closeness and harmonic
            modes = ("out", "in", "all") if directed else ("all",)
            for mode in modes:
                mopt = ', mode="%s"' % mode if directed else ""
                add("closeness(normalized=false%s%s)" % (mopt, wopt),
                    "igraph %s closeness(mode=%r, normalized=False%s)" % (igraph.__version__, mode, wnx.replace("weight=", "weights=")),
                    per_actor(g.closeness(mode=mode, normalized=False, weights=W)))
                D = g.distances(mode=mode, weights=W)
                for cut in (1, 2):
                    reach = [[d for j, d in enumerate(D[i]) if j != i and d <= cut] for i in range(n)]
                    add("closeness(cutoff=%d%s%s)" % (cut, mopt, wopt),
                        "igraph %s distances(mode=%r%s), paths longer than %d dropped: (r-1)/sum" % (igraph.__version__, mode, wnx.replace("weight=", "weights="), cut),
                        per_actor([len(r) / sum(r) if r else math.nan for r in reach]))
                    add("harmonic(cutoff=%d, normalized=false%s%s)" % (cut, mopt, wopt),
                        "igraph %s distances(mode=%r%s), paths longer than %d dropped: sum of 1/d" % (igraph.__version__, mode, wnx.replace("weight=", "weights="), cut),
                        per_actor([sum(1 / d for d in r) for r in reach]))
            # NetworkX's closeness and harmonic use incoming distances
            nmode = ', mode="in"' if directed else ""
            add("closeness(wf_improved=true%s%s)" % (nmode, wopt),
                "networkx %s closeness_centrality(%s)" % (nx.__version__, wnx[2:] and "distance=%r" % W),
                nx.closeness_centrality(G, distance=W))
            srcs = actors[1::2]
            add("harmonic(sources=[%s], normalized=false%s%s)" % (", ".join(srcs), nmode, wopt),
                "networkx %s harmonic_centrality(sources=%s%s)" % (nx.__version__, srcs, W and ", distance=%r" % W or ""),
                nx.harmonic_centrality(G, sources=srcs, distance=W))
        out.append({"graph": name, "note": note, "directed": directed,
                    "cnet": text, "checks": checks})
    json.dump({"networkx": nx.__version__, "igraph": igraph.__version__, "graphs": out},
              sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
