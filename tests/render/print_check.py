#!/usr/bin/env python3
"""Checks that a figure is print-ready (tests/render/print_size.cnet).

  print_check.py page FIG.pdf|FIG.svg|FIG.eps WIDTH_PT
        the page is WIDTH_PT points wide (within half a point): pdfinfo for
        a PDF, the viewBox for an SVG, the %%BoundingBox for an EPS
  print_check.py text FIG.pdf MIN_PT
        the smallest word pdftotext -bbox finds is at least MIN_PT points:
        a word's box is the font's ascent + descent, 1.448 em in Noto Sans
        CJK (1.160 + 0.288), so its height / 1.448 is its size
  print_check.py svg-text FIG.svg MIN_PT PRINT_WIDTH_PT
        every font-size in the SVG is at least MIN_PT once the page is
        printed PRINT_WIDTH_PT wide (AUTO: as
        drawn)
  print_check.py strokes FIG.svg MIN_PT PRINT_WIDTH_PT
        every drawn line is at least MIN_PT wide printed so (SVG
        stroke-width; none written is 1)
  print_check.py grey FIG.svg
        every fill, stroke and text colour is a grey (r = g = b), black,
        white or none
  print_check.py luma FIG.svg MIN_DL
        the legend's layer lines differ pairwise in luma (Rec. 601, 0-255)
        by at least MIN_DL: layers stay apart printed in greyscale
  print_check.py ghosts FIG.svg
        absent actors are hollow and come before every tie in the SVG, so
        that no tie is hidden under one
  print_check.py ties FIG.svg
        every tie starts at its tail actor's shape and ends at its head's
        (its arrowhead's tip, when it has one), within a few points: no
        tie drawn away from the actors it joins
  print_check.py gaps FIG.svg MIN_PT PRINT_WIDTH_PT
        no two actors of one panel (present or absent) come nearer than
        MIN_PT once printed so: their shapes' boxes are that far apart
        across or along the page, so that no label touches another
        actor's outline
  print_check.py legend-columns FIG.svg N
        the legend's layer and kind rows stand in N columns (distinct
        left ends of their texts)
  print_check.py tight FIG.svg MAX_PT
        every panel's top actor stands within MAX_PT below its caption's
        baseline: no panel keeps room above its network for actors it
        does not draw
  print_check.py captions FIG.svg LINES
        every panel's caption is written on LINES lines (distinct baselines)
  print_check.py crossings FIG.svg
        no tie runs through a present actor's label or shape other than
        its own two actors' shapes, nor through a cluster's title (each
        path sampled along its curves, against each text's box)
  print_check.py labels-at FIG.svg
        every actor's label touches its own shape (within 0.75 em), is
        centred on it (within half an em: inside it, below or above it,
        not at a corner) and is nearer to it than to any other actor's
        shape
  print_check.py margin FIG.pdf MIN_PT
        every word (pdftotext -bbox) stands at least MIN_PT inside the
        page's edges
  print_check.py cluster-titles FIG.svg
        every cluster's box is wider than its title, by a quarter em on
        each side
  print_check.py page-height FIG.svg MAX_PT
        the page is at most MAX_PT tall
  print_check.py png-dpi FIG.png DPI
        the PNG is 8-bit RGB (one colour type for every figure) and
        records DPI in its pHYs chunk (pixels per metre)
  print_check.py pdf-date FIG.pdf YYYYMMDDHHMMSS
        the PDF's CreationDate
"""
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
CJK_BOX_EM = 1.448


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def page_cmd(path, width):
    width = float(width)
    if path.endswith(".pdf"):
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        m = re.search(r"Page size:\s+([0-9.]+) x ([0-9.]+) pts", out)
        got = float(m.group(1))
    elif path.endswith(".eps"):
        m = re.search(rb"%%BoundingBox: 0 0 (\d+) (\d+)", open(path, "rb").read())
        if not m:
            fail("%s: no page bounding box from 0 0" % path)
        got = float(m.group(1))
    else:
        m = re.search(r'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"',
                      open(path, encoding="utf-8").read())
        got = float(m.group(1))
    if abs(got - width) > 0.5:
        fail("%s is %.2f pt wide, not %.2f" % (path, got, width))
    print("page ok: %.0f pt wide" % got)


