#!/usr/bin/env python3
"""Check cnet's measures, through the language, against the oracle vectors.

Each vector graph of tests/oracles/vectors is written as a .cnet script
(the conventions of docs/measures.md, C1 and C2: self-loops and zero-weight
ties left out, parallel ties summed), queried with `cnet -f json -e …`, and
every value compared with the reference library's, relative tolerance 1e-9,
NaN equal only to NaN.  Usage: check.py CNET VECTOR_DIR.  The last line is
"N passed, N failed".
"""
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile

TOL = 1e-9


def read_edges(path):
    nodes, edges = [], []
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].split()
        if not line:
            continue
        for n in line[:2]:
            if n not in nodes:
                nodes.append(n)
        if len(line) >= 2:
            w = float(line[2]) if len(line) > 2 else 1.0
            layer = line[3] if len(line) > 3 else None
            edges.append((line[0], line[1], w, layer))
    return nodes, edges


def read_groups(path):
    groups = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.split("#", 1)[0].split()
            if len(line) == 2:
                groups[line[0]] = line[1]
    return groups


def ident(n):
    """Vector node names such as 0 or 1 are not identifiers: prefix them."""
    return n if (n[0].isalpha() or n[0] == "_") else "v" + n


def script(nodes, edges, directed, weighted, groups):
    out = []
    layers = sorted({e[3] for e in edges if e[3]})
    for l in layers:
        out.append("layer %s" % l)
    for n in nodes:
        attr = " { g = %s }" % groups[n] if n in groups else ""
        out.append("actor %s%s" % (ident(n), attr))
    arrow = "->" if directed else "--"
    for a, b, w, layer in edges:
        if a == b or (weighted and w == 0):  # no self-ties, no weight 0
            continue
        tail = " : %s" % layer if layer else ""
        if weighted:
            tail += " { weight = %r }" % w
        out.append("%s %s %s%s" % (ident(a), arrow, ident(b), tail))
    return "\n".join(out) + "\n"


def num(x):
    if x is None or x == "NaN":
        return math.nan
    if x in ("Infinity", "Inf"):  # Python's and R's spellings
        return math.inf
    if x in ("-Infinity", "-Inf"):
        return -math.inf
    return float(x)


class Checker:
    def __init__(self):
        self.passed = self.failed = 0

    def same(self, what, want, got):
        want, got = num(want), num(got)
        if math.isnan(want) or math.isnan(got):
            ok = math.isnan(want) and math.isnan(got)
        elif math.isinf(want) or math.isinf(got):
            ok = want == got
        else:
            ok = abs(want - got) <= TOL * max(1.0, abs(want), abs(got))
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL %s: expected %r, got %r" % (what, want, got))

    def truth(self, what, ok):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL %s" % what)


def run_cnet(cnet, text, exprs):
    with tempfile.NamedTemporaryFile("w", suffix=".cnet", delete=False,
                                     encoding="utf-8") as f:
        f.write(text)
        path = f.name
    try:
        args = shlex.split(cnet) + ["-f", "json"]  # CNET may be "valgrind … cnet"
        for e in exprs:
            args += ["-e", e]
        r = subprocess.run(args + [path], capture_output=True, text=True)
    finally:
        os.unlink(path)
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    return [json.loads(line) for line in r.stdout.splitlines()]


def unident(n):
    return n[1:] if n[0] == "v" and n[1:].isdigit() else n


def by_actor(table, col):
    return {unident(row["actor"]): row[col] for row in table}


