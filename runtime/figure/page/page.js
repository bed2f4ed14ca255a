/* page.js — the script of render(to="case.html")'s page (embedded by the
 * Makefile into runtime/figure/figure_html.c).  The panels are Graphviz's
 * SVG of each stage, drawn from one layout; what the page says about the
 * case comes from the JSON block #cnet-data.  Every text from the case is
 * put in with textContent (createTextNode), never parsed as markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cnet-data").textContent);
  var nodeOf = {}; /* vertex id (a3, g1) -> index in data.vertices */
  data.vertices.forEach(function (v, i) { nodeOf[v.id] = i; });
  var nlayers = data.layers.length - 1; /* the last: ties without a layer */
  var current = 0, picked = -1, hidden = {};

  /* An element with attributes and children (strings become text). */
  function el(tag, attrs) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "on") for (var ev in attrs.on) e.addEventListener(ev, attrs.on[ev]);
      else e.setAttribute(k, attrs[k]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function num(x, d) {
    return typeof x === "number" ? (Number.isInteger(x) ? String(x) : x.toFixed(d || 4)) : "—";
  }
  function vname(i) {
    var v = data.vertices[i];
    return v.label && v.label !== v.name ? v.name + " (" + v.label + ")" : v.name;
  }
  function layerLabel(k) { return data.layers[k] ? data.layers[k].label : ""; }
  /* a vertex's measures in a stage: [node, constraint, effsize, betweenness, role] */
  function measureLine(m) {
    return "constraint " + num(m[1]) + " · effsize " + num(m[2]) +
      " · betweenness " + num(m[3]) + (m[4] ? " · role " + m[4] : "");
  }
  /* a tie's or event's other attributes, [[key, text]…] */
  function notesText(notes) {
    return notes.map(function (n) { return n[0] + ": " + n[1]; }).join("; ");
  }

  /* ---- the page's frame ---- */
  var tabs = el("div", {"class": "bar tabs", role: "tablist"});
  var layersBar = el("div", {"class": "bar layers"});
  var search = el("input", {type: "search", id: "search", placeholder: "find an actor / 查找行动者",
                            "aria-label": "find an actor"});
  var results = el("div", {id: "results"});
  var header = el("header", null, el("h1", null, data.title),
                  tabs, el("div", {"class": "bar"}, layersBar, search,
                  el("button", {id: "save-svg", on: {click: saveSvg}}, "SVG"),
                  el("button", {id: "save-png", on: {click: savePng}}, "PNG")),
                  results);
  if (!data.evidence)
    header.appendChild(el("div", {"class": "notice", id: "no-evidence"},
      "This case records no evidence: no tie cites a source. / 本案例的关系均未注明来源。"));
  var view = el("div", {id: "view"});
  var side = el("section", {id: "actor"}, el("h2", null, "Actor"),
                el("p", {"class": "muted"}, "Click an actor to see its ties and their evidence."));
  var keys = el("section", {id: "keys"});
  var aside = el("aside", null, keys, side);
  var tip = el("div", {id: "tip", hidden: ""});
  document.body.appendChild(header);
  document.body.appendChild(el("main", null, view, aside));
  document.body.appendChild(tip);

  var panels = [];
  var holder = document.getElementById("panels");
  Array.prototype.slice.call(holder.querySelectorAll(".panel")).forEach(function (p) {
    var svg = p.querySelector("svg");
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    view.appendChild(p);
    panels.push(p);
  });
  holder.remove();

  /* the vertex id of a node element (s0_a3 -> a3), the ends and layer of
   * an edge element (e_s0_a3_a5_l1) */
  function vid(g) { return g.id.replace(/^s\d+_/, ""); }
  function edgeParts(g) {
    var m = /^e_(?:s\d+_)?([ag]\d+)_([ag]\d+)_(?:l(\d+)|tie)$/.exec(g.id);
    return m ? {a: m[1], b: m[2], layer: m[3] === undefined ? nlayers : +m[3]} : null;
  }

  /* ---- stages ---- */
  data.stages.forEach(function (s, i) {
    tabs.appendChild(el("button", {role: "tab", "data-stage": String(i),
                                   on: {click: function () { showStage(i); }}},
      s.label, s.span ? el("small", null, s.span) : null,
      s.move ? el("small", null, s.move) : null));
  });
  function stageMeasures(i) {
    var m = {};
    data.stages[i].vertices.forEach(function (r) { m[r[0]] = r; });
    return m;
  }
  function showStage(i) {
    current = i;
    panels.forEach(function (p, k) { p.classList.toggle("on", k === i); });
    Array.prototype.forEach.call(tabs.children, function (b, k) {
      b.classList.toggle("on", k === i);
      b.setAttribute("aria-selected", k === i ? "true" : "false");
    });
    applyLayers();
    if (picked >= 0) pick(picked); else emphasise(-1);
  }

  /* ---- layers ---- */
  data.layers.forEach(function (l, k) {
    if (!l.used) return;
    var box = el("input", {type: "checkbox", checked: "", "data-layer": String(k),
                           on: {change: function () { hidden[k] = !box.checked; applyLayers(); }}});
    var sw = el("span", {"class": "swatch"});
    sw.style.background = l.color || "#333";
    layersBar.appendChild(el("label", null, box, sw, l.label));
  });
  function applyLayers() {
    panels[current].querySelectorAll("g.edge").forEach(function (g) {
      var e = edgeParts(g);
      g.classList.toggle("off", !!(e && hidden[e.layer]));
    });
  }

  /* ---- hover ---- */
  function tipFor(i) {
    var v = data.vertices[i], m = stageMeasures(current)[i];
    var t = el("div", null, el("b", null, v.name));
    if (v.label) t.appendChild(el("div", null, v.label));
    var about = [v.kind, v.span].filter(Boolean).join(" · ");
    if (about) t.appendChild(el("div", {"class": "muted"}, about));
    if (v.members) t.appendChild(el("div", null, "= " + v.members.join(", ")));
    v.attrs.forEach(function (a) { t.appendChild(el("div", null, a[0] + ": " + a[1])); });
    if (m)
      t.appendChild(el("div", null, measureLine(m)));
    else
      t.appendChild(el("div", {"class": "muted"}, "not in this stage"));
    return t;
  }
  view.addEventListener("mouseover", function (ev) {
    var g = ev.target.closest && ev.target.closest("g.node");
    if (!g || !(vid(g) in nodeOf)) return;
    tip.replaceChildren(tipFor(nodeOf[vid(g)]));
    tip.hidden = false;
  });
  view.addEventListener("mousemove", function (ev) {
    tip.style.left = (ev.clientX + 14) + "px";
    tip.style.top = (ev.clientY + 14) + "px";
  });
  view.addEventListener("mouseout", function (ev) {
    if (ev.target.closest && ev.target.closest("g.node")) tip.hidden = true;
  });

  /* ---- an actor picked: its ego network and its side panel ---- */
  view.addEventListener("click", function (ev) {
    var g = ev.target.closest && ev.target.closest("g.node");
    if (g && vid(g) in nodeOf) pick(nodeOf[vid(g)]);
    else { picked = -1; emphasise(-1); }
  });
  function emphasise(i) {
    var p = panels[current], id = i >= 0 ? data.vertices[i].id : null, near = {};
    if (id) near[id] = true;
    p.querySelectorAll("g.edge").forEach(function (g) {
      var e = edgeParts(g);
      if (!e) return; /* the legend's samples */
      var on = !id || e.a === id || e.b === id;
      if (id && on) { near[e.a] = true; near[e.b] = true; }
      g.classList.toggle("dim", !on);
    });
    p.querySelectorAll("g.node").forEach(function (g) {
      if (!(vid(g) in nodeOf)) return; /* the legend's */
      g.classList.toggle("dim", !!id && !near[vid(g)]);
      g.classList.toggle("picked", vid(g) === id);
    });
  }
  function pick(i) {
    picked = i;
    emphasise(i);
    side.replaceChildren.apply(side, actorPanel(i));
  }
  function actorPanel(i) {
    var v = data.vertices[i], s = data.stages[current], out = [];
    out.push(el("h2", null, vname(i)));
    out.push(el("div", {"class": "muted"}, [v.kind, v.span, s.label].filter(Boolean).join(" · ")));
    var m = stageMeasures(current)[i];
    if (m) out.push(el("div", null, measureLine(m)));
    var ties = s.ties.filter(function (t) { return t.a === i || t.b === i; });
    out.push(el("h3", null, "Ties in this stage (" + ties.length + ")"));
    var tb = el("table", {id: "ties"}, el("tr", null, el("th", null, "tie"), el("th", null, "layer"),
                el("th", null, "span"), el("th", null, "weight"), el("th", null, "evidence")));
    ties.forEach(function (t) {
      var ev = t.sources.length ? t.sources.join(", ") : "";
      var notes = notesText(t.notes);
      tb.appendChild(el("tr", {"class": "pick", on: {click: function () { pick(t.a === i ? t.b : t.a); }}},
        el("td", null, data.vertices[t.a].name + " " + t.dir + " " + data.vertices[t.b].name),
        el("td", null, layerLabel(t.layer)), el("td", null, t.span || "—"),
        el("td", null, num(t.weight, 2)),
        el("td", null, ev ? el("div", {"class": "source"}, ev) : el("span", {"class": "muted"}, "no source"),
           notes ? el("div", {"class": "note"}, notes) : null)));
    });
    out.push(tb);
    var evs = s.events.filter(function (e) {
      return e.text.indexOf(v.name) >= 0 || (v.label && e.text.indexOf(v.label) >= 0);
    });
    if (evs.length) {
      out.push(el("h3", null, "Events"));
      evs.forEach(function (e) {
        out.push(el("div", {"class": "event"}, e.when + " " + e.text +
          (e.notes.length ? " — " + notesText(e.notes) : "")));
      });
    }
    s.brokers.forEach(function (b, k) {
      if (b.node !== i) return;
      out.push(el("h3", null, k === 0 ? "Key actor of this stage" : "Broker in this stage"));
      var x = b.explain;
      if (x) {
        out.push(el("p", {"class": "explain"}, x.verdict));
        var ct = el("table", null, el("tr", null, el("th", null, "contact"), el("th", null, "group"),
                    el("th", null, "layers"), el("th", null, "constraint"), el("th", null, "sources")));
        (x.contacts || []).forEach(function (c) {
          ct.appendChild(el("tr", null, el("td", null, c.contact), el("td", null, c.group),
            el("td", null, c.layers), el("td", null, num(c.constraint)),
            el("td", null, (c.sources || []).join(", "))));
        });
        out.push(ct);
      } else {
        out.push(el("p", {"class": "explain"}, "bridges: " + b.row.bridges));
      }
    });
    return out;
  }

  /* ---- key actors and their succession ---- */
  function selectByName(stage, name) {
    showStage(stage);
    if (name in byName) pick(byName[name]);
  }
  var byName = {};
  data.vertices.forEach(function (v, i) { byName[v.name] = i; });
  keys.appendChild(el("h2", null, "Key actors / 关键行动者"));
  var kt = el("table", {id: "keyactors"}, el("tr", null, el("th", null, "stage"),
              el("th", null, "key actor"), el("th", null, "constraint")));
  data.stages.forEach(function (s, i) {
    var b = s.brokers[0];
    var name = b ? data.vertices[b.node].name : null;
    kt.appendChild(el("tr", {"class": "pick", "data-stage": String(i),
                             on: {click: function () { if (name) selectByName(i, name); else showStage(i); }}},
      el("td", null, s.label), el("td", null, name || "—"),
      el("td", null, b ? num(b.row.constraint) : "—")));
  });
  keys.appendChild(kt);
  if (data.succession && data.succession.length) {
    var st = el("table", {id: "succession"}, el("tr", null, el("th", null, "from → to"),
                el("th", null, "key actor")));
    data.succession.forEach(function (r) {
      var to = -1, from = -1;
      data.stages.forEach(function (s, i) {
        if (s.name === r.to) to = i;
        if (s.name === r.from) from = i;
      });
      /* stages by their labels, as the tabs and the key-actor table */
      var label = function (i, name) { return i >= 0 ? data.stages[i].label : name; };
      st.appendChild(el("tr", {"class": "pick", on: {click: function () {
          if (to >= 0) selectByName(to, r.key_after); }}},
        el("td", null, label(from, r.from) + " → " + label(to, r.to)),
        el("td", null, (r.key_before || "—") + " → " + (r.key_after || "—"))));
    });
    keys.appendChild(el("h3", null, "Succession / 更替"));
    keys.appendChild(st);
  }

  /* ---- search ---- */
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase(), found = {};
    results.replaceChildren();
    if (q)
      data.vertices.forEach(function (v, i) {
        if (v.name.toLowerCase().indexOf(q) < 0 &&
            !(v.label && v.label.toLowerCase().indexOf(q) >= 0)) return;
        found[v.id] = true;
        results.appendChild(el("button", {"class": "hit", on: {click: function () { pick(i); }}}, vname(i)));
      });
    panels.forEach(function (p) {
      p.querySelectorAll("g.node").forEach(function (g) { g.classList.toggle("found", !!found[vid(g)]); });
    });
  });

  /* ---- downloads: the current stage as drawn (without page styles) ---- */
  function fileName(ext) {
    var s = data.stages[current];
    return (data.title + "-" + s.name).replace(/[\\/:*?"<>|\s]+/g, "_") + "." + ext;
  }
  function svgText() {
    var svg = panels[current].querySelector("svg").cloneNode(true);
    svg.querySelectorAll(".off").forEach(function (g) { g.remove(); });
    var vb = svg.viewBox.baseVal;
    svg.setAttribute("width", vb.width + "pt");
    svg.setAttribute("height", vb.height + "pt");
    return new XMLSerializer().serializeToString(svg);
  }
  function download(blob, name) {
    var a = el("a", {href: URL.createObjectURL(blob), download: name});
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function saveSvg() { download(new Blob([svgText()], {type: "image/svg+xml"}), fileName("svg")); }
  function savePng() {
    var img = new Image(), url = URL.createObjectURL(new Blob([svgText()], {type: "image/svg+xml"}));
    img.onload = function () {
      var c = document.createElement("canvas");
      c.width = img.width * 2;
      c.height = img.height * 2;
      var g = c.getContext("2d");
      g.fillStyle = "#fff";
      g.fillRect(0, 0, c.width, c.height);
      g.drawImage(img, 0, 0, c.width, c.height);
      URL.revokeObjectURL(url);
      c.toBlob(function (b) { download(b, fileName("png")); }, "image/png");
    };
    img.src = url;
  }

  showStage(0);
  document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
  document.body.setAttribute("data-ready", "1");
})();