def text_cmd(path, least):
    out = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True,
                         text=True).stdout
    sizes = [(float(m.group(2)) - float(m.group(1))) / CJK_BOX_EM
             for m in re.finditer(r'<word xMin="[-0-9.]+" yMin="([-0-9.]+)" '
                                  r'xMax="[-0-9.]+" yMax="([-0-9.]+)"', out)]
    if not sizes:
        fail("%s: no text" % path)
    if min(sizes) < float(least) - 0.05:
        fail("%s: the smallest text is %.2f pt, under %s" % (path, min(sizes), least))
    print("text ok: %d words, the smallest %.1f pt" % (len(sizes), min(sizes)))


def print_scale(path, width):
    """What printing the SVG `width` points wide makes of one of its units."""
    if width == "AUTO":  # as drawn
        return 1.0
    m = re.search(r'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"',
                  open(path, encoding="utf-8").read())
    return float(width) / float(m.group(1))


def svg_text_cmd(path, least, width):
    k = print_scale(path, width)
    sizes = [float(x) * k for x in
             re.findall(r'font-size="([0-9.]+)"', open(path, encoding="utf-8").read())]
    if min(sizes) < float(least) - 0.005:
        fail("%s: a text of %.2f pt, under %s" % (path, min(sizes), least))
    print("svg text ok: the smallest %.2f pt" % min(sizes))


def drawn(el):
    return el.tag in (SVG + "path", SVG + "polygon", SVG + "ellipse",
                      SVG + "polyline") and el.get("stroke") not in (None, "none",
                                                                   "transparent")


def strokes_cmd(path, least, width):
    k = print_scale(path, width)
    root = ET.parse(path).getroot()
    widths = [float(el.get("stroke-width", "1")) * k for el in root.iter() if drawn(el)]
    if min(widths) < float(least) - 0.005:
        fail("%s: a line %.2f pt wide, under %s" % (path, min(widths), least))
    print("strokes ok: %d lines, the thinnest %.2f pt" % (len(widths), min(widths)))


def rgb(colour):
    c = colour.lower()
    named = {"black": (0, 0, 0), "white": (255, 255, 255)}
    if c in named:
        return named[c]
    if re.fullmatch(r"#[0-9a-f]{6}([0-9a-f]{2})?", c):
        return tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))
    if re.fullmatch(r"#[0-9a-f]{3}", c):
        return tuple(int(c[i] * 2, 16) for i in (1, 2, 3))
    return None


def grey_cmd(path):
    root = ET.parse(path).getroot()
    n = 0
    for el in root.iter():
        for attr in ("fill", "stroke", "color"):
            v = el.get(attr)
            if v is None or v in ("none", "transparent"):
                continue
            c = rgb(v)
            if c is None or not (c[0] == c[1] == c[2]):
                fail("%s: %s=%s on <%s id=%s>" % (path, attr, v, el.tag[len(SVG):],
                                                  el.get("id")))
            n += 1
    print("grey ok: %d colours, all grey" % n)


def luma_cmd(path, least):
    root = ET.parse(path).getroot()
    lumas = {}
    for g in root.iter(SVG + "g"):
        gid = g.get("id", "")
        if re.fullmatch(r"legend_l\d+", gid):
            p = g.find(SVG + "path")
            r, gr, b = rgb(p.get("stroke"))
            lumas[gid] = 0.299 * r + 0.587 * gr + 0.114 * b
    if len(lumas) < 2:
        fail("%s: fewer than two layers in the legend" % path)
    keys = sorted(lumas)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if abs(lumas[a] - lumas[b]) < float(least):
                fail("%s and %s: luma %.0f and %.0f" % (a, b, lumas[a], lumas[b]))
    print("luma ok: %s" % ", ".join("%.0f" % lumas[k] for k in keys))


