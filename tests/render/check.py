#!/usr/bin/env python3
"""Checks of cnet's figures for tests/render (python3 standard library only).

  check.py text                      JSON strings on stdin (cnet -f json) as raw text
  check.py svg FIG.svg CASE.json     every actor and tie of the snapshot is drawn,
                                     with the styles dot() gave its layer and kind
  check.py file F…                   type and size of PNG / PDF / SVG files
  check.py same-positions A.svg B.svg…   one actor sits at the same place in
                                     every per-stage file
  check.py panels ALL.svg            the same, across the panels of one file
  check.py crop ALL.svg              each panel draws the absent actors that
                                     stand among its present ones, and no
                                     other (the panel takes the room of its
                                     own network)
  check.py labels FIG.svg ID…        the text drawn for these node ids
  check.py fans FIG.svg              every tie between a pair joined by several
                                     is drawn on its own path
  check.py legend FIG.svg            the legend's rows, the actors drawn with a
                                     mark (broker, key, highlight), and that no
                                     mark's sample has the shape of a kind's
  check.py redraw FIG.dot REF.svg    run the Graphviz command named at the top
                                     of FIG.dot; its SVG has the actors and
                                     ties of REF.svg, with their classes, on a
                                     white background
  check.py selections CNET CASE G=M,M…;… SEL…   for each selection SEL
                                     (then " | " and options of render()), every
                                     panel of render(stages=all, SEL) (or of
                                     SEL's own stages=[…] or layers=[…]) draws
                                     exactly actors(stage=S, SEL) and
                                     ties(stage=S, SEL), one line per pair and
                                     layer with its arrows, and no member of
                                     a group drawn apart where the group acts
  check.py sizes FIG.svg VALUES.json KEY [inverted]   each actor drawn as
                                     an ellipse or box has the area node_size=KEY gives it:
                                     linear in the value of VALUES.json (cnet
                                     -f json of the measure), the largest for
                                     the highest (lowest when inverted)
  check.py encode FIG.svg            per class (new, ended, faded, focus):
                                     the ties and actors drawn with it, the
                                     line widths, and the actors labelled
CASE.json holds, one per line, what `cnet -f json` printed for
dot(sel), actors(sel) and ties(sel).
"""
import json
import re
import shlex
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def text_cmd():
    for line in sys.stdin:
        line = line.strip()
        if line:
            sys.stdout.write(json.loads(line))


def dot_objects(dot):
    """Attribute blocks of the DOT text, by id: {id: {attr: value}}."""
    out = {}
    for m in re.finditer(r"\[([^\[\]]*?)\];", dot, re.S):
        attrs = {}
        for a in re.finditer(r'(\w+)=("(?:[^"\\]|\\.)*"|<.*?>(?=,|\s*$)|[^,\s]+)', m.group(1), re.S):
            v = a.group(2)
            if v.startswith('"'):
                v = v[1:-1]
            attrs[a.group(1)] = v
        if "id" in attrs:
            out[attrs["id"]] = attrs
    return out


def groups(svg_file):
    root = ET.parse(svg_file).getroot()
    res = {}
    for g in root.iter(SVG + "g"):
        if g.get("id"):
            res[g.get("id")] = g
    return res


def title(g):
    t = g.find(SVG + "title")
    return t.text if t is not None else None


DASH = {"dashed": "5,2", "dotted": "1,5", "solid": None, "bold": None}


