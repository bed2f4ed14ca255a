#!/usr/bin/env python3
"""Read cnet's exports back with the real readers and compare with cnet.

    check_export.py CNET SCRIPT DIR

Runs `CNET -f json -e 'actors()' -e 'ties()' SCRIPT` for the truth, then
`CNET -e 'export(to="DIR/x.EXT")' SCRIPT` for every format, and reads:

  x.graphml  with NetworkX (read_graphml) and python-igraph (Read_GraphML)
  x.gexf     with NetworkX (read_gexf)
  x.json     with NetworkX (node_link_graph)
  x.net      with python-igraph (Read_Pajek), and section by section here
  x.dl       with python-igraph (Read_DL), and the key file here
  x.csv      with Python's csv module (what pandas and R's read.csv see)

and compares node count, names, kinds, attributes, ties per layer (ends,
direction, weight) and time (spans, GEXF spells, Pajek intervals).  Prints
one line per reader; exits 1 on the first difference, with the details.

Two readers need help, and only where they say so in their documentation:
NetworkX 2.8 knows GEXF up to 1.2draft, so the 1.3 namespace is registered
with its reader (the format is otherwise the same for what is read here),
and it parses an open spell end (left out, as GEXF says) with int(None), so
a missing end is read as open.  igraph's Pajek reader documents that it
reads neither multi-relational nor temporal networks, nor (in 0.10) a UTF-8
BOM: the BOM, the ':k "layer"' of the section lines and the [..] intervals
are taken out of the copy igraph reads, and checked here instead.
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
from networkx.readwrite import gexf as nxgexf

FORMATS = ["graphml", "gexf", "json", "net", "dl", "csv"]


class Mismatch(Exception):
    pass


def run(cnet, *args):
    p = subprocess.run(shlex.split(cnet) + list(args), capture_output=True,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def span_of(text):
    """'1980..1990' -> (1980, 1990); open ends are None; 'always' -> (None, None)."""
    if text in ("", "always", None):
        return (None, None)
    if ".." not in text:
        y = float(text)
        return (y, y)
    lo, hi = text.split("..")
    return (float(lo) if lo else None, float(hi) if hi else None)


def hull(spells):
    if not spells:
        return (None, None)
    lo = [s[0] for s in spells]
    hi = [s[1] for s in spells]
    return (None if None in lo else min(lo), None if None in hi else max(hi))


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

    def attrs(self, name):
        a = self.actors[name]
        return {k: num(v) for k, v in a.items()
                if k not in ("actor", "kind", "span") and v is not None}

    def edge_keys(self, ordered):
        """Multiset of (ends, layer, directed, weight) as sorted tuples."""
        keys = []
        for t in self.ties:
            ends = (t["from"], t["to"])
            if not ordered and t["dir"] == "--":
                ends = tuple(sorted(ends))
            keys.append((ends, t["layer"], t["dir"] == "->", float(t["weight"])))
        return sorted(keys)

    def per_layer(self):
        out = {}
        for t in self.ties:
            out[t["layer"]] = out.get(t["layer"], 0) + 1
        return out


def layer_text(counts):
    return ", ".join("%s %d" % kv for kv in sorted(counts.items()))


def edge_key(u, v, layer, directed, weight, ordered):
    ends = (u, v)
    if not ordered and not directed:
        ends = tuple(sorted(ends))
    elif not ordered:
        ends = tuple(sorted(ends))
    return (ends, layer, bool(directed), float(weight))


def truth_keys_unordered(T):
    return sorted(((tuple(sorted(e[0]))), e[1], e[2], e[3])
                  for e in T.edge_keys(True))


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
    want = T.edge_keys(True) if ordered else truth_keys_unordered(T)
    expect(reader + ": ties", sorted(keys), want)
    expect(reader + ": directed graph", G.is_directed(), T.directed)
    return G


def check_graphml(T, path):
    G = nx.read_graphml(path)
    check_nx(T, G, "graphml (networkx)", lambda n, d: d["name"])
    for u, v, d in G.edges(data=True):
        ends = tuple(sorted((G.nodes[u]["name"], G.nodes[v]["name"])))
        span = (d.get("start"), d.get("end"))
        text = d.get("span", "")
        expect("graphml span text of %s" % (ends,), span_of(text), span)
    g = igraph.Graph.Read_GraphML(path)
    expect("graphml (igraph): vertices", g.vcount(), len(T.names))
    expect("graphml (igraph): names", sorted(g.vs["name"]), T.names)
    keys = sorted(edge_key(g.vs[e.source]["name"], g.vs[e.target]["name"],
                           e["layer"], e["directed"], e["weight"],
                           g.is_directed())
                  for e in g.es)
    want = T.edge_keys(True) if g.is_directed() else truth_keys_unordered(T)
    expect("graphml (igraph): ties", keys, want)
    for v in g.vs:
        check_attrs(T, v["name"], {k: v[k] for k in g.vs.attributes()
                                   if v[k] is not None and v[k] == v[k]},
                    "graphml (igraph)")
    return "graphml: networkx and igraph read %d nodes, %d ties (%s), " \
           "typed attributes and spans" % (len(T.names), len(T.ties),
                                           layer_text(T.per_layer()))


def gexf_reader():
    if "1.3" not in nxgexf.GEXF.versions:
        d = dict(nxgexf.GEXF.versions["1.2draft"])
        d.update({"NS_GEXF": "http://gexf.net/1.3",
                  "NS_VIZ": "http://gexf.net/1.3/viz",
                  "SCHEMALOCATION": " ".join(["http://gexf.net/1.3",
                                              "http://gexf.net/1.3/gexf.xsd"]),
                  "VERSION": "1.3"})
        nxgexf.GEXF.versions["1.3"] = d
    r = nxgexf.GEXFReader(version="1.3")
    for k in ("integer", "double"):
        f = r.python_type[k]
        r.python_type[k] = (lambda s, f=f: None if s is None else f(s))
    return r


def spells_text(spells):
    if not spells:
        return "always"
    def y(x):
        return "" if x is None else "%g" % x
    return " ".join("%s..%s" % (y(a), y(b)) for a, b in spells)


def check_gexf(T, path):
    with open(path, "rb") as f:
        G = gexf_reader()(f)
    check_nx(T, G, "gexf (networkx)", lambda n, d: n)
    lines = []
    for n, d in sorted(G.nodes(data=True)):
        sp = d.get("spells", [])
        expect("gexf: life of %s" % n, hull(sp), span_of(T.actors[n]["span"]))
        lines.append("  %s: %s" % (n, spells_text(sp)))
    spans = sorted((tuple(sorted((u, v))), d["layer"], spells_text(d.get("spells", [])))
                   for u, v, d in G.edges(data=True))
    want = sorted((tuple(sorted((t["from"], t["to"]))), t["layer"],
                   spells_text([] if t["span"] == "always" else [span_of(t["span"])]))
                  for t in T.ties)
    expect("gexf: edge spells", spans, want)
    return ("gexf: networkx reads %d nodes, %d ties (%s); node spells:\n%s"
            % (len(T.names), len(T.ties), layer_text(T.per_layer()),
               "\n".join(lines)))


def check_json(T, path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    G = nx.node_link_graph(data)
    check_nx(T, G, "json (networkx)", lambda n, d: n)
    expect("json: multigraph", G.is_multigraph(), True)
    for u, v, d in G.edges(data=True):
        if d["span"] is not None:
            expect("json span of %s-%s" % (u, v), span_of(d["span"]),
                   (d["start"], d["end"]))
    nsrc = sum(len(d["sources"]) for _, _, d in G.edges(data=True))
    expect("json: sources", nsrc, sum(len(t["sources"]) for t in T.ties))
    return "json: networkx node_link_graph reads %d nodes, %d ties (%s), " \
           "%d sources" % (len(T.names), len(T.ties), layer_text(T.per_layer()),
                           nsrc)


def pajek_unescape(s):
    return html.unescape(s).replace("\\n", "\n")


def check_pajek(T, path, tmp):
    raw = open(path, "rb").read()
    expect("pajek: UTF-8 BOM", raw[:3], b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8")
    # our own reading: sections per layer, intervals
    names, sections, cur, intervals = [], {}, None, {}
    for line in text.splitlines():
        m = re.match(r'^\*(Arcs|Edges) :(\d+) "(.*)"$', line)
        if m:
            cur = (m.group(3), m.group(1) == "Arcs")
            sections.setdefault(cur, 0)
            continue
        if line.startswith("*"):
            continue
        if cur is None:
            m = re.match(r'^(\d+) "(.*)"( \[(.*)\])?$', line)
            names.append(pajek_unescape(m.group(2)))
            intervals[names[-1]] = m.group(4) or ""
        else:
            sections[cur] += 1
    expect("pajek: names", sorted(names), T.names)
    want = {}
    for t in T.ties:
        k = (t["layer"], t["dir"] == "->")
        want[k] = want.get(k, 0) + 1
    expect("pajek: ties per section", sections, want)
    # igraph reads what it supports: the same file without BOM, relation
    # labels and intervals
    plain = re.sub(r'^(\*(?:Arcs|Edges)) :\d+ ".*"$', r"\1", text, flags=re.M)
    plain = re.sub(r" \[[^\]]*\]$", "", plain, flags=re.M)
    p = os.path.join(tmp, "igraph.net")
    with open(p, "w", encoding="utf-8") as f:
        f.write(plain)
    g = igraph.Graph.Read_Pajek(p)
    expect("pajek (igraph): vertices", g.vcount(), len(T.names))
    expect("pajek (igraph): names", sorted(pajek_unescape(n) for n in g.vs["name"]),
           T.names)
    keys = sorted((tuple(sorted((pajek_unescape(g.vs[e.source]["name"]),
                                 pajek_unescape(g.vs[e.target]["name"])))),
                   float(e["weight"])) for e in g.es)
    wantk = sorted((tuple(sorted((t["from"], t["to"]))), float(t["weight"]))
                   for t in T.ties)
    expect("pajek (igraph): ties", keys, wantk)
    shown = "\n".join("  %s %s" % (n, intervals[n] or "always")
                      for n in sorted(intervals))
    return ("pajek: igraph reads %d vertices and %d lines with weights; "
            "sections %s; intervals:\n%s"
            % (g.vcount(), g.ecount(),
               ", ".join("%s %s %d" % (l, "arcs" if d else "edges", n)
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
                  label[g.vs[e.target]["name"].lower()], float(e["weight"]))
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
    keys = sorted(((t["from"], t["to"]) if t["directed"] == "true" else
                   tuple(sorted((t["from"], t["to"]))), t["layer"],
                   t["directed"] == "true", float(t["weight"])) for t in ties)
    want = sorted(((e[0] if e[2] else tuple(sorted(e[0]))), e[1], e[2], e[3])
                  for e in T.edge_keys(True))
    expect("csv: ties", keys, want)
    return "csv: %d ties and %d actors, UTF-8 with BOM" % (len(ties), len(actors))


def main():
    cnet, script, tmp = sys.argv[1], sys.argv[2], sys.argv[3]
    T = Truth(cnet, script)
    for ext in FORMATS:
        rc, out, err = run(cnet, "-e", 'export(to="%s/x.%s")' % (tmp, ext), script)
        if rc != 0:
            print("export to .%s failed (exit %d):\n%s" % (ext, rc, err))
            return 1
    checks = [("graphml", check_graphml), ("gexf", check_gexf),
              ("json", check_json), ("net", lambda T, p: check_pajek(T, p, tmp)),
              ("dl", check_dl), ("csv", check_csv)]
    failed = 0
    for ext, fn in checks:
        try:
            print(fn(T, os.path.join(tmp, "x." + ext)))
        except Mismatch as e:
            print("MISMATCH %s" % e)
            failed = 1
        except Exception as e:  # a reader that cannot read the file at all
            print("READ ERROR .%s: %s: %s" % (ext, type(e).__name__, e))
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())