def check_graph(cnet, vdir, name, C):
    d = json.load(open(os.path.join(vdir, name + ".json"), encoding="utf-8"))
    nodes, edges = read_edges(os.path.join(vdir, name + ".edges"))
    groups = read_groups(os.path.join(vdir, name + ".groups"))
    directed = d["directed"]
    variants = ["unweighted"] + (["weighted"] if d["weighted"] else [])
    for var in variants:
        weighted = var == "weighted"
        text = script(nodes, edges, directed, weighted, groups)
        tag = "%s/%s" % (name, var)
        # structural holes: the recommended conventions
        ref = d["reference"][var]
        if name == "13_zero_weight_ties" and weighted:
            ref = d["reference_zero_weight_ties_dropped"][var]
        pairs = [(a, b) for a in ref["local_constraint"]
                 for b in ref["local_constraint"][a]]
        exprs = ["constraint()", "effsize()", "efficiency()", "hierarchy()",
                 "[%s]" % ", ".join("constraint(%s, %s)" % (ident(a), ident(b)) for a, b in pairs) if pairs else "[]"]
        # paths and counts: the library we follow
        nx = d["networkx"].get(var, {})
        ig = d["igraph"].get(var, {})
        if name == "09_multiplex":  # weighted: lengths are the shortest parallel tie, as in NetworkX's MultiGraph
            nx = d["networkx" if weighted else "networkx_collapsed_sum_weights"][var]
        if name == "11_selfloops":
            nx = d["networkx_loops_removed"][var]
        bopt = (", weights=\"distance\"" if weighted else "") + (", directed=true" if directed else "")
        exprs += ["betweenness(normalized=false%s)" % bopt,
                  "betweenness(%s)" % bopt[2:],
                  "closeness()", "harmonic(normalized=false)", "density(directed=%s)" % ("true" if directed else "false"),
                  "components()", "degree()", "degree(mode=\"in\")", "degree(mode=\"out\")",
                  "strength()", "closeness(mode=\"out\")", "closeness(mode=\"in\")",
                  "harmonic(mode=\"in\", normalized=false)", "harmonic(mode=\"out\", normalized=false)"]
        if groups and not weighted:
            exprs += ["roles(by=g)", "roles(by=g, total=true)"]
        out = run_cnet(cnet, text, exprs)
        cons, es, eff, hier, dyad = out[0:5]
        for col, table, want in (("constraint", cons, ref["constraint"]),
                                 ("effsize", es, ref["effective_size"]),
                                 ("efficiency", eff, ref["efficiency"]),
                                 ("hierarchy", hier, ref["hierarchy"])):
            got = by_actor(table, col)
            for n in nodes:
                C.same("%s %s(%s)" % (tag, col, n), want[n], got.get(n))
        for (a, b), got in zip(pairs, dyad):
            C.same("%s constraint(%s, %s)" % (tag, a, b), ref["local_constraint"][a][b], got)
        (braw, bnorm, clo, harm, dens, comps, deg, indeg, outdeg, strength,
         clo_out, clo_in, harm_in, harm_out) = out[5:19]
        # not comparable: NetworkX reads weight 0 as a free step where we have
        # no tie (13)
        zero_weighted = weighted and name == "13_zero_weight_ties"
        if "betweenness_raw" in nx and not zero_weighted and name != "12_float_ties":
            for n in nodes:
                C.same("%s betweenness_raw(%s)" % (tag, n), nx["betweenness_raw"][n],
                       by_actor(braw, "betweenness").get(n))
                C.same("%s betweenness(%s)" % (tag, n), nx["betweenness_normalized"][n],
                       by_actor(bnorm, "betweenness").get(n))
        if name == "12_float_ties":  # equal float path lengths: igraph's epsilon
            for n in nodes:
                C.same("%s betweenness_raw(%s) [igraph]" % (tag, n), ig["betweenness_raw"][nodes.index(n)]
                       if isinstance(ig["betweenness_raw"], list) else ig["betweenness_raw"][n],
                       by_actor(braw, "betweenness").get(n))
        if not weighted:
            cl = ig["closeness_default_args"]
            hr = ig["harmonic_raw_default_mode"]
            for n in nodes:
                C.same("%s closeness(%s)" % (tag, n), cl[n], by_actor(clo, "closeness").get(n))
                C.same("%s harmonic(%s)" % (tag, n), hr[n], by_actor(harm, "harmonic").get(n))
            if directed:
                for key, table, col in (("closeness_mode_out_normalized", clo_out, "closeness"),
                                        ("closeness_mode_in_normalized", clo_in, "closeness"),
                                        ("harmonic_raw_mode_in", harm_in, "harmonic"),
                                        ("harmonic_raw_mode_out", harm_out, "harmonic"),
                                        ("in_degree", indeg, "degree"),
                                        ("out_degree", outdeg, "degree")):
                    for n in nodes:
                        C.same("%s %s(%s)" % (tag, key, n), ig[key][n], by_actor(table, col).get(n))
            else:
                for n in nodes:
                    C.same("%s degree(%s)" % (tag, n), nx["degree"][n], by_actor(deg, "degree").get(n))
            C.same("%s density" % tag, ig["density_loops_false"] if name not in ("09_multiplex", "11_selfloops")
                   else nx["density"], dens)
            key = lambda x: str(int(x)) if isinstance(x, (int, float)) else str(x)
            want = sorted(sorted(key(a) for a in c)
                          for c in (nx.get("components") or nx.get("weak_components")))
            got = sorted(sorted(unident(a) for a in row["actors"]) for row in comps)
            C.truth("%s components %s == %s" % (tag, want, got), want == got)
        elif "strength" in ig and name != "09_multiplex":
            for n in nodes:
                C.same("%s strength(%s)" % (tag, n), ig["strength"][n], by_actor(strength, "strength").get(n))
        if groups and not weighted:
            roles, totals = out[19], out[20]
            sna = d["sna"]["brokerage"]
            cols = ["w_I", "w_O", "b_IO", "b_OI", "b_O", "t"]
            names = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"]
            got = {(unident(r["actor"]), r["role"]): r for r in roles}
            C.truth("%s roles: one row per actor x role" % tag,
                    len(roles) == len(got) == len(nodes) * len(cols))
            for n in nodes:
                for col, role in zip(cols, names):
                    row = got.get((n, role))
                    if row is None:
                        C.truth("%s roles %s %s present" % (tag, n, role), False)
                        continue
                    for key, field in (("raw", "count"), ("exp", "expected"), ("sd", "sd"), ("z", "z")):
                        C.same("%s roles %s %s %s" % (tag, n, role, field), sna[key + ".nli"][n][col], row[field])
            tot = {r["role"]: r for r in totals}
            for col, role in zip(cols, names):
                for key, field in (("raw", "count"), ("exp", "expected"), ("sd", "sd"), ("z", "z")):
                    C.same("%s roles total %s %s" % (tag, role, field), sna[key + ".gli"][col],
                           tot.get(role, {}).get(field))