def svg_cmd(svg_file, case_file):
    lines = [json.loads(l) for l in open(case_file, encoding="utf-8") if l.strip()]
    dot, actors, ties = lines
    objs = dot_objects(dot)
    g = groups(svg_file)
    nodes = {title(x): (i, x) for i, x in g.items() if "node" in (x.get("class") or "")}
    # every actor of the snapshot, with its kind as class
    for a in actors:
        name = a["actor"]
        if name not in nodes:
            fail("actor %s is not drawn" % name)
        i, x = nodes[name]
        want = objs[i]["class"]
        if x.get("class") != "node " + want:
            fail("actor %s has class %r, not %r" % (name, x.get("class"), "node " + want))
    # every tie: an edge of its layer between its ends, styled as dot() said
    edges = {}
    for i, x in g.items():
        if (x.get("class") or "").startswith("edge"):
            ends = frozenset(title(x).split("->"))  # one line per pair and layer
            edges.setdefault((ends, x.get("class")[5:]), []).append((i, x))
    seen = set()
    for t in ties:
        key = (frozenset((t["from"], t["to"])), t["layer"])
        if key not in edges:
            fail("tie %s -%s- %s is not drawn" % (t["from"], t["layer"], t["to"]))
        for i, x in edges[key]:
            seen.add(i)
            want = objs[i]
            path = x.find(SVG + "path")
            if path.get("stroke") != want["color"]:
                fail("%s: stroke %s, not %s" % (i, path.get("stroke"), want["color"]))
            if path.get("stroke-dasharray") != DASH[want["style"]]:
                fail("%s: dashes %s for style %s" % (i, path.get("stroke-dasharray"), want["style"]))
            if abs(float(path.get("stroke-width", "1")) - float(want["penwidth"])) > 1e-6:
                fail("%s: width %s, not %s" % (i, path.get("stroke-width"), want["penwidth"]))
            arrow = x.find(SVG + "polygon") is not None
            if arrow != (want.get("dir") != "none"):
                fail("%s: arrowhead %s, dir %s" % (i, arrow, want.get("dir")))
    dot_edges = [i for i in objs if i.startswith("e_")]
    if sorted(seen) != sorted(dot_edges):
        fail("edges drawn %d, edges in dot() %d" % (len(seen), len(dot_edges)))
    print("svg ok: %d actors, %d ties as %d edges" % (len(actors), len(ties), len(seen)))


def file_cmd(files):
    for f in files:
        data = open(f, "rb").read()
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            kind = "PNG"
            w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
            ok = w > 300 and h > 200
        elif data.startswith(b"%PDF-"):
            kind, ok = "PDF", b"%%EOF" in data[-64:]
        elif b"<svg" in data[:2000]:
            kind, ok = "SVG", data.rstrip().endswith(b"</svg>")
        else:
            kind, ok = "unknown", False
        print("%s: %s, %s" % (f.split("/")[-1], kind, "complete" if ok and len(data) > 2000 else "TOO SMALL"))


def outline_points(g):
    """The x and y of a node's ellipses' extremes and polygons' corners."""
    xs, ys = [], []
    for e in g.iter(SVG + "ellipse"):
        cx, cy, rx, ry = (float(e.get(k)) for k in ("cx", "cy", "rx", "ry"))
        xs += [cx - rx, cx + rx]
        ys += [cy - ry, cy + ry]
    for e in g.iter(SVG + "polygon"):
        for pt in e.get("points").split():
            x, y = pt.split(",")
            xs.append(float(x))
            ys.append(float(y))
    return xs, ys


def node_xy(g):
    """Centre of a node's drawn shape (not its text, whose anchor depends
    on the kind of label)."""
    first = next((e for e in g.iter() if e.tag in (SVG + "ellipse", SVG + "polygon")), None)
    if first is not None and first.tag == SVG + "polygon":
        pts = [tuple(map(float, pt.split(","))) for pt in first.get("points").split()]
        return ((min(p[0] for p in pts) + max(p[0] for p in pts)) / 2,
                (min(p[1] for p in pts) + max(p[1] for p in pts)) / 2)
    xs, ys = outline_points(g)
    for e in g.iter(SVG + "polyline"):
        for pt in e.get("points").split():
            x, y = pt.split(",")
            xs.append(float(x))
            ys.append(float(y))
    if not xs:
        t = g.find(SVG + "text")
        return (float(t.get("x")), float(t.get("y")))
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


def absent(g):
    """An actor absent from the stage is drawn with a smaller name and so a
    smaller outline, whose centre is not its position for shapes that are
    not symmetric (a house); its exact position is checked in the DOT."""
    return "absent" in (g.get("class") or "").split()


def same_positions_cmd(files):
    where = {}
    for f in files:
        for i, x in groups(f).items():
            m = re.match(r"s\d+_(a\d+)$", i)
            if m and "node" in (x.get("class") or "") and not absent(x):
                where.setdefault(m.group(1), []).append(node_xy(x))
    n = 0
    for a, ps in where.items():
        if len(ps) > 1:
            n += 1
            if any(abs(p[0] - ps[0][0]) > 0.01 or abs(p[1] - ps[0][1]) > 0.01 for p in ps):
                fail("actor %s moves between files: %s" % (a, ps))
    print("same positions in %d files: %d actors checked" % (len(files), n))