def ghosts_cmd(path):
    root = ET.parse(path).getroot()
    order = [g for g in root.iter(SVG + "g") if g.get("class")]
    ghosts = [i for i, g in enumerate(order)
              if "absent" in g.get("class").split() and
              g.get("class").split()[0] == "node"]
    ties = [i for i, g in enumerate(order) if g.get("class").split()[0] == "edge"]
    if not ghosts:
        fail("%s: no absent actor" % path)
    for i in ghosts:
        for shape in order[i]:
            if drawn(shape) and shape.get("fill") not in (None, "none", "transparent"):
                fail("%s: absent actor %s is filled" % (path, order[i].get("id")))
    if max(ghosts) > min(ties):
        fail("%s: a tie comes before absent actor %s" %
             (path, order[max(ghosts)].get("id")))
    print("ghosts ok: %d absent actors, hollow, under %d ties" % (len(ghosts), len(ties)))


def points_of(el):
    if el.tag == SVG + "ellipse":
        cx, cy = float(el.get("cx")), float(el.get("cy"))
        rx, ry = float(el.get("rx")), float(el.get("ry"))
        return [(cx - rx, cy - ry), (cx + rx, cy + ry)]
    text = el.get("points") or el.get("d") or ""
    return [(float(x), float(y)) for x, y in re.findall(r"([-0-9.]+),([-0-9.]+)", text)]


def near(box, p, slack):
    return (box[0] - slack <= p[0] <= box[2] + slack and
            box[1] - slack <= p[1] <= box[3] + slack)


def ties_cmd(path):
    root = ET.parse(path).getroot()
    boxes = {}
    for g in root.iter(SVG + "g"):
        cls = (g.get("class") or "").split()
        if cls[:1] == ["node"]:
            pts = [p for el in g if drawn(el) for p in points_of(el)]
            if pts:
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                boxes[g.find(SVG + "title").text] = (min(xs), min(ys), max(xs), max(ys))
    n = 0
    for g in root.iter(SVG + "g"):
        if (g.get("class") or "").split()[:1] != ["edge"] or \
                g.get("id", "").startswith("legend"):
            continue
        tail, head = g.find(SVG + "title").text.split("->")
        path_el = g.find(SVG + "path")
        line = points_of(path_el)
        # each end's tip: the point of its arrowhead farthest from the line.
        # One arrowhead is the head's; dir=both draws one at each end, each
        # the nearer to its end.
        d2 = lambda p, q: (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2
        arrows = [points_of(a) for a in g.findall(SVG + "polygon")]
        at_end = {0: [], 1: arrows[:1]} if len(arrows) == 1 else {0: [], 1: []}
        if len(arrows) == 2:
            near0 = min(arrows, key=lambda a: min(d2(p, line[0]) for p in a))
            at_end = {0: [near0], 1: [a for a in arrows if a is not near0]}
        ends = []
        for k, end in ((0, line[0]), (1, line[-1])):
            ends.append(max((p for a in at_end[k] for p in a), key=lambda p: d2(p, end))
                        if at_end[k] else end)
        if not ((near(boxes[tail], ends[0], 4) and near(boxes[head], ends[1], 4)) or
                (near(boxes[head], ends[0], 4) and near(boxes[tail], ends[1], 4))):
            fail("%s: tie %s runs from %s to %s, away from its actors" %
                 (path, g.get("id"), ends[0], ends[1]))
        n += 1
    print("ties ok: %d ties, each from its actor to its actor" % n)


def gaps_cmd(path, least, width):
    k = print_scale(path, width)
    root = ET.parse(path).getroot()
    panels = {}
    for g in root.iter(SVG + "g"):
        if (g.get("class") or "").split()[:1] != ["node"]:
            continue
        pts = [p for el in g if drawn(el) for p in points_of(el)]
        title = g.find(SVG + "title").text
        if pts and "@" in title:
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            panels.setdefault(title.split("@")[-1], []).append(
                (title, (min(xs), min(ys), max(xs), max(ys))))
    if not panels:
        fail("%s: no actor" % path)
    n, nearest = 0, None
    for nodes in panels.values():
        for i, (na, a) in enumerate(nodes):
            for nb, b in nodes[i + 1:]:
                gap = max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3]) * k
                if nearest is None or gap < nearest[0]:
                    nearest = (gap, na, nb)
                n += 1
    if nearest[0] < float(least) - 0.005:
        fail("%s: %s and %s %.2f pt apart, under %s" % ((path,) + nearest[1:] +
                                                         (nearest[0], least)))
    print("gaps ok: %d pairs, the nearest %.1f pt apart" % (n, nearest[0]))


