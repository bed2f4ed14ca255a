#!/usr/bin/env python3
"""check_layers.py — the sources include only downwards.

Each folder may include headers from the folders listed for it (and from
itself); a header is found by name in the source folders, as the compiler's
-I path finds it.  Graphviz is included only by runtime/gv/render.c.  Prints
each include against the layering and exits 1 if there is one.
"""
import os
import re
import sys

# folder -> the folders it may include from (besides itself)
ALLOWED = {
    "base": [],
    "lang": [],
    "runtime/out": ["lang"],
    "runtime/net": [],
    "runtime/model": ["lang", "runtime/out"],
    "runtime/eval": ["lang", "runtime/out", "runtime/model", "runtime/net"],
    "runtime/gv": ["lang", "runtime/out"],
    "runtime/figure": ["lang", "runtime/out", "runtime/net", "runtime/model", "runtime/eval",
                       "runtime/gv"],
    "stdlib": ["lang", "runtime/out", "runtime/net", "runtime/model", "runtime/eval",
               "runtime/gv", "runtime/figure"],
    "cli": ["lang", "runtime/out", "runtime/net", "runtime/model", "runtime/eval",
            "runtime/gv", "runtime/figure", "stdlib"],
}
# base/ is below every folder: each may include it
for folder in ALLOWED:
    if folder != "base":
        ALLOWED[folder].append("base")
GENERATED = {"parser.h": "lang", "lexer.h": "lang", "prelude.inc": "stdlib",
             "page_js.inc": "runtime/figure", "page_css.inc": "runtime/figure"}
GRAPHVIZ_ONLY = "runtime/gv/render.c"

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
home = dict(GENERATED)
for folder in ALLOWED:
    for f in os.listdir(os.path.join(top, folder)):
        if f.endswith(".h"):
            if f in home:
                sys.exit("check_layers: %s is in both %s and %s" % (f, home[f], folder))
            home[f] = folder

bad = []
for folder, may in ALLOWED.items():
    for f in sorted(os.listdir(os.path.join(top, folder))):
        if not f.endswith((".c", ".h", ".y", ".l")):
            continue
        path = "%s/%s" % (folder, f)
        for n, line in enumerate(open(os.path.join(top, path), encoding="utf-8"), 1):
            m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
            if not m:
                continue
            name = m.group(2)
            if name.startswith("graphviz/") and path != GRAPHVIZ_ONLY:
                bad.append("%s:%d: Graphviz is included only by %s" % (path, n, GRAPHVIZ_ONLY))
            if m.group(1) != '"':
                continue
            where = home.get(os.path.basename(name))
            if where is None:
                bad.append("%s:%d: \"%s\" is no header of the project" % (path, n, name))
            elif where != folder and where not in may:
                bad.append("%s:%d: %s may not include %s (from %s)" % (path, n, folder, name, where))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