def panels_cmd(svg_file):
    """Every panel is the first one moved by a constant offset."""
    pos = {}
    if svg_file.endswith(".dot"):  # the layout written as DOT: exact pos
        for i, a in dot_objects(open(svg_file, encoding="utf-8").read()).items():
            m = re.match(r"(s\d+)_(a\d+)$", i)
            if m and "pos" in a:
                x, y = a["pos"].split(",")[:2]
                pos.setdefault(m.group(1), {})[m.group(2)] = (float(x), float(y))
    else:
        for i, x in groups(svg_file).items():
            m = re.match(r"(s\d+)_(a\d+)$", i)
            if m and not absent(x):
                pos.setdefault(m.group(1), {})[m.group(2)] = node_xy(x)
    panels = sorted(pos)
    # every pair of panels: the actors drawn in both, moved by one offset
    checked = set()
    for j, p in enumerate(panels):
        for q in panels[:j]:
            common = sorted(set(pos[p]) & set(pos[q]))
            if not common:
                continue
            ref = common[0]
            ox = pos[p][ref][0] - pos[q][ref][0]
            oy = pos[p][ref][1] - pos[q][ref][1]
            for a in common:
                x0, y0 = pos[q][a]
                x, y = pos[p][a]
                if abs(x - x0 - ox) > 0.1 or abs(y - y0 - oy) > 0.1:  # DOT prints 5 digits
                    fail("actor %s moves between panels %s and %s" % (a, q, p))
            checked.update(common)
    print("%d panels: %d actors in the same place in each" % (len(panels), len(checked)))


def outline_box(g):
    """The box of a node's drawn outline."""
    pts = []
    for e in g.iter(SVG + "ellipse"):
        cx, cy, rx, ry = (float(e.get(k)) for k in ("cx", "cy", "rx", "ry"))
        pts += [(cx - rx, cy - ry), (cx + rx, cy + ry)]
    for e in list(g.iter(SVG + "polygon")) + list(g.iter(SVG + "polyline")):
        pts += [tuple(map(float, pt.split(","))) for pt in e.get("points").split()]
    return (min(p[0] for p in pts), min(p[1] for p in pts),
            max(p[0] for p in pts), max(p[1] for p in pts))


def crop_cmd(svg_file):
    present, ghosts = {}, {}
    for i, g in groups(svg_file).items():
        m = re.match(r"(s\d+)_a\d+$", i)
        if m and "node" in (g.get("class") or "").split():
            (ghosts if absent(g) else present).setdefault(m.group(1), []).append(g)
    n = 0
    for p, nodes in present.items():
        boxes = [outline_box(g) for g in nodes]
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
               max(b[2] for b in boxes), max(b[3] for b in boxes))
        for g in ghosts.get(p, []):
            x, y = node_xy(g)
            if not (box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1):
                fail("panel %s draws absent actor %s away from its network" %
                     (p, g.get("id")))
            n += 1
    if not n:
        fail("%s: no absent actor drawn" % svg_file)
    print("crop ok: %d panels, %d absent actors, each among its panel's present ones" %
          (len(present), n))


def labels_cmd(svg_file, ids):
    g = groups(svg_file)
    for i in ids:
        x = g.get(i)
        if x is None:
            fail("no node %s" % i)
        lines = ["".join(t.itertext()) for t in x.iter(SVG + "text")]
        print("%s: %s" % (i, json.dumps(lines, ensure_ascii=False)))


def fans_cmd(svg_file):
    """The ties of one pair (either direction, any layer) fan out: no two
    of them share a path.  Counts pairs by the ends in the tie ids."""
    pairs = {}
    for i, g in groups(svg_file).items():
        m = re.match(r"e_((?:s\d+_)?[ag]\d+)_([ag]\d+)_(l\d+|tie)$", i)
        if m:
            tail = m.group(1)
            head = tail[:len(tail) - len(tail.lstrip("s0123456789_"))] + m.group(2)
            d = g.find(SVG + "path").get("d")
            pairs.setdefault(frozenset((tail, head)), []).append(d)
    multi = {p: ds for p, ds in pairs.items() if len(ds) > 1}
    for p, ds in multi.items():
        if len(set(ds)) != len(ds):
            fail("ties between %s share a path" % " and ".join(sorted(p)))
    sizes = sorted(len(ds) for ds in multi.values())
    print("%d pairs with several ties (%s), each tie on its own path"
          % (len(multi), ", ".join(str(n) for n in sizes)))


MARK_WORDS = {"占据结构洞", "关键行动者", "突出显示",
              "spans a structural hole", "key actor", "highlighted"}


