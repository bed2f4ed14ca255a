/* figure_encode.c — what a figure encodes beyond kinds and layers, set on
 * the panels once they are built: node area by a measure or an attribute
 * (node_size=), line width by summed weight (tie_width=weight), an ego
 * network in front of a faded rest (focus=), the ties new and ended since
 * the previous panel (changes=true), the actors labelled (labels=[A, B]),
 * and the legend entries that say so. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figure_draw.h"

/* Node sizes: the diameter of the smallest and of the largest value, in
 * label heights (em).  The AREA is linear in the value between them, so
 * that a reader comparing blobs compares values. */
#define SIZE_MIN_EM 1.4
#define SIZE_MAX_EM 4.6
/* Line widths by summed weight, in points on the page: from the thinnest
 * a journal prints to a heavy line; equal weights draw at EQUAL. */
#define WEIGHT_PEN_MIN 0.5
#define WEIGHT_PEN_MAX 4.0
#define WEIGHT_PEN_EQUAL 1.2
/* Outside the focus: light enough to recede, dark enough for print. */
#define FADED_LINE "#b3b3b3"
#define FADED_TEXT "#999999"
#define FADED_TIE "#d0d0d0"
#define FADED_PEN "0.5"
#define FOCUS_PEN "2.4"
/* changes=true: a new tie at least this wide; an ended one faint, dotted */
#define NEW_PEN_MIN 2.0
#define ENDED_TIE "#a6a6a6"
#define ENDED_PEN "0.8"

int figure_labelled(const drawing *d, int32_t key) {
  const cn_figure_opts *o = d->o;
  if (!o->labels)
    return 0;
  if (!o->label_actors)
    return 1;
  for (int i = 0; i < o->nlabel_actors; i++)
    if (o->label_actors[i] == key)
      return 1;
  return 0;
}

void figure_scale_fixed_size(cn_fig *f, cn_fig_attrs *at, double size) {
  const char *fixed = cn_fig_get(at, "fixedsize");
  if (size == 1 || !fixed || strcmp(fixed, "shape") != 0)
    return;
  const char *w = cn_fig_get(at, "width"), *h = cn_fig_get(at, "height");
  if (w)
    cn_fig_setf(f, at, "width", "%.3f", atof(w) * size);
  if (h)
    cn_fig_setf(f, at, "height", "%.3f", atof(h) * size);
}

/* ---- legend entries ---- */

static void add_entry(drawing *d, legend_entry e) {
  cn_arena *A = d->E->arena;
  legend_entry *n = cn_arena_alloc(A, sizeof *n * (size_t)(d->nentries + 1));
  if (d->nentries)
    memcpy(n, d->entries, sizeof *n * (size_t)d->nentries);
  n[d->nentries++] = e;
  d->entries = n;
}

static const char *say(const drawing *d, const char *zh, const char *en) {
  return d->w->zh ? zh : en;
}

static const char *number_text(cn_arena *A, double x) {
  return cn_arena_printf(A, "%.3g", x);
}

/* Append a class to a node's or edge's attributes. */
static void add_class(cn_fig *f, cn_fig_attrs *at, const char *cls) {
  const char *old = cn_fig_get(at, "class");
  cn_fig_set(f, at, "class",
             old && *old ? cn_arena_printf(f->arena, "%s %s", old, cls) : cls);
}

/* A scale's samples in the legend: the smallest, middle and largest of
 * [lo, hi] (one when they are equal, none when empty), each drawn by
 * sample(x) as entry `type` with id <id><k>. */
static void scale_entries(drawing *d, int type, const char *id, double lo,
                          double hi, double (*sample)(const drawing *, double, double, double)) {
  cn_arena *A = d->E->arena;
  if (!isfinite(lo))
    return;
  int n = hi > lo ? 3 : 1;
  for (int k = 0; k < n; k++) {
    double x = n == 1 ? lo : lo + (hi - lo) * k / 2;
    add_entry(d, (legend_entry){type, number_text(A, x),
                                cn_arena_printf(A, "%s%d", id, k),
                                sample(d, x, lo, hi), "solid", "#000000",
                                type == ENTRY_NODE ? "white" : NULL});
  }
}