def legend_columns_cmd(path, cols):
    root = ET.parse(path).getroot()
    lefts = {round(float(g.find(SVG + "text").get("x")))
             for g in root.iter(SVG + "g")
             if re.fullmatch(r"legend_[lk]\d+_text", g.get("id", ""))}
    if len(lefts) != int(cols):
        fail("%s: the legend in %d columns, not %s" % (path, len(lefts), cols))
    print("legend ok: %s columns" % cols)


def tight_cmd(path, most):
    root = ET.parse(path).getroot()
    baseline, top = {}, {}
    for g in root.iter(SVG + "g"):
        m = re.fullmatch(r"caption_s(\d+)", g.get("id", ""))
        if m:
            baseline[m.group(1)] = max(float(t.get("y")) for t in g.iter(SVG + "text"))
        m = re.fullmatch(r"s(\d+)_[ag]\d+", g.get("id", ""))
        if m and (g.get("class") or "").split()[:1] == ["node"]:
            ys = [p[1] for el in g if drawn(el) for p in points_of(el)]
            if ys:
                top[m.group(1)] = min(top.get(m.group(1), min(ys)), min(ys))
    if not baseline:
        fail("%s: no caption" % path)
    room, p = max((top[p] - baseline[p], p) for p in baseline)
    if room > float(most):
        fail("%s: panel %s's top actor %.1f pt below its caption" % (path, p, room))
    print("tight ok: %d panels, each within %.1f pt of its caption" % (len(baseline), room))


def captions_cmd(path, lines):
    root = ET.parse(path).getroot()
    n = 0
    for g in root.iter(SVG + "g"):
        if "caption" not in (g.get("class") or "").split():
            continue
        got = len({t.get("y") for t in g.iter(SVG + "text")})
        if got != int(lines):
            fail("%s: caption %s on %d lines, not %s" % (path, g.get("id"), got, lines))
        n += 1
    if not n:
        fail("%s: no caption" % path)
    print("captions ok: %d, each on %s line(s)" % (n, lines))


def png_dpi_cmd(path, dpi):
    data = open(path, "rb").read()
    depth, colour = data[24], data[25]
    if (depth, colour) != (8, 2):
        fail("%s: bit depth %d, colour type %d, not 8-bit RGB" % (path, depth, colour))
    i = 8
    while i < len(data):
        n, kind = struct.unpack(">I4s", data[i:i + 8])
        if kind == b"pHYs":
            x, y, unit = struct.unpack(">IIB", data[i + 8:i + 17])
            got = x * 0.0254
            if unit != 1 or x != y or abs(got - float(dpi)) > 0.5:
                fail("%s: pHYs %d x %d per unit %d" % (path, x, y, unit))
            print("png ok: %.0f dpi" % got)
            return
        i += 12 + n
    fail("%s: no pHYs" % path)


def pdf_date_cmd(path, date):
    out = subprocess.run(["pdfinfo", "-isodates", path], capture_output=True,
                         text=True).stdout
    m = re.search(r"CreationDate:\s+(\S+)", out)
    got = re.sub(r"[^0-9]", "", m.group(1))[:14] if m else ""
    if got != date:
        fail("%s: created %s, not %s" % (path, got, date))
    print("pdf date ok: %s" % got)


def text_width(text, size):
    """A line's width in Noto Sans CJK, roughly: CJK and full-width forms
    one em, other characters 0.55 em (an estimate a little wide for
    Latin; the boxes are shrunk by a point before they are compared)."""
    return sum(size if ord(c) >= 0x2e80 else 0.55 * size for c in text)


