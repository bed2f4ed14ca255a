#!/usr/bin/env python3
"""page.py — render(to="case.html")'s page, shown to a real browser.

    page.py CNET CASE.cnet --search=TEXT [--hostile]

Writes the page with `cnet CASE --render T/case.html` and the figure with
`--render "T/fig-%s.svg" --stage all` (one file per stage; a case without
stages: T/fig.svg), opens the page from file:// in headless Chromium and
drives it over the DevTools protocol (python3-websocket):

  - every actor of each stage is in its panel, with the shape the figure
    file has, at the very coordinates the figure file gives it, and at the
    same place in every stage (one layout);
  - switching stages, toggling a layer off and on, clicking the key actor
    of each stage (from the key-actor table) and reading its side panel,
    searching a Chinese name, the SVG and PNG downloads;
  - no console error, no exception, no dialog, no request that is not the
    page itself (file://, data:, blob:);
  - --hostile: the case's names hold markup; each shows as text and no
    element comes from it.

Prints what it read, in a stable order, for the golden file.  Writes only
under a temporary folder it removes.
"""
import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET

try:
    import websocket
except ImportError:  # a python3 of its own (pyenv, venv): Debian's package
    sys.path.append("/usr/lib/python3/dist-packages")
    import websocket

SVG = "{http://www.w3.org/2000/svg}"


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