/* ---- node_size= ---- */

/* The value of node_size= for each layout node of panel p (NAN: none). */
static double *panel_values(drawing *d, panel *p) {
  const cn_figure_opts *o = d->o;
  cn_arena *A = d->E->arena;
  int nl = d->layout.nodes.n;
  double *val = cn_arena_alloc(A, sizeof(double) * (size_t)(nl + 1));
  for (int i = 0; i < nl; i++)
    val[i] = NAN;
  const cn_snapshot *s = p->s;
  if (o->size_measure) {
    cn_value t = figure_native_table(d, o->size_by, p->s);
    for (int64_t i = 0; t.t == CN_V_LIST && i < t.u.list->n; i++) {
      const cn_value *row = &t.u.list->items[i];
      if (row->t != CN_V_RECORD)
        continue;
      const cn_value *who = cn_record_get(row->u.rec, "actor");
      const cn_value *x = cn_record_get(row->u.rec, o->size_by);
      int32_t v = who ? cn_snapshot_vertex_of(s, who) : -1;
      if (v >= 0 && x && x->t == CN_V_NUM)
        val[*figure_vkey_slot(&d->lnode, s->vertex_actor[v])] = x->u.num;
    }
    return val;
  }
  for (int32_t v = 0; v < s->n; v++) {
    int32_t key = s->vertex_actor[v];
    const char *x = key >= 0 ? figure_attr_text(d->E, s->c->actors.items[key].attrs,
                                                o->size_by)
                             : NULL;
    if (x)
      val[*figure_vkey_slot(&d->lnode, key)] = strtod(x, NULL);
  }
  return val;
}

/* Constraint is lower for more brokerage: its nodes grow as it falls. */
static int size_inverted(const cn_figure_opts *o) {
  return o->size_measure && strcmp(o->size_by, "constraint") == 0;
}

/* The diameter (points) of value x between lo and hi. */
static double diameter(const drawing *d, double x, double lo, double hi) {
  double em = d->text_pt;
  double amin = pow(SIZE_MIN_EM * em, 2), amax = pow(SIZE_MAX_EM * em, 2);
  double t = hi > lo ? (x - lo) / (hi - lo) : 0.5;
  if (!isfinite(x))
    t = 0;
  else if (size_inverted(d->o))
    t = 1 - t;
  return sqrt(amin + (amax - amin) * t);
}

static void set_diameter(cn_fig *f, cn_fig_attrs *at, double dia) {
  cn_fig_setf(f, at, "width", "%.3f", dia / 72);
  cn_fig_setf(f, at, "height", "%.3f", dia / 72);
  /* the shape has the size; the label may be larger, and Graphviz still
   * keeps labels from overlapping in the layout */
  cn_fig_set(f, at, "fixedsize", "shape");
}

double figure_label_width(const char *label, double em, int *lines) {
  double w = 0;
  *lines = 0;
  for (const char *p = label; *p;) {
    const char *end = p;
    while (*end && !(end[0] == '\\' && end[1] && strchr("nlr", end[1])))
      end++;
    char *line = strndup(p, (size_t)(end - p));
    if (line) {
      w = fmax(w, cn_fig_text_width(line, em));
      free(line);
    }
    (*lines)++;
    p = *end ? end + 2 : end;
  }
  return w;
}

/* A drawn node's label: is it wider than its smallest shape? */
static int label_too_wide(const cn_fig_attrs *at, double dia, double em) {
  const char *label = cn_fig_get(at, "label");
  int lines;
  return label && *label && figure_label_width(label, em, &lines) > 0.85 * dia;
}

/* A label set below its node (an external label, placed by
 * figure_compose at the foot of the node's layout box, right under the
 * shape), so that no outline or tie runs through its text and it reads
 * as the node's. */
