"""network_vectors.py -- the `network` section of the oracle vectors:
eigenvector, PageRank, clustering, transitivity, distances, reciprocity,
k-cores and cliques from NetworkX and python-igraph (make_vectors.py calls
network_section; Bonacich and centralization come from sna_vectors.R).

Every library is given the graph cnet measures (docs/measures.md C1, C2):
self-loops dropped, weight-0 ties dropped, parallel ties merged into one
whose weight is their sum; the "und" projection also merges the two
directions of a directed pair (weights summed), as cnet's und view does.
So the values compare with cnet's directly, graph by graph, and the
conventions where the libraries differ from cnet are spelled out in the
derived keys below instead.
"""

import math
import random

STRICT = dict(max_iter=100000, tol=1e-15)   # NetworkX: converge to the last bit


def projection(spec, variant, directed):
    """{(u, v): summed weight} of the graph cnet builds (u < v by node
    order when undirected)."""
    out = {}
    for u, v, w, _ in spec.records:
        w = spec.weight(w, variant)
        if u == v or (variant == "weighted" and w == 0):
            continue
        if not directed and spec.index[u] > spec.index[v]:
            u, v = v, u
        out[(u, v)] = out.get((u, v), 0) + w
        if directed and not spec.directed:    # an undirected tie runs both ways
            out[(v, u)] = out.get((v, u), 0) + w
    return out


def nx_simple(nx, spec, edges, directed):
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(spec.nodes)
    for (u, v), w in edges.items():
        G.add_edge(u, v, weight=w)
    return G


def ig_simple(igraph, spec, edges, directed):
    g = igraph.Graph(n=len(spec.nodes), directed=directed,
                     edges=[(spec.index[u], spec.index[v]) for u, v in edges])
    g.es["weight"] = list(edges.values())
    return g


def nan_below_two(spec, values, degree):
    """cnet's local clustering is NaN below two contacts, NetworkX's 0."""
    return {v: values[v] if degree[v] >= 2 else math.nan for v in spec.nodes}


def network_section(spec, variant, attempt, by_node):
    import igraph
    import networkx as nx
    weighted = variant == "weighted"
    w = "weight" if weighted else None
    und = projection(spec, variant, False)
    G = nx_simple(nx, spec, und, False)
    g = ig_simple(igraph, spec, und, False)
    deg = dict(G.degree())
    # python-igraph draws ARPACK's start vector from Python's random module:
    # seed it, so that values that are 0 up to rounding repeat bit for bit
    random.seed(20240607)
    n = {"eigenvector": attempt(lambda: by_node(spec, nx.eigenvector_centrality(G, weight=w, **STRICT))),
         "pagerank": attempt(lambda: by_node(spec, nx.pagerank(G, weight=w, **STRICT))),
         "clustering_nan_below_two": nan_below_two(spec, nx.clustering(G, weight=w), deg),
         "transitivity": nx.transitivity(G),
         "cliques": sorted(sorted(spec.index[v] for v in c) for c in nx.find_cliques(G))}
    i = {"eigenvector_scale_max": by_node(spec, g.eigenvector_centrality(scale=True, weights=w)),
         "pagerank": by_node(spec, g.pagerank(weights=w)),
         "transitivity_undirected_nan": g.transitivity_undirected(mode="nan"),
         "transitivity_local_nan": by_node(spec, g.transitivity_local_undirected(mode="nan")),
         "diameter_unconn": g.diameter(directed=False, unconn=True),
         "average_path_length_unconn": g.average_path_length(directed=False, unconn=True),
         "coreness": by_node(spec, g.coreness()),
         "maximal_cliques": sorted(sorted(c) for c in g.maximal_cliques())}
    # igraph's centr_eigen(scale=TRUE): python-igraph has no centralization,
    # so its formula on its own values: Σ (1 - c_i) / (n - 2)
    ev = i["eigenvector_scale_max"]
    i["centr_eigen_derived"] = sum(1 - ev[v] for v in spec.nodes) / (len(spec.nodes) - 2)
    if spec.directed:
        arcs = projection(spec, variant, True)
        D = nx_simple(nx, spec, arcs, True)
        d = ig_simple(igraph, spec, arcs, True)
        n["eigenvector_directed"] = attempt(
            lambda: by_node(spec, nx.eigenvector_centrality(D, weight=w, **STRICT)))
        n["pagerank_directed"] = by_node(spec, nx.pagerank(D, weight=w, **STRICT))
        n["overall_reciprocity"] = attempt(lambda: nx.overall_reciprocity(D))
        i["pagerank_directed"] = by_node(spec, d.pagerank(weights=w))
        i["reciprocity"] = d.reciprocity(ignore_loops=True)
        i["diameter_directed_unconn"] = d.diameter(directed=True, unconn=True)
        i["average_path_length_directed_unconn"] = d.average_path_length(directed=True, unconn=True)
        i["coreness_in"] = by_node(spec, d.coreness(mode="in"))
        i["coreness_out"] = by_node(spec, d.coreness(mode="out"))
    else:
        i["reciprocity"] = ig_simple(igraph, spec, projection(spec, variant, True), True) \
            .reciprocity(ignore_loops=True)
    return {"networkx": n, "igraph": i}


def network_sections(spec, attempt, by_node):
    out = {v: network_section(spec, v, attempt, by_node) for v in spec.variants()}
    out["note"] = ("NetworkX and python-igraph on the graph cnet measures: loops and weight-0 "
                   "ties dropped, parallel ties summed, directions merged (weights summed) "
                   "except in the *_directed keys and igraph's coreness_in/out and reciprocity; "
                   "cliques as lists of node indices")
    return out