class Browser:
    def __init__(self, profile):
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if not exe:
            fail("chromium is not installed (make deps)")
        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--no-default-browser-check",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-extensions", "--window-size=1400,900",
             "--remote-debugging-port=0", "--user-data-dir=" + profile,
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().count("\n") >= 1:
                break
            time.sleep(0.05)
        else:
            self.close()
            fail("chromium did not open its DevTools port")
        port = int(open(port_file).read().split()[0])
        targets = json.load(urllib.request.urlopen(
            "http://127.0.0.1:%d/json/list" % port, timeout=10))
        page = [t for t in targets if t["type"] == "page"][0]
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"],
                                              timeout=20, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        my = self.next_id
        self.ws.send(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my:
                if "error" in msg:
                    fail("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def pump(self, seconds):
        """Collect events for a while."""
        end = time.time() + seconds
        self.ws.settimeout(0.05)
        while time.time() < end:
            try:
                msg = json.loads(self.ws.recv())
            except (websocket.WebSocketTimeoutException, socket.timeout):
                continue
            if "method" in msg:
                self.events.append(msg)
        self.ws.settimeout(20)

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True,
                      awaitPromise=True)
        if "exceptionDetails" in r:
            fail("script error: %s in %s" % (json.dumps(r["exceptionDetails"])[:400], expr[:80]))
        return r["result"].get("value")

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def figure_nodes(path):
    """id -> (class, shape element, its position attribute) of a figure file."""
    out = {}
    for g in ET.parse(path).getroot().iter(SVG + "g"):
        if "node" not in (g.get("class") or "").split():
            continue
        for child in g:
            if child.tag == SVG + "ellipse":
                out[g.get("id")] = ("ellipse", child.get("cx") + "," + child.get("cy"))
                break
            if child.tag == SVG + "polygon":
                out[g.get("id")] = ("polygon", child.get("points"))
                break
    return out


def centre(tag, pos):
    """The centre of a node's shape (its pen may differ between stages)."""
    xy = [tuple(map(float, p.split(","))) for p in pos.split()]
    if tag == "ellipse":
        return xy[0]
    xs, ys = [p[0] for p in xy], [p[1] for p in xy]
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


PAGE_NODES = """
[...document.querySelectorAll('#view .panel')].map(p =>
  Object.fromEntries([...p.querySelectorAll('g.node')].map(g => {
    const s = g.querySelector(':scope > ellipse, :scope > polygon');
    return s && [g.id, [s.tagName, s.tagName === 'ellipse'
      ? s.getAttribute('cx') + ',' + s.getAttribute('cy') : s.getAttribute('points'),
      g.getAttribute('class')]];
  }).filter(Boolean)))
"""


def main():
    cnet = shlex.split(sys.argv[1])
    case = os.path.abspath(sys.argv[2])
    hostile = "--hostile" in sys.argv[3:]
    T = tempfile.mkdtemp()
    try:
        run(cnet, case, hostile, T)
    finally:
        shutil.rmtree(T, ignore_errors=True)


def cnet_run(cnet, T, *args):
    r = subprocess.run(cnet + ["--allow-write=" + T] + list(args),
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail("cnet %s: %s" % (" ".join(args), r.stderr.strip()))
    return r.stdout


def run(cnet, case, hostile, T):
    page = os.path.join(T, "case.html")
    cnet_run(cnet, T, case, "--render", page)
    stages = json.loads(cnet_run(cnet, T, "-f", "json", "-e", "stages()", case))
    if stages:
        cnet_run(cnet, T, case, "--render", os.path.join(T, "fig-%s.svg"), "--stage", "all")
        figures = [figure_nodes(os.path.join(T, "fig-%s.svg" % s)) for s in stages]
    else:
        cnet_run(cnet, T, case, "--render", os.path.join(T, "fig.svg"))
        figures = [figure_nodes(os.path.join(T, "fig.svg"))]
    size = os.path.getsize(page)
    print("page: %d panels, under 1.5 MB: %s" % (len(figures), size < 1.5e6))

    b = Browser(os.path.join(T, "profile"))
    try:
        drive(b, page, figures, hostile, T)
    finally:
        b.close()


def drive(b, page, figures, hostile, T):
    for domain in ("Network", "Log", "Runtime", "Page"):
        b.call(domain + ".enable")
    dl = os.path.join(T, "downloads")
    os.mkdir(dl)
    b.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=dl)
    b.call("Page.navigate", url="file://" + page)
    for _ in range(200):
        if b.js("document.body && document.body.dataset.ready === '1'"):
            break
        time.sleep(0.02)
    else:
        fail("the page never became ready")
    # from the start of the navigation to the end of the page's script
    print("usable in under 2 s:", b.js("+document.body.dataset.readyMs") < 2000)
    data = b.js("JSON.parse(document.getElementById('cnet-data').textContent)")

    # every actor of each stage, where the figure puts it, in one layout
    shown = b.js(PAGE_NODES)
    if len(shown) != len(figures):
        fail("%d panels on the page, %d figures" % (len(shown), len(figures)))
    place = {}
    for p, (nodes, fig) in enumerate(zip(shown, figures)):
        if set(nodes) != set(fig):
            fail("stage %d: the page has %s, the figure %s" %
                 (p, sorted(set(nodes) - set(fig)), sorted(set(fig) - set(nodes))))
        for nid, (tag, pos, cls) in nodes.items():
            if (tag, pos) != fig[nid]:
                fail("stage %d: %s at %s %s on the page, %s in the figure" % (p, nid, tag, pos, fig[nid]))
            bare = nid.split("_", 1)[-1]
            if "legend" in cls.split():
                continue
            c = centre(tag, pos)
            # an asymmetric polygon (a house) grows about its centre when
            # its label is bold: its box's middle moves by a fraction of a point
            tol = 0.01 if tag == "ellipse" else 1.0
            if abs(place.setdefault(bare, c)[0] - c[0]) > tol or abs(place[bare][1] - c[1]) > tol:
                fail("%s moves between stages: %s, then %s" % (bare, place[bare], c))
        present = {data["vertices"][v[0]]["id"] for v in data["stages"][p]["vertices"]}
        drawn = {nid.split("_", 1)[-1] for nid, (_, _, cls) in nodes.items()
                 if "absent" not in cls.split() and "legend" not in cls.split()}
        if present != drawn:
            fail("stage %d: actors %s, drawn %s" % (p, sorted(present), sorted(drawn)))
        st = data["stages"][p]
        print("stage %s (%s %s %s): %d actors, %d drawn absent, %d ties, all where the figure has them"
              % (st["name"], st["label"], st["span"], st["move"], len(present),
                 sum("absent" in c.split() for _, _, c in nodes.values()), len(st["ties"])))

    # switching stages
    for p in range(len(figures)):
        b.js("document.querySelectorAll('.tabs button')[%d].click()" % p)
        on = b.js("[...document.querySelectorAll('#view .panel')].map(x => x.classList.contains('on'))")
        if on != [k == p for k in range(len(figures))]:
            fail("tab %d shows panels %s" % (p, on))
    last = len(figures) - 1
    for _ in range(60):  # the fade
        b.pump(0.05)
        if b.js("getComputedStyle(document.querySelectorAll('#view .panel')[%d]).opacity" % last) == "1":
            break
    else:
        fail("the last stage did not fade in")
    print("stages switch: ok")

    # a layer off and on: in the stage with most ties, the first layer there
    busiest = max(range(len(figures)), key=lambda p: len(data["stages"][p]["ties"]))
    b.js("document.querySelectorAll('.tabs button')[%d].click()" % busiest)
    count = """(k => { const p = document.querySelector('#view .panel.on');
      const ties = [...p.querySelectorAll('g.edge')].filter(g => g.id.startsWith('e_'));
      const es = ties.filter(g => g.id.endsWith(k === %d ? '_tie' : '_l' + k));
      const off = gs => gs.filter(g => getComputedStyle(g).display === 'none').length;
      return [es.length, off(es), off(ties)]; })""" % (len(data["layers"]) - 1)
    boxes = b.js("[...document.querySelectorAll('.layers input')].map(c => +c.dataset.layer)")
    layer = next((k for k in boxes if b.js("%s(%d)" % (count, k))[0] > 0), None)
    if layer is None:
        fail("no layer to toggle")
    toggle = "document.querySelector('.layers input[data-layer=\"%d\"]').click()" % layer
    b.js(toggle)
    n, off, alloff = b.js("%s(%d)" % (count, layer))
    if off != n or alloff != n:
        fail("layer %d off: %d of its %d ties hidden, %d in all" % (layer, off, n, alloff))
    b.js(toggle)
    n2, off2, _ = b.js("%s(%d)" % (count, layer))
    if off2 != 0 or n2 != n:
        fail("layer %d on again: %d ties still hidden" % (layer, off2))
    print("layer %s off (%d ties hidden) and on: ok" % (data["layers"][layer]["label"], n))

    # the key actor of each stage, from its row: its ego network and evidence
    for p in range(len(figures)):
        b.js("document.querySelectorAll('#keyactors tr.pick')[%d].click()" % p)
        side = b.js("""(() => { const s = document.getElementById('actor');
          return {title: s.querySelector('h2').textContent,
                  ties: [...s.querySelectorAll('#ties tr')].slice(1).map(r => [...r.cells].map(c =>
                    [...c.childNodes].map(n => n.textContent).join(' / '))),
                  explain: [...s.querySelectorAll('.explain')].map(e => e.textContent),
                  events: [...s.querySelectorAll('.event')].map(e => e.textContent),
                  stage: document.querySelector('#view .panel.on').dataset.panel,
                  dim: document.querySelectorAll('#view .panel.on g.node.dim').length,
                  picked: document.querySelectorAll('#view .panel.on g.node.picked').length}; })()""")
        key = data["stages"][p]["brokers"]
        if not key:
            print("stage %d: no broker, no key actor" % p)
            continue
        if side["stage"] != str(p) or side["picked"] != 1:
            fail("the key-actor row of stage %d did not pick its actor there" % p)
        print("key actor, stage %s: %s — %d ties, %d others dimmed" %
              (data["stages"][p]["name"], side["title"], len(side["ties"]), side["dim"]))
        for row in side["ties"][:4]:
            print("   ", " | ".join(row))
        for e in side["explain"]:
            print("    reading:", e[:100])
        for e in side["events"]:
            print("    event:", e[:100])
        tip = b.js("""(() => { const g = document.querySelector('#view .panel.on g.node.picked');
          g.querySelector('text, ellipse, polygon').dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
          const t = document.getElementById('tip');
          return t.hidden ? null : [...t.firstChild.children].map(c => c.textContent); })()""")
        if not tip or not tip[0] == data["vertices"][key[0]["node"]]["name"]:
            fail("hovering the key actor of stage %d shows %s" % (p, tip))
        print("    hover:", " | ".join(tip)[:160])

    # the succession table names stages by their labels, as the tabs do
    rows = b.js("""[...document.querySelectorAll('#succession tr.pick')].map(r => r.cells[0].textContent)""")
    labels = [st["label"] for st in data["stages"]]
    want = ["%s → %s" % (labels[i], labels[i + 1]) for i in range(len(labels) - 1)]
    if len(labels) > 1 and rows != want:
        fail("succession rows %s, not %s" % (rows, want))
    if rows:
        print("succession:", "; ".join(rows))

    # search a Chinese name
    probe = ([a[9:] for a in sys.argv[3:] if a.startswith("--search=")] or ["<"])[0]
    found = b.js("""(() => { const s = document.getElementById('search');
      s.value = %s; s.dispatchEvent(new Event('input'));
      return [[...document.querySelectorAll('#results .hit')].map(h => h.textContent),
              document.querySelectorAll('#view .panel.on g.node.found').length]; })()""" % json.dumps(probe))
    want = [v for v in data["vertices"] if probe.lower() in v["name"].lower()
            or (v["label"] and probe.lower() in v["label"].lower())]
    if len(found[0]) != len(want) or len(want) == 0:
        fail("search %r: %d hits, %d expected" % (probe, len(found[0]), len(want)))
    print("search %s: %d hits (%s)" % (probe, len(found[0]), ", ".join(found[0][:3])))
    if len(found[0]) > 0:
        b.js("document.querySelector('#results .hit').click()")
        print("  picked:", b.js("document.querySelector('#actor h2').textContent"))

    # the evidence notice
    print("no-evidence notice:", b.js("!!document.getElementById('no-evidence')"),
          "(the case cites sources: %s)" % data["evidence"])

    if hostile:
        check_hostile(b, data)

    # downloads: the stage as SVG and PNG
    b.js("document.getElementById('save-svg').click()")
    b.js("document.getElementById('save-png').click()")
    dl = os.path.join(T, "downloads")
    for _ in range(100):  # both complete (no partial .crdownload left)
        names = sorted(os.listdir(dl))
        if len(names) == 2 and not any(n.endswith(".crdownload") for n in names):
            break
        b.pump(0.05)
    exts = sorted(os.path.splitext(n)[1] for n in names)
    if exts != [".png", ".svg"]:
        fail("downloads: %s" % names)
    with open(os.path.join(dl, [n for n in names if n.endswith(".png")][0]), "rb") as f:
        png = f.read(8) == b"\x89PNG\r\n\x1a\n"
    ET.parse(os.path.join(dl, [n for n in names if n.endswith(".svg")][0]))
    print("downloads: svg (parses) and png (%s)" % ("a PNG" if png else "NOT a PNG"))

    # nothing went wrong, nothing was fetched
    b.pump(0.2)
    bad = []
    for e in b.events:
        m, p = e["method"], e.get("params", {})
        if m == "Network.requestWillBeSent":
            url = p["request"]["url"]
            if not url.startswith(("file://", "data:", "blob:")):
                bad.append("request " + url)
        elif m == "Runtime.exceptionThrown":
            bad.append("exception " + json.dumps(p["exceptionDetails"].get("text")))
        elif m == "Runtime.consoleAPICalled" and p["type"] in ("error", "warning", "assert"):
            bad.append("console " + json.dumps([a.get("value") for a in p["args"]]))
        elif m == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
            bad.append("log " + p["entry"]["text"])
        elif m == "Page.javascriptDialogOpening":
            bad.append("dialog " + p["message"])
    if bad:
        fail("; ".join(bad[:5]))
    print("no console error, no dialog, no network request")


def check_hostile(b, data):
    """Every name is text: the page has only its own two scripts, no
    element a name could make, and the names read back as written."""
    r = b.js("""(() => ({
      scripts: document.scripts.length,
      foreign: document.querySelectorAll('body script:not(#cnet-data) ~ script, img, iframe, object, #view foreignObject, b > script, h2 script').length,
      svgs: document.querySelectorAll('#view .panel > svg').length,
      nested: document.querySelectorAll('#view svg svg').length,
      title: document.title}))()""")
    if r["scripts"] != 2 or r["foreign"] or r["nested"] or r["svgs"] != len(data["stages"]):
        fail("markup from the case: %s" % r)
    names = [v["name"] for v in data["vertices"]]
    for i, name in enumerate(names):
        b.js("document.getElementById('search').value = ''")
        shown = b.js("""(() => { const s = document.getElementById('search');
          s.value = %s; s.dispatchEvent(new Event('input'));
          const hit = [...document.querySelectorAll('#results .hit')].find(h => h.textContent.startsWith(%s));
          if (!hit) return null;
          hit.click();
          return document.querySelector('#actor h2').textContent; })()""" % (json.dumps(name), json.dumps(name)))
        if not shown or not shown.startswith(name):
            fail("%r reads back as %r" % (name, shown))
    texts = b.js("[...document.querySelectorAll('#view .panel.on svg text')].map(t => t.textContent)")
    print("hostile names read back as text:", ", ".join(sorted(json.dumps(n, ensure_ascii=False) for n in names)))
    drawn = [v["label"] or v["name"] for v in data["vertices"]]
    print("drawn as text in the figure:", all(any(n in t for t in texts) for n in drawn
                                              if len(n) < 12))
    print("title:", r["title"])


if __name__ == "__main__":
    main()