static void label_below(cn_fig *f, cn_fig_attrs *at) {
  for (int i = 0; i < at->n; i++) {
    cn_fig_attr *a = &at->items[i];
    if (strcmp(a->key, "label") != 0 || !*a->value)
      continue;
    if (a->html)
      cn_fig_set_html(f, at, "xlabel", a->value);
    else
      cn_fig_set(f, at, "xlabel", a->value);
    cn_fig_set(f, at, "label", "");
    return;
  }
}

/* The layout's box of a node whose label goes below: the largest shape
 * over the label, which the layout keeps clear of every other node. */
static double set_box_with_label(drawing *d, cn_fig_attrs *at, double dia) {
  cn_fig *f = &d->layout;
  int lines;
  double em = d->text_pt;
  double w = figure_label_width(cn_fig_get(at, "label"), em, &lines);
  double below = (LABEL_GAP_EM + LABEL_LINE_EM * lines) * em;
  double outer = dia + 2 * GV_PERIPHERY_GAP * (figure_peripheries(at) - 1);
  cn_fig_setf(f, at, "width", "%.3f", fmax(outer, w) / 72);
  cn_fig_setf(f, at, "height", "%.3f", (outer + below) / 72);
  cn_fig_set(f, at, "fixedsize", "true");
  cn_fig_set(f, at, "label", "");
  return below;
}

static void encode_sizes(drawing *d) {
  const cn_figure_opts *o = d->o;
  cn_arena *A = d->E->arena;
  int nl = d->layout.nodes.n;
  double **val = cn_arena_alloc(A, sizeof(double *) * (size_t)d->npanels);
  double lo = INFINITY, hi = -INFINITY;
  for (int p = 0; p < d->npanels; p++) {
    val[p] = panel_values(d, &d->panels[p]);
    for (int i = 0; i < nl; i++)
      if (isfinite(val[p][i])) {
        lo = fmin(lo, val[p][i]);
        hi = fmax(hi, val[p][i]);
      }
  }
  double *largest = cn_arena_alloc(A, sizeof(double) * (size_t)(nl + 1));
  unsigned char *below = cn_arena_alloc(A, (size_t)nl + 1);
  /* a label goes below its node in every panel when it is wider than
   * the node in one: the same place in each */
  for (int p = 0; p < d->npanels; p++) {
    cn_fig *f = &d->panels[p].fig;
    for (int i = 0; i < f->nodes.n; i++) {
      int src = d->panels[p].node_src[i];
      double dia = diameter(d, val[p][src], lo, hi);
      largest[src] = fmax(largest[src], dia);
      if (label_too_wide(&f->nodes.items[i].attrs, dia, d->text_pt))
        below[src] = 1;
    }
  }
  for (int p = 0; p < d->npanels; p++) {
    cn_fig *f = &d->panels[p].fig;
    for (int i = 0; i < f->nodes.n; i++) {
      int src = d->panels[p].node_src[i];
      set_diameter(f, &f->nodes.items[i].attrs, diameter(d, val[p][src], lo, hi));
      if (below[src])
        label_below(f, &f->nodes.items[i].attrs);
    }
  }
  d->below_h = cn_arena_alloc(A, sizeof(double) * (size_t)(nl + 1));
  for (int i = 0; i < nl; i++) {
    cn_fig_attrs *at = &d->layout.nodes.items[i].attrs;
    if (below[i])
      d->below_h[i] = set_box_with_label(d, at, largest[i]);
    else
      set_diameter(&d->layout, at, largest[i]);
  }
  /* the legend: the smallest, middle and largest values with their sizes */
  const char *what = o->size_by;
  add_entry(d, (legend_entry){
                   ENTRY_HEAD,
                   size_inverted(o)
                       ? say(d, cn_arena_printf(A, "节点面积：%s（越大越低，中介越多）", what),
                             cn_arena_printf(A, "Node area: %s (larger = lower, more brokerage)", what))
                       : say(d, cn_arena_printf(A, "节点面积：%s", what),
                             cn_arena_printf(A, "Node area: %s", what)),
                   NULL, 0, NULL, NULL, NULL});
  scale_entries(d, ENTRY_NODE, "legend_size", lo, hi, diameter);
}