def shape_of(g):
    """What a legend sample's outline looks like: circle, ellipse or an
    n-gon (each outline drawn, so a double circle is two circles)."""
    out = []
    for e in g:
        if e.tag == SVG + "ellipse":
            out.append("circle" if abs(float(e.get("rx")) - float(e.get("ry"))) < 0.01 else "ellipse")
        elif e.tag in (SVG + "polygon", SVG + "polyline"):
            out.append("%d-gon" % (len(e.get("points").split()) - (e.tag == SVG + "polygon")))
    return "+".join(out)


def legend_cmd(svg_file):
    g = groups(svg_file)
    text = lambda i: "".join("".join(t.itertext()) for t in g[i].iter(SVG + "text"))
    rows = sorted((i for i in g if re.match(r"legend_[kl]\d+$", i)),
                  key=lambda i: (i[7] != "l", int(i[8:])))
    print("legend: " + ", ".join(text(i + "_text") for i in rows))
    kinds = {text(i + "_text"): shape_of(g[i]) for i in rows
             if i[7] == "k" and text(i + "_text") not in MARK_WORDS}
    for i in rows:
        word = text(i + "_text")
        if word in MARK_WORDS:
            same = [k for k, sh in kinds.items() if sh == shape_of(g[i])]
            if same:
                fail("the sample of %s has the shape of %s" % (word, ", ".join(same)))
    for i, x in sorted(g.items()):
        cls = (x.get("class") or "").split()
        if cls[:1] == ["node"] and {"broker", "key", "highlight"} & set(cls):
            print("%s %s: %s" % (i, title(x), " ".join(cls[1:])))


def drawn(svg_file):
    """The actors and ties of a figure: {id: class}."""
    return {i: g.get("class") for i, g in groups(svg_file).items()
            if re.match(r"(s\d+_)?[ag]\d+$|e_", i)}