def text_box(t):
    """The box of an SVG <text>: its anchor, its baseline and its size."""
    size = float(t.get("font-size"))
    x, y = float(t.get("x")), float(t.get("y"))
    w = text_width(t.text or "", size)
    anchor = t.get("text-anchor", "start")
    x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
    return (x0, y - 0.88 * size, x0 + w, y + 0.12 * size)


def bezier_samples(d, steps=12):
    """Points along an SVG path of M and C commands."""
    nums = [(float(a), float(b)) for a, b in re.findall(r"([-0-9.]+),([-0-9.]+)", d)]
    out = nums[:1]
    for i in range(0, len(nums) - 3, 3):
        p0, p1, p2, p3 = nums[i:i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            a, b, c, e = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0],
                        a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
    return out


def inside(box, p, shrink):
    return (box[0] + shrink < p[0] < box[2] - shrink and
            box[1] + shrink < p[1] < box[3] - shrink)


def seg_dist(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    L = dx * dx + dy * dy
    t = 0 if L == 0 else max(0, min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / L))
    return ((p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2) ** 0.5


def in_shape(el, p, shrink):
    """Is p inside a drawn ellipse or polygon, farther than shrink from
    its outline?"""
    if el.tag == SVG + "ellipse":
        cx, cy = float(el.get("cx")), float(el.get("cy"))
        rx, ry = float(el.get("rx")) - shrink, float(el.get("ry")) - shrink
        return rx > 0 and ry > 0 and ((p[0] - cx) / rx) ** 2 + ((p[1] - cy) / ry) ** 2 < 1
    if el.tag != SVG + "polygon":
        return False
    pts = points_of(el)
    crossing = False
    for a, b in zip(pts, pts[1:] + pts[:1]):
        if (a[1] > p[1]) != (b[1] > p[1]) and \
                p[0] < a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1]):
            crossing = not crossing
    return crossing and min(seg_dist(p, a, b) for a, b in zip(pts, pts[1:] + pts[:1])) > shrink


def actor_shapes(root):
    """Each drawn actor's title and its outlines (ellipses, polygons)."""
    return {g.find(SVG + "title").text: [el for el in g if drawn(el)]
            for g in root.iter(SVG + "g")
            if (g.get("class") or "").split()[:1] == ["node"]}


def actor_groups(root):
    """The drawn actors: (title, shape box or None, text boxes, absent)."""
    out = []
    for g in root.iter(SVG + "g"):
        cls = (g.get("class") or "").split()
        if cls[:1] != ["node"] or not re.fullmatch(r"(s\d+_)?[ag]\d+", g.get("id", "")):
            continue
        pts = [p for el in g if drawn(el) for p in points_of(el)]
        box = None
        if pts:
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            box = (min(xs), min(ys), max(xs), max(ys))
        texts = [text_box(t) for t in g.iter(SVG + "text") if (t.text or "").strip()]
        out.append((g.find(SVG + "title").text, box, texts, "absent" in cls))
    return out


def crossings_cmd(path):
    root = ET.parse(path).getroot()
    actors = actor_groups(root)
    shapes = actor_shapes(root)
    titles = [text_box(t) for g in root.iter(SVG + "g")
              if (g.get("class") or "").split()[:1] == ["cluster"]
              for t in g.iter(SVG + "text")]
    n = 0
    for g in root.iter(SVG + "g"):
        if (g.get("class") or "").split()[:1] != ["edge"] or \
                g.get("id", "").startswith("legend"):
            continue
        ends = g.find(SVG + "title").text.split("->")
        samples = bezier_samples(g.find(SVG + "path").get("d"))
        for head in g.findall(SVG + "polygon"):  # its arrowheads' edges
            pts = points_of(head)
            for a, b in zip(pts, pts[1:]):
                samples += [(a[0] + (b[0] - a[0]) * k / 8, a[1] + (b[1] - a[1]) * k / 8)
                            for k in range(9)]
        for name, box, texts, absent in actors:
            if absent:
                continue  # a ghost neither hides a tie nor bends it
            for b in texts:
                if any(inside(b, p, 1.0) for p in samples):
                    fail("%s: tie %s runs through %s's label" % (path, g.get("id"), name))
            if name not in ends and any(in_shape(el, p, 1.0) for el in shapes[name]
                                        for p in samples):
                fail("%s: tie %s runs through %s" % (path, g.get("id"), name))
        for b in titles:
            if any(inside(b, p, 0) for p in samples):
                fail("%s: tie %s runs through a cluster's title" % (path, g.get("id")))
        n += 1
    print("crossings ok: %d ties clear of other actors and of every label" % n)