/* ---- tie_width=weight ---- */

/* A tie's line width; Graphviz widens arrowheads with the line, so heavy
 * ones keep theirs in proportion (figure_defaults' arrowsize at
 * WEIGHT_PEN_EQUAL). */
static void set_pen(const drawing *d, cn_fig *f, cn_fig_attrs *at, double pen) {
  cn_fig_setf(f, at, "penwidth", "%.2f", pen);
  if (pen > WEIGHT_PEN_EQUAL)
    cn_fig_setf(f, at, "arrowsize", "%.2f",
                0.7 * d->text_pt / 11 * sqrt(WEIGHT_PEN_EQUAL / pen));
}

static double weight_pen(const drawing *d, double w, double lo, double hi) {
  (void)d;
  return hi > lo ? WEIGHT_PEN_MIN + (WEIGHT_PEN_MAX - WEIGHT_PEN_MIN) * (w - lo) / (hi - lo)
                 : WEIGHT_PEN_EQUAL;
}

static void encode_widths(drawing *d) {
  double lo = INFINITY, hi = -INFINITY;
  for (int p = 0; p < d->npanels; p++)
    for (int k = 0; k < d->panels[p].lines.n; k++) {
      lo = fmin(lo, d->panels[p].lines.items[k].strength);
      hi = fmax(hi, d->panels[p].lines.items[k].strength);
    }
  for (int p = 0; p < d->npanels; p++) {
    panel *pn = &d->panels[p];
    for (int k = 0; k < pn->lines.n; k++) { /* edge k is line k */
      set_pen(d, &pn->fig, &pn->fig.edges.items[k].attrs,
              weight_pen(d, pn->lines.items[k].strength, lo, hi));
    }
  }
  add_entry(d, (legend_entry){ENTRY_HEAD, say(d, "线宽：权重之和", "Line width: summed weight"),
                              NULL, 0, NULL, NULL, NULL});
  scale_entries(d, ENTRY_LINE, "legend_weight", lo, hi, weight_pen);
}

/* ---- focus= ---- */

static void fade_node(cn_fig *f, cn_fig_attrs *at) {
  add_class(f, at, "faded");
  cn_fig_set(f, at, "color", FADED_LINE);
  cn_fig_set(f, at, "fontcolor", FADED_TEXT);
  cn_fig_set(f, at, "fillcolor", "white");
  cn_fig_set(f, at, "penwidth", FADED_PEN);
}

/* The focal actor's vertex in a panel's snapshot, or -1: a group where
 * the panel collapses it; an actor, or the group it is folded into (the
 * box it is drawn in). */
static int32_t focus_vertex(const cn_figure_opts *o, const cn_snapshot *s) {
  if (o->focus_group < 0)
    return s->actor_vertex[o->focus];
  for (int32_t v = 0; v < s->n; v++)
    if (s->vertex_actor[v] == -1 - o->focus_group)
      return v;
  return -1;
}

/* In each panel: the focal actor, its contacts there and the ties among
 * them as drawn; the rest faded. */