def redraw_cmd(dot_file, ref_svg):
    import os
    import subprocess
    first = open(dot_file, encoding="utf-8").readline()
    m = re.match(r"// draw with: (.*)$", first)
    if not m:
        fail("%s does not start with '// draw with: …': %r" % (dot_file, first))
    cmd = m.group(1)
    r = subprocess.run(cmd, shell=True, cwd=os.path.dirname(os.path.abspath(dot_file)),
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail("%s: %s" % (cmd, r.stderr))
    out = os.path.join(os.path.dirname(os.path.abspath(dot_file)), shlex.split(cmd)[-1])
    got, want = drawn(out), drawn(ref_svg)
    if got != want:
        fail("%s draws %s, render() %s" % (cmd, sorted(set(got.items()) - set(want.items()))[:5],
                                          sorted(set(want.items()) - set(got.items()))[:5]))
    bg = ET.parse(out).getroot().find(SVG + "g").find(SVG + "polygon")
    if bg is None or bg.get("fill") != "white":
        fail("%s: background %s" % (cmd, None if bg is None else bg.get("fill")))
    tool = cmd.split(" -T")[0]
    print("%s redraws it: %d actors and ties as render() drew them, on white"
          % (tool, len(got)))


def panel_drawing(svg_file):
    """Per panel index: {name: classes} of its nodes and a list of
    (tail, head, layer, classes, arrowheads) of its edges."""
    nodes, edges = {}, {}
    for i, g in groups(svg_file).items():
        cls = (g.get("class") or "").split()
        m = re.match(r"s(\d+)_[ag]\d+$", i)
        if m and cls[0] == "node":
            nodes.setdefault(int(m.group(1)), {})[title(g).rsplit("@", 1)[0]] = cls[1:]
        m = re.match(r"e_s(\d+)_", i)
        if m:
            tail, head = (x.rsplit("@", 1)[0] for x in title(g).split("->"))
            arrows = len(g.findall(SVG + "polygon"))
            edges.setdefault(int(m.group(1)), []).append((tail, head, cls[1], cls[2:], arrows))
    return nodes, edges


def check_panel(where, nodes, edges, actors, ties, members):
    present = {n for n, c in nodes.items() if "absent" not in c and "folded" not in c}
    want = {a["actor"] for a in actors}
    if present != want:
        fail("%s: drawn %s, actors() %s" % (where, sorted(present - want), sorted(want - present)))
    for g, ms in members.items():
        if g in present:
            apart = sorted(m for m in ms if m in nodes and "folded" not in nodes[m])
            if apart:
                fail("%s: %s drawn apart from their group %s" % (where, apart, g))
        elif g in nodes and any(m in present for m in ms):
            fail("%s: group %s drawn as %s while its members are drawn" % (where, g, nodes[g]))
    lines = {}
    for tail, head, layer, cls, arrows in edges:
        if "absent" in cls:
            continue
        key = (frozenset((tail, head)), layer)
        if key in lines:
            fail("%s: %s and %s joined twice in layer %s" % (where, tail, head, layer))
        lines[key] = (tail, head, arrows)
    wanted = {}
    for t in ties:
        key = (frozenset((t["from"], t["to"])), t["layer"])
        dirs = wanted.setdefault(key, set())
        if t["dir"] == "->":
            dirs.add((t["from"], t["to"]))
    if set(lines) != set(wanted):
        show = lambda ks: sorted("%s-%s-%s" % (*sorted(k[0]), k[1]) for k in ks)
        fail("%s: lines drawn but not in ties(): %s; ties() not drawn: %s"
             % (where, show(set(lines) - set(wanted)), show(set(wanted) - set(lines))))
    for key, dirs in wanted.items():
        tail, head, arrows = lines[key]
        if arrows != len(dirs) or (len(dirs) == 1 and (tail, head) not in dirs):
            fail("%s: %s->%s drawn with %d arrowheads, ties() directed %s"
                 % (where, tail, head, arrows, sorted(dirs)))
    return len(present), len(lines)


def selections_cmd(cnet, case, groups_arg, sels):
    import os
    import subprocess
    import tempfile
    members = {}
    for g in groups_arg.split(";"):
        name, ms = g.split("=")
        members[name] = ms.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        run = lambda exprs: subprocess.run(
            cnet.split() + ["-f", "json", "--allow-write=" + tmp]
            + [x for e in exprs for x in ("-e", e)] + [case],
            capture_output=True, text=True)
        all_stages = json.loads(run(["stages()"]).stdout)
        svg = os.path.join(tmp, "panels.svg")
        for sel in sels:
            shown = sel or "(no selection)"
            sel, _, options = sel.partition(" | ")  # options for render() alone
            # stages=[…] or layers=[…] (one panel per layer) lead the selection
            m = re.match(r"(stages|layers)=\[([^\]]*)\](?:,\s*)?(.*)$", sel)
            stages = [s.strip() for s in m.group(2).split(",")] if m else all_stages
            key = "layer" if m and m.group(1) == "layers" else "stage"
            rest = m.group(3) if m else sel
            exprs = ['render(%s to="%s")' % (", ".join(x for x in (
                "" if m else "stages=all", sel, options) if x) + ",", svg)]
            for s in stages:
                exprs += ["actors(%s=%s%s)" % (key, s, ", " + rest if rest else ""),
                          "ties(%s=%s%s)" % (key, s, ", " + rest if rest else "")]
            r = run(exprs)
            if r.returncode != 0:
                fail("%s: %s" % (sel, r.stderr.strip()))
            out = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
            if not out or out[0] is not None:  # render() itself prints null
                fail("%s: render() printed %r, not null" % (sel, out[:1]))
            out = out[1:]
            nodes, edges = panel_drawing(svg)
            counts = []
            for p, s in enumerate(stages):
                counts.append(check_panel("%s, panel %s" % (shown, s), nodes.get(p, {}),
                                          edges.get(p, []), out[2 * p], out[2 * p + 1], members))
            print("%s: %d panels as ties() and actors() (%s)"
                  % (shown, len(stages),
                     ", ".join("%d+%d" % c for c in counts)))


def shape_box_area(g):
    """Width × height of a node's outline (not its label): the square of
    the diameter node_size= gives any shape."""
    ells = [tuple(float(e.get(k)) for k in ("rx", "ry")) for e in g.iter(SVG + "ellipse")]
    if ells:  # a doublecircle's outer ring lies beyond its size
        rx, ry = min(ells)
        return 4 * rx * ry
    xs, ys = [], []
    polys = list(g.iter(SVG + "polygon"))
    if len(polys) != 1 or len(set(polys[0].get("points").split())) != 4:
        return None  # only boxes fill their size: a house's roof does not
    for e in polys:
        for pt in e.get("points").split():
            x, y = pt.split(",")
            xs.append(float(x))
            ys.append(float(y))
    if not xs:
        return None
    return (max(xs) - min(xs)) * (max(ys) - min(ys))


def sizes_cmd(svg_file, values_file, key, inverted=None):
    values = {r["actor"]: r[key] for r in json.load(open(values_file))
              if isinstance(r.get(key), (int, float))}
    areas, rings, drawn = {}, set(), set()
    for g in groups(svg_file).values():
        if "node" not in (g.get("class") or "").split() or "legend" in (g.get("class") or ""):
            continue
        name = (title(g) or "").split("@")[0]
        if name in values:
            drawn.add(name)
        if name in values and shape_box_area(g) is not None:
            areas[name] = shape_box_area(g)
            if len(list(g.iter(SVG + "ellipse"))) > 1:
                rings.add(name)
    if len(areas) < 3:
        fail("only %d actors with a value drawn" % len(areas))
    lo, hi = min(values[a] for a in drawn), max(values[a] for a in drawn)
    t = {a: (values[a] - lo) / (hi - lo) for a in areas}
    if inverted:
        t = {a: 1 - x for a, x in t.items()}
    # the line through the areas (least squares): Graphviz draws sizes in
    # whole points, so the ends are not exact either
    n = len(areas)
    mt = sum(t.values()) / n
    ma = sum(areas.values()) / n
    slope = (sum((t[a] - mt) * (areas[a] - ma) for a in areas) /
             sum((t[a] - mt) ** 2 for a in areas))
    amin, amax = ma - slope * mt, ma + slope * (1 - mt)
    if amax < 5 * amin:
        fail("largest area %.0f is not well above the smallest %.0f" % (amax, amin))
    for a in areas:
        want = amin + (amax - amin) * t[a]
        # diameters within 0.7 pt of the line (a doublecircle's inner ring,
        # which Graphviz sizes from the outer one, 2 pt)
        if abs(areas[a] ** 0.5 - max(want, 0) ** 0.5) > (2 if a in rings else 0.7):
            fail("%s: area %.1f, linear in %s would give %.1f" % (a, areas[a], key, want))
    # at a width that shrinks the labels, the sizes shrink with the
    # positions: no two actors' outlines overlap
    boxes = []
    for g in groups(svg_file).values():
        cls = (g.get("class") or "").split()
        if "node" not in cls or "legend" in cls:
            continue
        xs, ys = outline_points(g)
        if xs:
            boxes.append((title(g), min(xs), min(ys), max(xs), max(ys)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            w = min(a[3], b[3]) - max(a[1], b[1])
            h = min(a[4], b[4]) - max(a[2], b[2])
            if w > 0.5 and h > 0.5:
                fail("%s and %s overlap" % (a[0], b[0]))
    top = max(areas, key=lambda a: areas[a])
    print("sizes: %d actors, area linear in %s%s, largest %s" %
          (len(areas), key, " (inverted)" if inverted else "", top))


def stroke_width(g):
    p = g.find(SVG + "path")
    return float(p.get("stroke-width") or 1) if p is not None else None


def encode_cmd(svg_file):
    edges, nodes = {}, {}
    labelled = []
    for gid, g in sorted(groups(svg_file).items()):
        cls = (g.get("class") or "").split()
        if "legend" in cls:
            continue
        marks = [c for c in cls if c in ("new", "ended", "faded", "focus")] or ["plain"]
        if "edge" in cls:
            for m in marks:
                edges.setdefault(m, []).append(stroke_width(g))
        elif "node" in cls:
            for m in marks:
                nodes.setdefault(m, []).append(title(g))
            if any("".join(t.itertext()).strip() for t in g.iter(SVG + "text")):
                labelled.append(title(g))
    for m in sorted(edges):
        w = edges[m]
        print("ties %s: %d, widths %g–%g" % (m, len(w), min(w), max(w)))
    for m in sorted(nodes):
        print("actors %s: %d%s" % (m, len(nodes[m]),
                                  ": " + ", ".join(sorted(nodes[m])) if len(nodes[m]) <= 3 else ""))
    print("labelled: %d%s" % (len(labelled),
                              ": " + ", ".join(sorted(labelled)) if len(labelled) <= 4 else ""))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"text": lambda: text_cmd(),
     "svg": lambda: svg_cmd(*args),
     "file": lambda: file_cmd(args),
     "same-positions": lambda: same_positions_cmd(args),
     "panels": lambda: panels_cmd(*args),
     "crop": lambda: crop_cmd(*args),
     "labels": lambda: labels_cmd(args[0], args[1:]),
     "fans": lambda: fans_cmd(*args),
     "legend": lambda: legend_cmd(*args),
     "redraw": lambda: redraw_cmd(*args),
     "sizes": lambda: sizes_cmd(*args),
     "encode": lambda: encode_cmd(*args),
     "selections": lambda: selections_cmd(args[0], args[1], args[2], args[3:])}[cmd]()