def labels_at_cmd(path):
    root = ET.parse(path).getroot()
    actors = [a for a in actor_groups(root) if a[1] and a[2]]

    def gap(a, b):
        return max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3], 0)
    for name, box, texts, _ in actors:
        for t in [(min(b[0] for b in texts), min(b[1] for b in texts),
                   max(b[2] for b in texts), max(b[3] for b in texts))]:
            size = texts[0][3] - texts[0][1]  # one line's height: the em
            own = gap(t, box)
            if own > 0.75 * size:
                fail("%s: %s's label stands %.1f pt from its shape" % (path, name, own))
            off = abs((t[0] + t[2]) / 2 - (box[0] + box[2]) / 2)
            if off > 0.5 * size:
                fail("%s: %s's label stands %.1f pt aside of its shape's centre"
                     % (path, name, off))
            for other, obox, _, _ in actors:
                if other != name and gap(t, obox) <= own:
                    fail("%s: %s's label is as near to %s's shape as to its own"
                         % (path, name, other))
    print("labels ok: %d actors, each label at its own shape" % len(actors))


def margin_cmd(path, least):
    out = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True,
                         text=True).stdout
    page = re.search(r'<page width="([0-9.]+)" height="([0-9.]+)"', out)
    w, h = float(page.group(1)), float(page.group(2))
    nearest = None
    for m in re.finditer(r'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" '
                         r'xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)', out):
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
        d = min(x0, y0, w - x1, h - y1)
        if nearest is None or d < nearest[0]:
            nearest = (d, m.group(5))
    if nearest[0] < float(least) - 0.05:
        fail("%s: %s stands %.1f pt from the page's edge" % (path, nearest[1], nearest[0]))
    print("margin ok: every word at least %.1f pt inside the page" % nearest[0])


def cluster_titles_cmd(path):
    root = ET.parse(path).getroot()
    n = 0
    for g in root.iter(SVG + "g"):
        if (g.get("class") or "").split()[:1] != ["cluster"]:
            continue
        pts = [p for el in g if drawn(el) for p in points_of(el)]
        for t in g.iter(SVG + "text"):
            b = text_box(t)
            xs = [p[0] for p in pts]
            room = 0.25 * float(t.get("font-size"))  # a little on each side
            if b[0] - room < min(xs) or b[2] + room > max(xs):
                fail("%s: the title %s is wider than its box" % (path, t.text))
            n += 1
    if not n:
        fail("%s: no cluster" % path)
    print("cluster titles ok: %d, each within its box" % n)


def page_height_cmd(path, most):
    m = re.search(r'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"',
                  open(path, encoding="utf-8").read())
    if float(m.group(2)) > float(most):
        fail("%s: the page is %.0f pt tall, over %s" % (path, float(m.group(2)), most))
    print("page height ok: %.0f pt" % float(m.group(2)))


COMMANDS = {"page": page_cmd, "text": text_cmd, "svg-text": svg_text_cmd,
            "strokes": strokes_cmd, "grey": grey_cmd, "luma": luma_cmd,
            "ghosts": ghosts_cmd, "ties": ties_cmd, "gaps": gaps_cmd, "tight": tight_cmd, "legend-columns": legend_columns_cmd, "captions": captions_cmd, "png-dpi": png_dpi_cmd, "pdf-date": pdf_date_cmd,
            "crossings": crossings_cmd, "labels-at": labels_at_cmd, "margin": margin_cmd,
            "cluster-titles": cluster_titles_cmd, "page-height": page_height_cmd}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