static void encode_focus(drawing *d) {
  const cn_figure_opts *o = d->o;
  cn_arena *A = d->E->arena;
  int nl = d->layout.nodes.n, seen = 0;
  unsigned char *ego = cn_arena_alloc(A, (size_t)nl + 1);
  for (int p = 0; p < d->npanels; p++) {
    panel *pn = &d->panels[p];
    cn_fig *f = &pn->fig;
    memset(ego, 0, (size_t)nl + 1);
    int fa = -1;
    int32_t fv = focus_vertex(o, pn->s);
    if (fv >= 0) {
      fa = *figure_vkey_slot(&d->lnode, pn->s->vertex_actor[fv]);
      seen = 1;
      ego[fa] = 1;
      for (int k = 0; k < pn->lines.n; k++) {
        const fig_line *l = &pn->lines.items[k];
        if (l->tail == fa)
          ego[l->head] = 1;
        if (l->head == fa)
          ego[l->tail] = 1;
      }
    }
    for (int i = 0; i < f->nodes.n; i++) {
      int src = pn->node_src[i];
      cn_fig_attrs *at = &f->nodes.items[i].attrs;
      if (src == fa) {
        add_class(f, at, "focus");
        cn_fig_set(f, at, "penwidth", FOCUS_PEN);
      } else if (!ego[src]) {
        fade_node(f, at);
      }
    }
    for (int k = 0; k < pn->lines.n; k++) {
      const fig_line *l = &pn->lines.items[k];
      if (ego[l->tail] && ego[l->head])
        continue;
      cn_fig_attrs *at = &f->edges.items[k].attrs;
      add_class(f, at, "faded");
      cn_fig_set(f, at, "color", FADED_TIE);
      cn_fig_set(f, at, "penwidth", FADED_PEN);
    }
  }
  const cn_case *c = d->E->c;
  const cn_attrs *fa_attrs = o->focus_group >= 0
                                 ? c->groups.items[o->focus_group].attrs
                                 : c->actors.items[o->focus].attrs;
  const char *name = figure_attr_text(d->E, fa_attrs, "label"); /* unwrapped */
  if (!name)
    name = o->focus_group >= 0 ? c->groups.items[o->focus_group].name->str
                               : c->actors.items[o->focus].name->str;
  if (!seen)
    cn_eval_fail(d->E, o->focus_loc,
                 "focus= names an actor the figure draws: ties(…) lists them",
                 "focus=%s: %s is not in the selection drawn", name, name);
  add_entry(d, (legend_entry){ENTRY_NODE,
                              say(d, cn_arena_printf(A, "%s的自我网络之外", name),
                                  cn_arena_printf(A, "outside %s's ego network", name)),
                              "legend_faded", SIZE_MIN_EM * d->text_pt, "solid",
                              FADED_LINE, "white"});
}

/* ---- changes=true ---- */

/* Which of a snapshot's lines hold a tie that `other` has (as diff()
 * compares stages: by tie, so that a tie folded into a group in one panel
 * and drawn between its members in the other is neither new nor ended). */
static unsigned char *lines_kept(drawing *d, const panel *pn, const unsigned char *other) {
  const cn_snapshot *s = pn->s;
  const cn_case *c = s->c;
  unsigned char *kept = cn_arena_alloc(d->E->arena, (size_t)pn->lines.n + 1);
  for (int64_t k = 0; k < s->nties; k++) {
    const cn_tie *t = &c->ties.items[s->ties[k]];
    if (!other[s->ties[k]])
      continue;
    int tail = *figure_vkey_slot(&d->lnode, figure_vertex_key(s, t->from));
    int head = *figure_vkey_slot(&d->lnode, figure_vertex_key(s, t->to));
    int line = figure_lines_find(&pn->lines, tail, head,
                                 t->layer >= 0 ? t->layer : (int)c->layers.n);
    if (line >= 0)
      kept[line] = 1;
  }
  return kept;
}

/* The case's ties in a snapshot, as flags. */
static unsigned char *ties_in(drawing *d, const cn_snapshot *s) {
  unsigned char *in = cn_arena_alloc(d->E->arena, s->c->ties.n + 1);
  for (int64_t k = 0; k < s->nties; k++)
    in[s->ties[k]] = 1;
  return in;
}

/* Lines of panel p none of whose ties panel p-1 has drawn bold; lines of
 * p-1 none of whose ties p has, faint and dotted between their ends when
 * both are drawn in p. */
