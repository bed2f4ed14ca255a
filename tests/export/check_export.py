#!/usr/bin/env python3
"""Read cnet's exports back with the stock readers and compare with cnet.

    check_export.py CNET SCRIPT DIR

Runs `CNET -f json -e 'actors()' -e 'ties()' SCRIPT` for the truth, then
`CNET -e 'export(to="DIR/x.EXT")' SCRIPT` for every format, and reads each
file with the readers as Debian installs them, called as their manuals
say, with nothing patched or registered and no copy of the file edited:

  x.graphml  NetworkX read_graphml and python-igraph Graph.Read_GraphML
  x.gexf     NetworkX read_gexf
  x.json     NetworkX node_link_graph (after json.load)
  x.net      NetworkX read_pajek and python-igraph Graph.Read_Pajek
  x.dl       python-igraph Graph.Read_DL, and the key file with csv
  x.csv      Python's csv module (what pandas and R's read.csv see)

and compares nodes, names, kinds, attributes, ties (ends, layer, direction,
weight) and time (spans, GEXF spells) with what cnet says.  Numbers are
compared as floats for equality: every number must read back as the same
double.  Pajek's own dialect (export(…, dialect="pajek")), which no stock
reader takes, is checked against Pajek's documented syntax here.  Prints
one line (or block) per reader; exits 1 if any differs, with the details.
"""
import csv
import html
import json
import math
import os
import re
import shlex
import subprocess
import sys

import igraph
import networkx as nx

INF = math.inf


class Mismatch(Exception):
    pass


