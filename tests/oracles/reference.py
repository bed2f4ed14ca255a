"""reference.py -- the `reference` sections of the oracle vectors: Burt's
measures and Gould-Fernandez counts under the conventions C1-C8 of
docs/measures.md, in plain Python (standard library only, no network library).
"""

import math

GF_COLUMNS = ["w_I", "w_O", "b_IO", "b_OI", "b_O", "t"]


def hierarchy(terms):
    """Burt's hierarchy from one ego's dyadic constraints c_ij (docs/measures.md)."""
    n = len(terms)
    total = sum(terms)
    if n <= 1 or total == 0:
        return math.nan
    mean = total / n
    s = 0.0
    for c in terms:
        r = c / mean
        if r > 0:
            s += r * math.log(r)
    return s / (n * math.log(n))


def tie_sums(spec, variant, drop_zero=False):
    """a[i][j] = summed weight of the records i -> j, loops dropped (C1); a
    key is present when a record exists, even one of weight 0 unless
    drop_zero (C2)."""
    a = {v: {} for v in spec.nodes}
    for u, v, w, _ in spec.records:
        w = spec.weight(w, variant)
        if u == v or (drop_zero and w == 0):
            continue
        a[u][v] = a[u].get(v, 0) + w
        if not spec.directed:
            a[v][u] = a[v].get(u, 0) + w
    return a


def reference_holes(spec, variant, drop_zero=False):
    """Constraint (C3), effective size, efficiency and hierarchy (C4)."""
    a = tie_sums(spec, variant, drop_zero)
    contacts = {i: spec.sorted_nodes(set(a[i]) | {j for j in spec.nodes if i in a[j]})
                for i in spec.nodes}

    def z(i, j):
        return a[i].get(j, 0) + a[j].get(i, 0)

    total = {i: sum(z(i, k) for k in contacts[i]) for i in spec.nodes}
    top = {i: max((z(i, k) for k in contacts[i]), default=0) for i in spec.nodes}

    def p(i, j):
        return z(i, j) / total[i] if total[i] else 0.0

    def m(j, q):
        return z(j, q) / top[j] if top[j] else 0.0

    out = {k: {} for k in ("constraint", "local_constraint", "effective_size",
                           "efficiency", "hierarchy")}
    for i in spec.nodes:
        N = contacts[i]
        local = {j: (p(i, j) + sum(p(i, q) * p(q, j) for q in N if q != j)) ** 2 for j in N}
        es = sum(1.0 - sum(p(i, q) * m(j, q) for q in N if q != j) for j in N)
        out["local_constraint"][i] = local
        out["constraint"][i] = sum(local.values()) if N else math.nan
        out["effective_size"][i] = es if N else math.nan
        out["efficiency"][i] = es / len(N) if N else math.nan
        out["hierarchy"][i] = hierarchy(list(local.values()))
    if variant == "unweighted" and not spec.directed:
        out["effective_size_borgatti"] = borgatti(spec, contacts)
    return out


def borgatti(spec, contacts):
    """n - 2t/n on the binary projection: t ties among the n alters."""
    tied = {frozenset((u, v)) for u, v, _, _ in spec.records if u != v}
    out = {}
    for i in spec.nodes:
        N = contacts[i]
        n = len(N)
        t = sum(1 for x in range(n) for y in range(x + 1, n) if frozenset((N[x], N[y])) in tied)
        out[i] = n - 2 * t / n if n else math.nan
    return out


def arcs(spec):
    """The binary directed graph (C8): an undirected tie is two arcs."""
    out = set()
    for u, v, _, _ in spec.records:
        if u != v:
            out.add((u, v))
            if not spec.directed:
                out.add((v, u))
    return out


def gould_fernandez_raw(spec):
    """Open two-paths i -> j -> k (no arc i -> k) per broker j, typed by group."""
    A = arcs(spec)
    g = spec.groups
    out = {v: dict.fromkeys(GF_COLUMNS, 0) for v in spec.nodes}
    for j in spec.nodes:
        row = out[j]
        for i in spec.nodes:
            if (i, j) not in A:
                continue
            for k in spec.nodes:
                if k == i or (j, k) not in A or (i, k) in A:
                    continue
                gi, gj, gk = g[i], g[j], g[k]
                if gi == gj == gk:
                    role = "w_I"
                elif gi == gk:
                    role = "w_O"
                elif gi == gj:
                    role = "b_IO"
                elif gj == gk:
                    role = "b_OI"
                else:
                    role = "b_O"
                row[role] += 1
                row["t"] += 1
    return out


def reference_sections(spec):
    """The sections that need no library: `reference` and, with zero weights,
    `reference_zero_weight_ties_dropped`."""
    out = {"reference": {v: reference_holes(spec, v) for v in spec.variants()}}
    if spec.groups:
        out["reference"]["gould_fernandez_raw"] = gould_fernandez_raw(spec)
    if spec.has_zero_weights():
        out["reference_zero_weight_ties_dropped"] = {
            "weighted": reference_holes(spec, "weighted", drop_zero=True),
            "note": "docs/measures.md C2: a tie of weight 0 is no tie; igraph and "
                    "NetworkX keep it as a contact with p_ij = 0 (the `reference` section)"}
    return out