static void encode_changes(drawing *d) {
  cn_arena *A = d->E->arena;
  int nl = d->layout.nodes.n, any_new = 0, any_ended = 0;
  int *at_node = cn_arena_alloc(A, sizeof(int) * (size_t)(nl + 1));
  for (int p = 1; p < d->npanels; p++) {
    panel *pn = &d->panels[p];
    const panel *pp = &d->panels[p - 1];
    const line_set *prev = &pp->lines;
    cn_fig *f = &pn->fig;
    const unsigned char *old = lines_kept(d, pn, ties_in(d, pp->s));
    const unsigned char *still = lines_kept(d, pp, ties_in(d, pn->s));
    for (int k = 0; k < pn->lines.n; k++) {
      if (old[k])
        continue;
      cn_fig_attrs *at = &f->edges.items[k].attrs;
      const char *pen = cn_fig_get(at, "penwidth");
      add_class(f, at, "new");
      set_pen(d, f, at, fmax(NEW_PEN_MIN, 2 * (pen ? atof(pen) : 1)));
      any_new = 1;
    }
    for (int i = 0; i < nl; i++)
      at_node[i] = -1;
    for (int i = 0; i < f->nodes.n; i++)
      at_node[pn->node_src[i]] = i;
    for (int k = 0; k < prev->n; k++) {
      const fig_line *l = &prev->items[k];
      int tail = at_node[l->tail], head = at_node[l->head];
      if (still[k] || tail < 0 || head < 0 ||
          figure_lines_find(&pn->lines, l->tail, l->head, l->layer) >= 0)
        continue;
      /* absent=ties drew it grey already: that edge becomes the ended one */
      int e = -1;
      for (int j = pn->lines.n; j < f->edges.n && e < 0; j++)
        if (pn->edge_src[j] >= 0 &&
            figure_lines_find(&d->llines, l->tail, l->head, l->layer) == pn->edge_src[j])
          e = j;
      if (e < 0) {
        e = cn_fig_add_edge(f, tail, head, d->st.lkey[l->layer]);
        pn->edge_src[e] = figure_lines_find(&d->llines, l->tail, l->head, l->layer);
        figure_style_line(d, f, e, l, 0,
                          cn_arena_printf(A, "%s_%s_%s_ended",
                                          cn_fig_get(&f->nodes.items[tail].attrs, "id"),
                                          cn_fig_get(&f->nodes.items[head].attrs, "id"),
                                          d->st.lkey[l->layer]));
      }
      cn_fig_attrs *at = &f->edges.items[e].attrs;
      cn_fig_set(f, at, "class", cn_arena_printf(A, "%s ended", d->st.lkey[l->layer]));
      cn_fig_set(f, at, "color", ENDED_TIE);
      cn_fig_set(f, at, "style", "dotted");
      cn_fig_set(f, at, "penwidth", ENDED_PEN);
      any_ended = 1;
    }
  }
  add_entry(d, (legend_entry){ENTRY_HEAD, say(d, "与前一阶段相比", "Since the previous stage"),
                              NULL, 0, NULL, NULL, NULL});
  if (any_new)
    add_entry(d, (legend_entry){ENTRY_LINE, say(d, "新出现的关系", "new tie"),
                                "legend_new", 2.4, "solid", "#000000", NULL});
  if (any_ended)
    add_entry(d, (legend_entry){ENTRY_LINE, say(d, "已结束的关系", "ended tie"),
                                "legend_ended", atof(ENDED_PEN), "dotted",
                                ENDED_TIE, NULL});
}

void figure_encode(drawing *d) {
  const cn_figure_opts *o = d->o;
  if (o->changes && o->nstages < 2)
    cn_eval_fail(d->E, o->loc,
                 "write render(stages=all, changes=true, to=…)",
                 "changes=true compares each stage panel with the one before: "
                 "it needs stages= with two stages or more");
  if (o->size_by)
    encode_sizes(d);
  if (o->width_by_weight)
    encode_widths(d);
  if (o->changes)
    encode_changes(d);
  if (o->focus >= 0 || o->focus_group >= 0)
    encode_focus(d);
}