def run(cnet, *args):
    p = subprocess.run(shlex.split(cnet) + list(args), capture_output=True,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def span_of(text):
    """'1980..1990' -> (1980.0, 1990.0); open ends and 'always' infinite."""
    if text in ("", "always", None):
        return (-INF, INF)
    if ".." not in text:
        y = float(text)
        return (y, y)
    lo, hi = text.split("..")
    return (float(lo) if lo else -INF, float(hi) if hi else INF)


def year(x):
    """A year as cnet writes it: 1990, 2000.125, '' for an open end."""
    if math.isinf(x):
        return ""
    return "%d" % x if x == int(x) else repr(x)


def spells_text(spells):
    if not spells:
        return "always"
    return " ".join("%s..%s" % (year(a), year(b)) for a, b in spells)


def hull(spells):
    if not spells:
        return (-INF, INF)
    return (min(s[0] for s in spells), max(s[1] for s in spells))


def num(x):
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else x


def expect(what, got, want):
    if got != want:
        raise Mismatch("%s: got %r, want %r" % (what, got, want))


class Truth:
    def __init__(self, cnet, script):
        rc, out, err = run(cnet, "-f", "json", "-e", "actors()", "-e", "ties()",
                           script)
        if rc != 0:
            raise SystemExit("cnet failed on %s:\n%s" % (script, err))
        actors, ties = [json.loads(line) for line in out.splitlines()[:2]]
        self.actors = {a["actor"]: a for a in actors}
        self.ties = ties
        self.names = sorted(self.actors)
        self.directed = bool(ties) and all(t["dir"] == "->" for t in ties)
        self.mixed = len({t["dir"] for t in ties}) > 1

    def attrs(self, name):
        a = self.actors[name]
        return {k: num(v) for k, v in a.items()
                if k not in ("actor", "kind", "span") and v is not None}

    def edge_keys(self, ordered):
        """Sorted (ends, layer, directed, weight); ends sorted unless the
        tie is directed and the reader keeps direction."""
        keys = []
        for t in self.ties:
            d = t["dir"] == "->"
            ends = (t["from"], t["to"])
            if not (ordered and d):
                ends = tuple(sorted(ends))
            keys.append((ends, t["layer"], d, float(t["weight"])))
        return sorted(keys)

    def per_layer(self):
        out = {}
        for t in self.ties:
            out[t["layer"]] = out.get(t["layer"], 0) + 1
        return out


def layer_text(counts):
    return ", ".join("%s %d" % kv for kv in sorted(counts.items()))


def edge_key(u, v, layer, directed, weight, ordered):
    ends = (u, v) if ordered and directed else tuple(sorted((u, v)))
    return (ends, layer, bool(directed), float(weight))


def check_attrs(T, name, got, reader):
    want = T.attrs(name)
    got = {k: num(v) for k, v in got.items() if k in want}
    expect("%s: attributes of %s" % (reader, name), got, want)


def check_nx(T, G, reader, name_of, kind_key="kind"):
    expect(reader + ": node count", G.number_of_nodes(), len(T.names))
    names = sorted(name_of(n, d) for n, d in G.nodes(data=True))
    expect(reader + ": names", names, T.names)
    for n, d in G.nodes(data=True):
        nm = name_of(n, d)
        expect("%s: kind of %s" % (reader, nm), d.get(kind_key, ""),
               T.actors[nm]["kind"] or "")
        check_attrs(T, nm, d, reader)
    ordered = G.is_directed()
    keys = []
    for u, v, d in G.edges(data=True):
        a, b = name_of(u, G.nodes[u]), name_of(v, G.nodes[v])
        keys.append(edge_key(a, b, d["layer"], d["directed"], d["weight"], ordered))
    expect(reader + ": ties", sorted(keys), T.edge_keys(ordered))
    expect(reader + ": directed graph", G.is_directed(), T.directed)
    return G


def check_graphml(T, path):
    G = nx.read_graphml(path)
    check_nx(T, G, "graphml (networkx)", lambda n, d: d["name"])
    for u, v, d in G.edges(data=True):
        ends = tuple(sorted((G.nodes[u]["name"], G.nodes[v]["name"])))
        expect("graphml: span text and start/end of %s" % (ends,),
               span_of(d.get("span", "")),
               (d.get("start", -INF), d.get("end", INF)))
    g = igraph.Graph.Read_GraphML(path)
    expect("graphml (igraph): vertices", g.vcount(), len(T.names))
    expect("graphml (igraph): names", sorted(g.vs["name"]), T.names)
    keys = sorted(edge_key(g.vs[e.source]["name"], g.vs[e.target]["name"],
                           e["layer"], e["directed"], e["weight"],
                           g.is_directed())
                  for e in g.es)
    expect("graphml (igraph): ties", keys, T.edge_keys(g.is_directed()))
    for v in g.vs:
        check_attrs(T, v["name"], {k: v[k] for k in g.vs.attributes()
                                   if v[k] is not None and v[k] == v[k]},
                    "graphml (igraph)")
    return "graphml: networkx and igraph read %d nodes, %d ties (%s), " \
           "typed attributes and spans" % (len(T.names), len(T.ties),
                                           layer_text(T.per_layer()))


def check_gexf(T, path):
    head = open(path, encoding="utf-8").read(400)
    expect("gexf: namespace and version",
           ('xmlns="http://www.gexf.net/1.2draft"' in head,
            'version="1.2"' in head), (True, True))
    G = nx.read_gexf(path)
    expect("gexf: mode", G.graph.get("mode"), "dynamic")
    check_nx(T, G, "gexf (networkx)", lambda n, d: n)
    lines = []
    for n, d in sorted(G.nodes(data=True)):
        sp = d.get("spells", [])
        expect("gexf: life of %s" % n, hull(sp), span_of(T.actors[n]["span"]))
        lines.append("  %s: %s" % (n, spells_text(sp)))
    spans = sorted((tuple(sorted((u, v))), d["layer"], d.get("spells", []))
                   for u, v, d in G.edges(data=True))
    want = sorted((tuple(sorted((t["from"], t["to"]))), t["layer"],
                   [] if t["span"] == "always" else [span_of(t["span"])])
                  for t in T.ties)
    expect("gexf: edge spells", spans, want)
    return ("gexf 1.2draft: networkx reads %d nodes, %d ties (%s); node "
            "spells:\n%s" % (len(T.names), len(T.ties),
                             layer_text(T.per_layer()), "\n".join(lines)))


def json_year(x):
    """start/end of the node-link JSON: a number, or "-Inf"/"Inf"."""
    return float(x)


def check_json(T, path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    G = nx.node_link_graph(data)
    check_nx(T, G, "json (networkx)", lambda n, d: n)
    expect("json: multigraph", G.is_multigraph(), True)
    for n, d in G.nodes(data=True):
        if d["span"] is not None:
            expect("json span of %s" % n, span_of(d["span"]),
                   (json_year(d["start"]), json_year(d["end"])))
    for u, v, d in G.edges(data=True):
        expect("json span of %s-%s" % (u, v), span_of(d["span"]),
               (json_year(d["start"]), json_year(d["end"])))
    nsrc = sum(len(d["sources"]) for _, _, d in G.edges(data=True))
    expect("json: sources", nsrc, sum(len(t["sources"]) for t in T.ties))
    return "json: networkx node_link_graph reads %d nodes, %d ties (%s), " \
           "%d sources" % (len(T.names), len(T.ties), layer_text(T.per_layer()),
                           nsrc)


def pajek_name(s):
    """A Pajek label: '"' is written &#34; and a line break \\n (Pajek's
    escapes), which the readers hand back as they are."""
    return html.unescape(s).replace("\\n", "\n")


def check_pajek(T, path):
    raw = open(path, "rb").read()
    expect("pajek: no BOM (igraph refuses one)", raw[:3] != b"\xef\xbb\xbf", True)
    want = sorted((tuple(sorted((t["from"], t["to"]))), t["layer"],
                   float(t["weight"])) for t in T.ties)
    G = nx.read_pajek(path)
    expect("pajek (networkx): names", sorted(pajek_name(n) for n in G), T.names)
    got = sorted((tuple(sorted((pajek_name(u), pajek_name(v)))), d.get("l", ""),
                  d["weight"]) for u, v, d in G.edges(data=True))
    expect("pajek (networkx): ties", got, want)
    g = igraph.Graph.Read_Pajek(path)
    expect("pajek (igraph): vertices", g.vcount(), len(T.names))
    expect("pajek (igraph): names", sorted(pajek_name(n) for n in g.vs["name"]),
           T.names)
    got = sorted((tuple(sorted((pajek_name(g.vs[e.source]["name"]),
                                pajek_name(g.vs[e.target]["name"])))),
                  e["label"] if "label" in g.es.attributes() else "",
                  e["weight"]) for e in g.es)
    expect("pajek (igraph): ties", got, want)
    if not T.mixed:  # a network of both kinds: Pajek has it, neither reader
        expect("pajek (networkx): directed", G.is_directed(), T.directed)
        expect("pajek (igraph): directed", g.is_directed(), T.directed)
    return ("pajek: networkx and igraph read %d vertices and %d lines with "
            "weights and layers (%s)" % (g.vcount(), g.ecount(),
                                         layer_text(T.per_layer())))


def check_pajek_own(T, path):
    """The Pajek dialect, read by its documented syntax: a BOM, vertex lines
    `n "label" [intervals]`, one section per layer `*Arcs :k "layer"`."""
    raw = open(path, "rb").read()
    expect("pajek dialect: UTF-8 BOM", raw[:3], b"\xef\xbb\xbf")
    names, sections, cur, intervals = [], {}, None, {}
    for line in raw[3:].decode("utf-8").splitlines():
        m = re.match(r'^\*(Arcs|Edges) :(\d+) "(.*)"$', line)
        if m:
            cur = (m.group(3), m.group(1) == "Arcs")
            sections.setdefault(cur, 0)
            continue
        if line.startswith("*"):
            continue
        if cur is None:
            m = re.match(r'^(\d+) "(.*)"( \[(.*)\])?$', line)
            names.append(pajek_name(m.group(2)))
            intervals[names[-1]] = m.group(4) or ""
        else:
            m = re.match(r'^\d+ \d+ \S+( \[\d+-(\d+|\*)\])?$', line)
            if not m:
                raise Mismatch("pajek dialect: bad line %r" % line)
            sections[cur] += 1
    expect("pajek dialect: names", sorted(names), T.names)
    want = {}
    for t in T.ties:
        k = (t["layer"], t["dir"] == "->")
        want[k] = want.get(k, 0) + 1
    expect("pajek dialect: ties per section", sections, want)
    shown = "\n".join("  %s %s" % (n, intervals[n] or "always")
                      for n in sorted(intervals))
    return ("pajek dialect: sections %s; intervals:\n%s"
            % (", ".join("%s %s %d" % (l, "arcs" if d else "edges", n)
                         for (l, d), n in sorted(sections.items())), shown))


def check_dl(T, path):
    key = path[:-3] + "-key.csv"
    with open(key, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    label = {r["label"]: r["name"] for r in rows}
    for r in rows:
        expect("dl key: kind of %s" % r["name"], r["kind"],
               T.actors[r["name"]]["kind"] or "")
    expect("dl key: names", sorted(label.values()), T.names)
    text = open(path, "rb").read()
    expect("dl: ASCII only", all(b < 128 for b in text), True)
    g = igraph.Graph.Read_DL(path, directed=True)
    expect("dl (igraph): vertices", g.vcount(), len(T.names))
    # one entry per ordered pair, the weights of its ties (all layers)
    # summed; an undirected tie counts both ways
    cells = {}
    for t in T.ties:
        for a, b in ([(t["from"], t["to"])] if t["dir"] == "->" else
                     [(t["from"], t["to"]), (t["to"], t["from"])]):
            cells[(a, b)] = cells.get((a, b), 0) + float(t["weight"])
    got = sorted((label[g.vs[e.source]["name"].lower()],
                  label[g.vs[e.target]["name"].lower()], e["weight"])
                 for e in g.es)
    want = sorted((a, b, w) for (a, b), w in cells.items())
    expect("dl (igraph): entries", got, want)
    return "dl: igraph reads %d vertices and %d entries; the key names all " \
           "%d actors" % (g.vcount(), g.ecount(), len(label))


def check_csv(T, path):
    raw = open(path, "rb").read(3)
    expect("csv: UTF-8 BOM", raw, b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as f:
        ties = list(csv.DictReader(f))
    with open(path[:-4] + "-actors.csv", encoding="utf-8-sig", newline="") as f:
        actors = list(csv.DictReader(f))
    expect("csv: actor names", sorted(a["name"] for a in actors), T.names)
    for a in actors:
        want = T.attrs(a["name"])
        got = {k: (float(v) if isinstance(want.get(k), float) else
                   v == "true" if isinstance(want.get(k), bool) else v)
               for k, v in a.items() if k in want and v != ""}
        expect("csv: attributes of %s" % a["name"], got, want)
    keys = sorted(edge_key(t["from"], t["to"], t["layer"],
                           t["directed"] == "true", t["weight"], True)
                  for t in ties)
    expect("csv: ties", keys, T.edge_keys(True))
    return "csv: %d ties and %d actors, UTF-8 with BOM" % (len(ties), len(actors))


def check_all(cnet, script, tmp):
    """Export `script` to every format in tmp and read each back; returns
    the report lines and whether all agreed."""
    T = Truth(cnet, script)
    exports = [("x.%s" % e, "") for e in
               ("graphml", "gexf", "json", "net", "dl", "csv")]
    exports.append(("own.net", 'dialect="pajek", '))
    for name, opt in exports:
        rc, out, err = run(cnet, "-e", 'export(%sto="%s/%s")' % (opt, tmp, name),
                           script)
        if rc != 0:
            return ["export to %s failed (exit %d):\n%s" % (name, rc, err)], False
    checks = [("x.graphml", check_graphml), ("x.gexf", check_gexf),
              ("x.json", check_json), ("x.net", check_pajek),
              ("own.net", check_pajek_own), ("x.dl", check_dl),
              ("x.csv", check_csv)]
    lines, ok = [], True
    for name, fn in checks:
        try:
            lines.append(fn(T, os.path.join(tmp, name)))
        except Mismatch as e:
            lines.append("MISMATCH %s" % e)
            ok = False
        except Exception as e:  # a reader that cannot read the file at all
            lines.append("READ ERROR %s: %s: %s" % (name, type(e).__name__, e))
            ok = False
    return lines, ok


def main():
    lines, ok = check_all(*sys.argv[1:4])
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