def check_network(cnet, vdir, name, C):
    """eigenvector, bonacich, pagerank, centralization, clustering,
    transitivity, diameter, avg_distance, reciprocity, coreness, cliques:
    against the `network` section (NetworkX, igraph on the graph cnet
    measures) and sna's `network` values."""
    d = json.load(open(os.path.join(vdir, name + ".json"), encoding="utf-8"))
    nodes, edges = read_edges(os.path.join(vdir, name + ".edges"))
    directed = d["directed"]
    for var in ["unweighted"] + (["weighted"] if d["weighted"] else []):
        weighted = var == "weighted"
        text = script(nodes, edges, directed, weighted, {})
        tag = "%s/%s" % (name, var)
        nx, ig = d["network"][var]["networkx"], d["network"][var]["igraph"]
        ws = ', weights="strength"' if weighted else ""
        exprs = {"ev_norm": 'eigenvector(scale="norm"%s)' % ws,
                 "ev_max": "eigenvector(%s)" % ws[2:],
                 "pagerank": "pagerank(%s)" % ws[2:],
                 "clustering": "clustering(%s)" % ws[2:],
                 "transitivity": "transitivity()",
                 "diameter": "diameter()", "avg_distance": "avg_distance()",
                 "reciprocity": "reciprocity()", "coreness": "coreness()",
                 "cliques": "cliques(min=1)",
                 "centr_ev": 'centralization("eigenvector")'}
        if directed:
            exprs.update(ev_in='eigenvector(mode="in", scale="norm"%s)' % ws,
                         pagerank_dir="pagerank(directed=true%s)" % ws,
                         diameter_dir="diameter(directed=true)",
                         avg_distance_dir="avg_distance(directed=true)",
                         coreness_in='coreness(mode="in")', coreness_out='coreness(mode="out")')
        sna = d["sna"]["network"]
        betas = [k for k in sna if k.startswith("bonpow_exponent_") and sna[k] != "error"]
        if not weighted:
            for k in betas:
                exprs[k] = "bonacich(beta=%s%s)" % (k[len("bonpow_exponent_"):],
                                                    ", directed=true" if directed else "")
            centr = {"centralization_degree": 'centralization("degree")',
                     "centralization_betweenness": 'centralization("betweenness"%s)'
                     % (", directed=true" if directed else ""),
                     "centralization_closeness": 'centralization("closeness")',
                     "centralization_indegree": 'centralization("degree", mode="in")',
                     "centralization_outdegree": 'centralization("degree", mode="out")'}
            for k, e in centr.items():
                if k in sna:
                    exprs[k] = e
        keys = list(exprs)
        got = dict(zip(keys, run_cnet(cnet, text, [exprs[k] for k in keys])))

        def per_actor(key, col, want):
            if isinstance(want, dict) and set(want) == {"error"}:
                return
            table = by_actor(got[key], col)
            for n in nodes:
                C.same("%s %s(%s)" % (tag, exprs[key], n), want[n], table.get(n))

        per_actor("ev_norm", "eigenvector", nx["eigenvector"])
        per_actor("ev_max", "eigenvector", ig["eigenvector_scale_max"])
        per_actor("pagerank", "pagerank", nx["pagerank"])
        per_actor("pagerank", "pagerank", ig["pagerank"])
        per_actor("clustering", "clustering", nx["clustering_nan_below_two"])
        per_actor("coreness", "coreness", ig["coreness"])
        if not weighted:
            per_actor("clustering", "clustering", ig["transitivity_local_nan"])
            C.same("%s %s" % (tag, exprs["centr_ev"]), ig["centr_eigen_derived"], got["centr_ev"])
            if "evcent_use_eigen" in sna:
                per_actor("ev_norm", "eigenvector", sna["evcent_use_eigen"])
        C.same("%s transitivity()" % tag, ig["transitivity_undirected_nan"], got["transitivity"])
        C.same("%s transitivity() [networkx]" % tag, nx["transitivity"]
               if ig["transitivity_undirected_nan"] != "NaN" else "NaN", got["transitivity"])
        C.same("%s diameter()" % tag, ig["diameter_unconn"], got["diameter"])
        C.same("%s avg_distance()" % tag, ig["average_path_length_unconn"], got["avg_distance"])
        C.same("%s reciprocity()" % tag, ig["reciprocity"], got["reciprocity"])
        cl = sorted(sorted(nodes.index(unident(a)) for a in row["actors"]) for row in got["cliques"])
        C.truth("%s cliques(min=1) == networkx find_cliques" % tag, cl == nx["cliques"])
        C.truth("%s cliques(min=1) == igraph maximal_cliques" % tag, cl == ig["maximal_cliques"])
        if directed:
            per_actor("ev_in", "eigenvector", nx["eigenvector_directed"])
            per_actor("pagerank_dir", "pagerank", nx["pagerank_directed"])
            per_actor("pagerank_dir", "pagerank", ig["pagerank_directed"])
            per_actor("coreness_in", "coreness", ig["coreness_in"])
            per_actor("coreness_out", "coreness", ig["coreness_out"])
            C.same("%s reciprocity() [networkx]" % tag, nx["overall_reciprocity"], got["reciprocity"])
            C.same("%s diameter(directed=true)" % tag, ig["diameter_directed_unconn"], got["diameter_dir"])
            C.same("%s avg_distance(directed=true)" % tag,
                   ig["average_path_length_directed_unconn"], got["avg_distance_dir"])
        for k in exprs:
            if k.startswith("bonpow_"):
                per_actor(k, "bonacich", sna[k])
            elif k.startswith("centralization_"):
                if k == "centralization_closeness" and len(nx_components(d)) > 1:
                    # sna's closeness is 0 across components, cnet's NaN
                    C.truth("%s %s is NaN on a disconnected network" % (tag, exprs[k]),
                            math.isnan(num(got[k])))
                    continue
                C.same("%s %s" % (tag, exprs[k]), sna[k], got[k])


def nx_components(d):
    nx = d["networkx"]["unweighted"]
    return nx.get("components") or nx.get("weak_components")


def main():
    cnet, vdir = sys.argv[1], sys.argv[2]
    C = Checker()
    for f in sorted(os.listdir(vdir)):
        if f.endswith(".json") and f[0].isdigit():
            try:
                check_graph(cnet, vdir, f[:-5], C)
                check_network(cnet, vdir, f[:-5], C)
            except Exception as e:  # a crash of cnet or of this script
                C.failed += 1
                print("FAIL %s: %s" % (f, e))
    print("%d passed, %d failed" % (C.passed, C.failed))
    sys.exit(1 if C.failed else 0)


if __name__ == "__main__":
    main()
