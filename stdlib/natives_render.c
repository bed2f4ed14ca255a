/* natives_render.c — figures: dot(), render() and render_formats(), and the
 * `--render` command-line shortcut.  Turns snapshots into figure models
 * (render.h) styled by kind and layer, lays out their union and checks the
 * font; render_compose.c composes the final drawing in the child. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "number.h"
#include "render_draw.h"
#include "utf8.h"

#define DEFAULT_FONT "Noto Sans CJK SC"

/* ---- options ---- */





static const char *const engines[] = {"dot", "neato", "fdp", "sfdp", "circo",
                                      NULL};

static const char *ext_format(const char *path) {
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash))
    return NULL;
  static const char *const known[] = {"svg", "png", "pdf", "dot", "gv", NULL};
  for (int i = 0; known[i]; i++)
    if (strcmp(dot + 1, known[i]) == 0)
      return strcmp(known[i], "gv") == 0 ? "dot" : known[i];
  return NULL;
}

static int is_word(const cn_value *v, const char *w) {
  if (v->t == CN_V_STR)
    return strcmp(v->u.str, w) == 0;
  if (v->t >= CN_V_ACTOR && v->t <= CN_V_SYMBOL)
    return strcmp(v->u.name->str, w) == 0;
  return 0;
}

static void parse_options(cn_eval *E, cn_call *call, ropts *o, int is_render) {
  memset(o, 0, sizeof *o);
  o->node = call->node;
  o->loc = &call->node->loc;
  o->is_render = is_render;
  o->labels = 1;
  o->absent = ABSENT_GREY;
  o->legend = 1;
  o->font = DEFAULT_FONT;
  o->dpi = 300;
  const cn_loc *l;
  const cn_value *v;
  if ((v = cn_arg_named(call, "layout", &l))) {
    o->layout = cn_arg_string(E, v, l);
    o->layout_loc = l;
    int ok = 0;
    for (int i = 0; engines[i]; i++)
      ok |= strcmp(engines[i], o->layout) == 0;
    if (!ok)
      cn_eval_fail(E, l, "layouts: dot, neato, fdp, sfdp, circo",
                   "unknown layout '%s'", o->layout);
  }
  if ((v = cn_arg_named(call, "highlight", &l))) {
    o->hl_loc = l;
    if (is_word(v, "brokers"))
      o->hl_brokers = 1;
    else if (v->t == CN_V_LIST || v->t == CN_V_ACTOR || v->t == CN_V_GROUP ||
             v->t == CN_V_STR)
      o->hl_list = v;
    else
      cn_eval_fail(E, l, "write highlight=brokers or highlight=[A, B]",
                   "highlight takes brokers or a list of actors, not %s",
                   cn_type_name(v->t));
  }
  if ((v = cn_arg_named(call, "cluster", &l))) {
    int is_group = v->t == CN_V_GROUP ||
                   (v->t == CN_V_LIST && v->u.list->n > 0 &&
                    v->u.list->items[0].t == CN_V_GROUP);
    if (is_group) {
      o->cluster = CL_GROUPS;
      int n = v->t == CN_V_LIST ? (int)v->u.list->n : 1;
      o->cluster_groups = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(n + 1));
      for (int i = 0; i < n; i++)
        o->cluster_groups[i] = cn_value_entity(
            E, v->t == CN_V_LIST ? &v->u.list->items[i] : v, l, CN_NS_GROUP);
      o->ncluster_groups = n;
    } else {
      const char *key = cn_arg_string(E, v, l);
      o->cluster = CL_ATTR;
      o->cluster_key = cn_intern_cstr(&E->c->names, key);
      int found = strcmp(key, "kind") == 0;
      for (size_t a = 0; a < E->c->actors.n && !found; a++)
        found = cn_attrs_get(E->c->actors.items[a].attrs, key) != NULL;
      if (!found)
        cn_eval_fail(E, l, "cluster= takes an actor attribute (place, level …) "
                           "or a group",
                     "no actor has an attribute '%s'", key);
    }
  }
  if ((v = cn_arg_named(call, "labels", &l)))
    o->labels = cn_arg_bool(E, v, l);
  if ((v = cn_arg_named(call, "title", &l)))
    o->title = cn_arg_string(E, v, l);
  if ((v = cn_arg_named(call, "font", &l))) {
    o->font = cn_arg_string(E, v, l);
    if (!*o->font)
      cn_eval_error(E, l, "font= needs a font family name");
  }
  if (!is_render)
    return;
  if ((v = cn_arg_named(call, "to", &l))) {
    o->to = cn_arg_string(E, v, l);
    o->to_loc = l;
  }
  if ((v = cn_arg_named(call, "stages", &l))) {
    const cn_case *c = E->c;
    if (is_word(v, "all")) {
      o->nstages = (int)c->stages.n;
      o->stages = cn_arena_alloc(E->arena, sizeof(int32_t) * (c->stages.n + 1));
      for (size_t i = 0; i < c->stages.n; i++)
        o->stages[i] = (int32_t)i;
      if (!o->nstages)
        cn_eval_error(E, l, "stages=all, but the case declares no stage");
    } else {
      int n = v->t == CN_V_LIST ? (int)v->u.list->n : 1;
      o->stages = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(n + 1));
      for (int i = 0; i < n; i++)
        o->stages[i] = cn_value_entity(
            E, v->t == CN_V_LIST ? &v->u.list->items[i] : v, l, CN_NS_STAGE);
      o->nstages = n;
      if (!n)
        cn_eval_error(E, l, "stages= needs at least one stage");
    }
  }
  if ((v = cn_arg_named(call, "absent", &l))) {
    if (is_word(v, "grey") || is_word(v, "gray"))
      o->absent = ABSENT_GREY;
    else if (is_word(v, "ties"))
      o->absent = ABSENT_TIES;
    else if (is_word(v, "hide"))
      o->absent = ABSENT_HIDE;
    else
      cn_eval_fail(E, l,
                   "write absent=grey (the default: faint actors), "
                   "absent=ties (their ties greyed too) or absent=hide",
                   "absent takes grey, ties or hide");
  }
  if ((v = cn_arg_named(call, "legend", &l)))
    o->legend = cn_arg_bool(E, v, l);
  if ((v = cn_arg_named(call, "dpi", &l))) {
    o->dpi = cn_arg_number(E, v, l);
    if (!(o->dpi >= 36 && o->dpi <= 1200))
      cn_eval_error(E, l, "dpi is between 36 and 1200, not %g", o->dpi);
  }
}

/* ---- styles ---- */

/* A number in a label or an attribute, in full (number.h). */
static const char *num_label(cn_arena *A, double x) {
  char b[CN_NUM_BUF];
  cn_num_text(b, sizeof b, x);
  return cn_arena_strdup(A, b);
}

/* Attribute of a declaration as text, or NULL. */
static const char *attr_text(cn_eval *E, const cn_attrs *at, const char *key) {
  const cn_attr *a = cn_attrs_get(at, key);
  if (!a)
    return NULL;
  const cn_ast *v = a->value;
  switch (v->kind) {
  case CN_AST_STR: return v->u.str->str;
  case CN_AST_NAME: return v->u.name->str;
  case CN_AST_NUM: return num_label(E->arena, v->u.num);
  case CN_AST_UNOP:
    if (v->u.binop.lhs && v->u.binop.lhs->kind == CN_AST_NUM)
      return num_label(E->arena, -v->u.binop.lhs->u.num);
    return NULL;
  case CN_AST_BOOL: return v->u.boolean ? "true" : "false";
  default: return NULL;
  }
}

/* Ties: dash pattern and width carry the layer (readable in grayscale),
 * colour is a second cue (Okabe–Ito colours of distinct lightness). */
typedef struct line_style {
  const char *style;
  double width;
} line_style;
static const line_style line_palette[] = {
    {"solid", 2.4}, {"dashed", 1.6}, {"dotted", 2.6}, {"solid", 1.0},
    {"dashed", 3.0}, {"dotted", 1.6}, {"bold", 3.4},  {"dashed", 1.0}};
enum { NLINES = sizeof line_palette / sizeof *line_palette };
static const char *const colour_palette[] = {
    "#000000", "#0072B2", "#D55E00", "#009E73",
    "#CC79A7", "#E69F00", "#56B4E9", "#666666"};
enum { NCOLOURS = sizeof colour_palette / sizeof *colour_palette };

/* Built-in shapes for kinds that name none. */
static const char *const shape_palette[] = {"ellipse", "box", "hexagon",
                                            "diamond", "octagon", "house",
                                            "parallelogram", "trapezium"};
enum { NSHAPES = sizeof shape_palette / sizeof *shape_palette };



static int has_cjk(const char *s) {
  size_t n = strlen(s), i = 0;
  while (i < n) {
    int32_t cp;
    size_t k = cn_utf8_decode(s + i, n - i, &cp);
    if (!k)
      return 0;
    if (cp >= 0x2E80 && cp <= 0x9FFF)
      return 1;
    i += k;
  }
  return 0;
}

static void make_styles(cn_eval *E, styles *st) {
  const cn_case *c = E->c;
  cn_arena *A = E->arena;
  size_t nl = c->layers.n, nk = c->kinds.n;
  st->lcolor = cn_arena_alloc(A, sizeof(char *) * (nl + 1));
  st->lstyle = cn_arena_alloc(A, sizeof(char *) * (nl + 1));
  st->lwidth = cn_arena_alloc(A, sizeof(char *) * (nl + 1));
  st->llabel = cn_arena_alloc(A, sizeof(char *) * (nl + 1));
  st->lkey = cn_arena_alloc(A, sizeof(char *) * (nl + 1));
  unsigned char used[NLINES];
  memset(used, 0, sizeof used);
  /* layers that name a style take the first free entry of that style (its
   * width); the others take the first free entry of the palette */
  for (size_t i = 0; i < nl; i++) {
    const char *s = attr_text(E, c->layers.items[i].attrs, "style");
    if (!s)
      continue;
    st->lstyle[i] = s;
    st->lwidth[i] = "1.6";
    for (int k = 0; k < NLINES; k++)
      if (!used[k] && strcmp(line_palette[k].style, s) == 0) {
        used[k] = 1;
        st->lwidth[i] = cn_arena_printf(A, "%.1f", line_palette[k].width);
        break;
      }
  }
  for (size_t i = 0; i < nl; i++) {
    const cn_layer *ly = &c->layers.items[i];
    if (!st->lstyle[i]) {
      int k = 0;
      while (k < NLINES && used[k])
        k++;
      if (k == NLINES)
        k = (int)(i % NLINES);
      used[k] = 1;
      st->lstyle[i] = line_palette[k].style;
      st->lwidth[i] = cn_arena_printf(A, "%.1f", line_palette[k].width);
    }
    const char *w = attr_text(E, ly->attrs, "penwidth");
    if (w)
      st->lwidth[i] = w;
    const char *col = attr_text(E, ly->attrs, "color");
    st->lcolor[i] = col ? col : colour_palette[i % NCOLOURS];
    st->llabel[i] = ly->label ? ly->label->str : ly->name->str;
    st->lkey[i] = ly->name->str;
  }
  st->lstyle[nl] = "solid";
  st->lwidth[nl] = "1.4";
  st->lcolor[nl] = "#000000";
  st->llabel[nl] = "tie";
  st->lkey[nl] = "tie";
  st->kshape = cn_arena_alloc(A, sizeof(char *) * (nk + 1));
  st->kstyle = cn_arena_alloc(A, sizeof(char *) * (nk + 1));
  st->kcolor = cn_arena_alloc(A, sizeof(char *) * (nk + 1));
  st->kfill = cn_arena_alloc(A, sizeof(char *) * (nk + 1));
  st->klabel = cn_arena_alloc(A, sizeof(char *) * (nk + 1));
  /* a kind that names no shape takes the next built-in shape that no other
   * kind took, so that two kinds never look alike in figure and legend */
  size_t next = 0;
  for (size_t i = 0; i < nk; i++) {
    const cn_kind *k = &c->kinds.items[i];
    const char *shape = attr_text(E, k->attrs, "shape");
    for (size_t tries = 0; !shape && tries < NSHAPES; tries++, next++) {
      const char *cand = shape_palette[next % NSHAPES];
      int taken = 0;
      for (size_t j = 0; j < nk && !taken; j++) {
        const char *sj = j < i ? st->kshape[j]
                               : attr_text(E, c->kinds.items[j].attrs, "shape");
        taken = sj && strcmp(sj, cand) == 0;
      }
      if (!taken)
        shape = cand;
    }
    st->kshape[i] = shape ? shape : shape_palette[i % NSHAPES];
    st->kstyle[i] = attr_text(E, k->attrs, "style");
    st->kcolor[i] = attr_text(E, k->attrs, "color");
    st->kfill[i] = attr_text(E, k->attrs, "fillcolor");
    st->klabel[i] = k->label ? k->label->str : k->name->str;
  }
  st->kshape[nk] = "ellipse";
  st->klabel[nk] = "actor";
  st->cjk = c->title && has_cjk(c->title->str);
  for (size_t i = 0; i < c->actors.n && !st->cjk; i++)
    st->cjk = has_cjk(c->actors.items[i].name->str);
}


static const words words_zh = {"关系", "行动者", "合并的群组",
                               "占据结构洞", "关键行动者", "本阶段不在场"};
static const words words_en = {"Ties", "Actors", "collapsed group",
                               "broker", "key actor", "absent in this stage"};

/* ---- labels ---- */

/* Break a long label (wider than 16 columns: narrower nodes pack better
 * in a force layout) once near its middle, before an opening bracket or
 * after a space, slash or enumeration comma, when neither line is under a
 * third of the whole; labels with their own line breaks are kept as
 * written. */
static const char *wrap_label(cn_arena *A, const char *s) {
  if (strchr(s, '\n'))
    return s;
  size_t n = strlen(s);
  int width = cn_utf8_str_width(s, n);
  if (width <= 16)
    return s;
  size_t best = 0;
  int bestd = 1 << 30, col = 0;
  size_t i = 0;
  while (i < n) {
    int32_t cp;
    size_t k = cn_utf8_decode(s + i, n - i, &cp);
    if (!k)
      return s;
    size_t cut = 0;
    if ((cp == 0xFF08 || cp == '(') && i > 0)
      cut = i; /* before （ */
    else if (cp == ' ' || cp == '/' || cp == 0x3001 || cp == 0xFF0C)
      cut = i + k; /* after the separator */
    col += cn_utf8_width(cp);
    if (cut && cut < n) {
      int d = abs(2 * (cut == i ? col - cn_utf8_width(cp) : col) - width);
      if (d < bestd) {
        bestd = d;
        best = cut;
      }
    }
    i += k;
  }
  if (!best || 3 * bestd > width)
    return s; /* no break, or only a lopsided one ("江苏、\n浙江再生铅冶炼厂") */
  size_t a = best, b = best;
  while (a > 0 && s[a - 1] == ' ')
    a--;
  while (b < n && s[b] == ' ')
    b++;
  return cn_arena_printf(A, "%.*s\n%s", (int)a, s, s + b);
}

/* ---- the network as a figure ---- */



static void vkey_init(cn_eval *E, vkey_map *m) {
  const cn_case *c = E->c;
  m->actor = cn_arena_alloc(E->arena, sizeof(int32_t) * (c->actors.n + 1));
  m->group = cn_arena_alloc(E->arena, sizeof(int32_t) * (c->groups.n + 1));
  for (size_t i = 0; i <= c->actors.n; i++)
    m->actor[i] = -1;
  for (size_t i = 0; i <= c->groups.n; i++)
    m->group[i] = -1;
}

static int32_t *vkey_slot(vkey_map *m, int32_t key) {
  return key >= 0 ? &m->actor[key] : &m->group[-1 - key];
}





static const char *key_label(drawing *d, int32_t key) {
  const cn_case *c = d->E->c;
  const char *text = NULL;
  if (key >= 0) {
    text = attr_text(d->E, c->actors.items[key].attrs, "label");
    if (!text)
      text = c->actors.items[key].name->str;
  } else {
    const cn_group *g = &c->groups.items[-1 - key];
    text = g->label ? g->label->str : g->name->str;
  }
  return wrap_label(d->E->arena, text);
}

/* Highlight marks of a snapshot's vertices: 1 broker (or listed), 2 key. */
static unsigned char *highlights(drawing *d, cn_snapshot *s) {
  cn_eval *E = d->E;
  unsigned char *mark = cn_arena_alloc(E->arena, (size_t)s->n + 1);
  ropts *o = d->o;
  if (o->hl_brokers) {
    const cn_native *nat = cn_eval_native(E, "brokers");
    if (!nat)
      return mark;
    cn_call call;
    memset(&call, 0, sizeof call);
    cn_value net = {CN_V_NET, {0}};
    net.u.net = s;
    call.node = o->node;
    call.fn = "brokers";
    call.native = nat;
    call.npos = 1;
    call.pos = &net;
    call.pos_loc = o->loc;
    call.used = cn_arena_alloc(E->arena, 1);
    cn_value t = nat->fn(E, &call);
    for (int64_t i = 0; t.t == CN_V_LIST && i < t.u.list->n; i++) {
      const cn_value *row = &t.u.list->items[i];
      if (row->t != CN_V_RECORD)
        continue;
      const cn_value *who = cn_record_get(row->u.rec, "actor");
      int32_t v = who ? cn_snapshot_vertex_of(s, who) : -1;
      if (v >= 0)
        mark[v] = i == 0 ? 2 : 1;
    }
  } else if (o->hl_list) {
    const cn_value *l = o->hl_list;
    int64_t n = l->t == CN_V_LIST ? l->u.list->n : 1;
    for (int64_t i = 0; i < n; i++) {
      const cn_value *x = l->t == CN_V_LIST ? &l->u.list->items[i] : l;
      cn_value val = *x;
      if (val.t == CN_V_STR) {
        int32_t a = cn_value_entity(E, x, o->hl_loc, CN_NS_ACTOR);
        val = cn_named(CN_V_ACTOR, E->c->actors.items[a].name);
      } else if (val.t != CN_V_ACTOR && val.t != CN_V_GROUP) {
        cn_value_entity(E, x, o->hl_loc, CN_NS_ACTOR); /* reports */
      }
      int32_t v = cn_snapshot_vertex_of(s, &val);
      if (v >= 0)
        mark[v] = 1;
    }
  }
  return mark;
}

/* The cluster of a vertex: an index into `values`/group list, or -1. */
static int vertex_cluster(drawing *d, const cn_snapshot *s, int32_t v,
                          const char ***values, int *nvalues) {
  ropts *o = d->o;
  const cn_case *c = s->c;
  int32_t a = s->vertex_actor[v];
  if (o->cluster == CL_NONE || a < 0)
    return -1;
  if (o->cluster == CL_GROUPS) {
    for (int i = 0; i < o->ncluster_groups; i++) {
      const cn_group *g = &c->groups.items[o->cluster_groups[i]];
      for (int m = 0; m < g->nmembers; m++)
        if (g->members[m] == a)
          return i;
    }
    return -1;
  }
  const char *val;
  if (strcmp(o->cluster_key->str, "kind") == 0)
    val = c->actors.items[a].kind >= 0
              ? c->kinds.items[c->actors.items[a].kind].name->str
              : NULL;
  else
    val = attr_text(d->E, c->actors.items[a].attrs, o->cluster_key->str);
  if (!val)
    return -1;
  for (int i = 0; i < *nvalues; i++)
    if (strcmp((*values)[i], val) == 0)
      return i;
  const char **nv = cn_arena_alloc(d->E->arena, sizeof(char *) * (size_t)(*nvalues + 1));
  if (*nvalues)
    memcpy(nv, *values, sizeof(char *) * (size_t)*nvalues);
  nv[*nvalues] = val;
  *values = nv;
  return (*nvalues)++;
}

static const char *cluster_label(drawing *d, int i, const char **values) {
  if (d->o->cluster == CL_GROUPS) {
    const cn_group *g = &d->E->c->groups.items[d->o->cluster_groups[i]];
    return g->label ? g->label->str : g->name->str;
  }
  return values[i];
}

void cn_draw_defaults(drawing *d, cn_fig *f) {
  const char *font = d->o->font;
  cn_fig_set(f, &f->graph_defaults, "fontname", font);
  cn_fig_set(f, &f->graph_defaults, "fontsize", "12");
  cn_fig_set(f, &f->node_defaults, "fontname", font);
  cn_fig_set(f, &f->node_defaults, "fontsize", "11");
  cn_fig_set(f, &f->node_defaults, "shape", "ellipse");
  cn_fig_set(f, &f->node_defaults, "style", "filled");
  cn_fig_set(f, &f->node_defaults, "fillcolor", "white");
  cn_fig_set(f, &f->node_defaults, "margin", "0.07,0.04");
  cn_fig_set(f, &f->node_defaults, "height", "0.32");
  cn_fig_set(f, &f->edge_defaults, "fontname", font);
  cn_fig_set(f, &f->edge_defaults, "arrowsize", "0.7");
}

static void engine_attrs(drawing *d, cn_fig *f, const char *engine) {
  cn_fig_attrs *g = &f->graph;
  cn_fig_set(f, g, "outputorder", "edgesfirst");
  if (strcmp(engine, "dot") == 0) {
    cn_fig_set(f, g, "newrank", "true"); /* never the old ranking: §4.1 */
    cn_fig_set(f, g, "nodesep", "0.3");
    cn_fig_set(f, g, "ranksep", "0.55");
    cn_fig_set(f, g, "splines", "true");
  } else if (strcmp(engine, "sfdp") == 0) {
    cn_fig_set(f, g, "overlap", "prism");
    cn_fig_set(f, g, "splines", "false");
  } else {
    /* prism without its initial scaling keeps the force layout's shape
     * and packs wide Chinese labels side by side: a compact, landscape
     * drawing.  (2.42's prism with the default overlap_scaling=-4 spreads
     * long labels far apart; vpsc stacks them into a tall column;
     * compress leaves them overlapping; ipsep corrupts the heap.)  sep
     * keeps 10 points between actors, room for the ties Graphviz routes
     * around them (esep=+3 in compose). */
    cn_fig_set(f, g, "overlap", "prism");
    cn_fig_set(f, g, "overlap_scaling", "0");
    cn_fig_set(f, g, "sep", "+5");
    /* no routing: cnet draws these ties itself (edge_geometry) */
    cn_fig_set(f, g, "splines", "false");
  }
  (void)d;
}

/* Ids are ASCII, made from indices: a<actor>, g<group>, and per edge
 * e_<tail>_<head>_<layer>; `prefix` keeps panels apart. */
static const char *vertex_id(drawing *d, int32_t key, const char *prefix) {
  return key >= 0 ? cn_arena_printf(d->E->arena, "%sa%d", prefix, key)
                  : cn_arena_printf(d->E->arena, "%sg%d", prefix, -1 - key);
}

/* Style one vertex node (key: actor id, or -1 - group id).  mark: 1
 * broker or listed, 2 key actor; grey: drawn as absent. */
static void style_vertex(drawing *d, cn_fig *f, int node, int32_t key,
                         int mark, int grey, const char *id) {
  const cn_case *c = d->E->c;
  cn_arena *A = d->E->arena;
  cn_fig_attrs *at = &f->nodes.items[node].attrs;
  int32_t a = key;
  int kind = a >= 0 ? c->actors.items[a].kind : -2;
  int k = kind >= 0 ? kind : (int)c->kinds.n;
  if (grey)
    mark = 0;
  cn_fig_set(f, at, "id", id);
  const char *cls = a < 0 ? "group" : kind >= 0 ? c->kinds.items[kind].name->str : "actor";
  if (mark == 2)
    cls = cn_arena_printf(A, "%s broker key", cls);
  else if (mark == 1)
    cls = cn_arena_printf(A, "%s broker", cls);
  if (grey)
    cls = cn_arena_printf(A, "%s absent", cls);
  cn_fig_set(f, at, "class", cls);
  const char *text = key_label(d, key);
  if (!d->o->labels) {
    cn_fig_set(f, at, "label", "");
    cn_fig_set(f, at, "width", "0.22");
    cn_fig_set(f, at, "height", "0.22");
    cn_fig_set(f, at, "fixedsize", "true");
  } else if (mark) {
    cn_fig_set_html(f, at, "label",
                    cn_arena_printf(A, "<B>%s</B>", cn_fig_html_text(A, text)));
  } else {
    cn_fig_set(f, at, "label", cn_fig_plain_label(A, text));
  }
  const char *shape = a < 0 ? "box3d" : d->st.kshape[k];
  cn_fig_set(f, at, "shape", shape);
  const char *kstyle = a < 0 ? NULL : d->st.kstyle[k];
  cn_fig_set(f, at, "style",
             kstyle ? cn_arena_printf(A, "filled,%s", kstyle) : "filled");
  if (grey) { /* faint, with a smaller name: context, not content */
    cn_fig_set(f, at, "color", ABSENT_LINE);
    cn_fig_set(f, at, "fontcolor", ABSENT_TEXT);
    cn_fig_set(f, at, "fontsize", "9");
    cn_fig_set(f, at, "penwidth", "0.7");
    cn_fig_set(f, at, "fillcolor", "white");
    return;
  }
  if (a >= 0 && d->st.kcolor[k])
    cn_fig_set(f, at, "color", d->st.kcolor[k]);
  if (a >= 0 && d->st.kfill[k])
    cn_fig_set(f, at, "fillcolor", d->st.kfill[k]);
  if (mark == 2) {
    cn_fig_set(f, at, "penwidth", "3.2");
    cn_fig_set(f, at, "fillcolor", "#dcdcdc");
  } else if (mark == 1) {
    cn_fig_set(f, at, "penwidth", "2.2");
  }
}

static void style_edge(drawing *d, cn_fig *f, int e, int layer, int directed,
                       int grey, const char *id) {
  cn_fig_attrs *at = &f->edges.items[e].attrs;
  int l = layer >= 0 ? layer : (int)d->E->c->layers.n;
  cn_fig_set(f, at, "id", id);
  cn_fig_set(f, at, "class", grey ? cn_arena_printf(d->E->arena, "%s absent",
                                                   d->st.lkey[l])
                                  : d->st.lkey[l]);
  if (grey) {
    cn_fig_set(f, at, "color", "#e8e8e8");
    cn_fig_set(f, at, "style", "solid");
    cn_fig_set(f, at, "penwidth", "0.8");
  } else {
    cn_fig_set(f, at, "color", d->st.lcolor[l]);
    cn_fig_set(f, at, "style", d->st.lstyle[l]);
    cn_fig_set(f, at, "penwidth", d->st.lwidth[l]);
  }
  if (!directed)
    cn_fig_set(f, at, "dir", "none");
}

/* Key of a tie's ends as layout-figure keys. */
static int32_t vkey(const cn_snapshot *s, int32_t actor) {
  return s->vertex_actor[s->actor_vertex[actor]];
}

static int find_edge(const cn_fig *f, int tail, int head, const char *key) {
  for (int i = 0; i < f->edges.n; i++) {
    const cn_fig_edge *e = &f->edges.items[i];
    if (e->tail == tail && e->head == head && strcmp(e->key, key) == 0)
      return i;
  }
  return -1;
}

/* The layout figure's cluster of a vertex (made on first use), or -1. */
static int layout_cluster(drawing *d, const cn_snapshot *s, int32_t v) {
  int i = vertex_cluster(d, s, v, &d->lvalues, &d->nlvalues);
  if (i < 0)
    return -1;
  if (i >= d->nlcluster) {
    int n = i + 8;
    int *m = cn_arena_alloc(d->E->arena, sizeof(int) * (size_t)n);
    for (int k = 0; k < n; k++)
      m[k] = k < d->nlcluster ? d->lcluster[k] : -1;
    d->lcluster = m;
    d->nlcluster = n;
  }
  if (d->lcluster[i] < 0) {
    d->lcluster[i] = cn_fig_add_cluster(
        &d->layout, cn_arena_printf(d->E->arena, "cluster_L%d", i));
    cn_fig_set(&d->layout, &d->layout.clusters.items[d->lcluster[i]].attrs,
               "label", cn_fig_plain_label(d->E->arena,
                                           cluster_label(d, i, d->lvalues)));
  }
  return d->lcluster[i];
}

/* Add a snapshot's vertices and ties to the layout figure (the union). */
static void add_to_layout(drawing *d, const cn_snapshot *s,
                          const unsigned char *mark) {
  cn_fig *f = &d->layout;
  for (int32_t v = 0; v < s->n; v++) {
    int32_t key = s->vertex_actor[v];
    int32_t *slot = vkey_slot(&d->lnode, key);
    if (*slot >= 0) {
      if (mark[v]) /* bold somewhere: as wide as its boldest drawing */
        style_vertex(d, f, *slot, key, 1, 0, vertex_id(d, key, ""));
      continue;
    }
    *slot = cn_fig_add_node(f, cn_snapshot_vertex_name(s, v)->str,
                            layout_cluster(d, s, v));
    style_vertex(d, f, *slot, key, mark[v] ? 1 : 0, 0, vertex_id(d, key, ""));
  }
  for (int64_t k = 0; k < s->nties; k++) {
    const cn_tie *t = &s->c->ties.items[s->ties[k]];
    int tail = *vkey_slot(&d->lnode, vkey(s, t->from));
    int head = *vkey_slot(&d->lnode, vkey(s, t->to));
    int l = t->layer >= 0 ? t->layer : (int)s->c->layers.n;
    int e = find_edge(f, tail, head, d->st.lkey[l]);
    if (e < 0) {
      e = cn_fig_add_edge(f, tail, head, d->st.lkey[l]);
      style_edge(d, f, e, t->layer, t->directed, 0, "");
    } else if (t->directed) {
      cn_fig_set(f, &f->edges.items[e].attrs, "dir", "forward");
    }
  }
}

/* Build one panel's figure: its snapshot's vertices and ties (and, when
 * absent ones are greyed, the rest of the layout figure). */
static void build_panel(drawing *d, panel *p, int index, int stage_mode) {
  cn_eval *E = d->E;
  cn_arena *A = E->arena;
  const cn_snapshot *s = p->s;
  const cn_case *c = s->c;
  cn_fig *f = &p->fig;
  const char *suffix = stage_mode ? cn_arena_printf(A, "@%s", c->stages.items[p->stage].name->str) : "";
  const char *prefix = stage_mode ? cn_arena_printf(A, "s%d_", index) : "";
  cn_fig_init(f, A, "panel");
  unsigned char *mark = p->mark;
  const char **values = NULL;
  int nvalues = 0;
  int nl = d->layout.nodes.n, ne = d->layout.edges.n;
  p->node_src = cn_arena_alloc(A, sizeof(int) * (size_t)(nl + 1));
  p->edge_src = cn_arena_alloc(A, sizeof(int) * (size_t)(ne + 1));
  int *cl_of_value = NULL;
  (void)cl_of_value;
  /* clusters first, in order of first member */
  int *vcl = cn_arena_alloc(A, sizeof(int) * (size_t)(s->n + 1));
  for (int32_t v = 0; v < s->n; v++)
    vcl[v] = vertex_cluster(d, s, v, &values, &nvalues);
  int ncl = d->o->cluster == CL_GROUPS ? d->o->ncluster_groups : nvalues;
  int *fig_cluster = cn_arena_alloc(A, sizeof(int) * (size_t)(ncl + 1));
  for (int i = 0; i < ncl; i++) {
    int used = 0;
    for (int32_t v = 0; v < s->n; v++)
      used |= vcl[v] == i;
    fig_cluster[i] = -1;
    if (!used)
      continue;
    fig_cluster[i] = cn_fig_add_cluster(f, cn_arena_printf(A, "cluster_%s%d", prefix, i));
    cn_fig_attrs *at = &f->clusters.items[fig_cluster[i]].attrs;
    cn_fig_set(f, at, "id", cn_arena_printf(A, "%scluster%d", prefix, i));
    cn_fig_set(f, at, "label", cn_fig_plain_label(A, cluster_label(d, i, values)));
    cn_fig_set(f, at, "style", "rounded,filled");
    cn_fig_set(f, at, "fillcolor", "#f5f5f5");
    cn_fig_set(f, at, "color", "#a0a0a0");
    cn_fig_set(f, at, "labeljust", "l");
    cn_fig_set(f, at, "margin", "10");
  }
  /* vertices present in this panel */
  int *present = cn_arena_alloc(A, sizeof(int) * (size_t)(nl + 1));
  for (int i = 0; i < nl; i++)
    present[i] = -1;
  for (int32_t v = 0; v < s->n; v++) {
    int32_t key = s->vertex_actor[v];
    int src = *vkey_slot(&d->lnode, key);
    const char *name = cn_arena_printf(A, "%s%s", cn_snapshot_vertex_name(s, v)->str, suffix);
    int cl = vcl[v] >= 0 ? fig_cluster[vcl[v]] : -1;
    int node = cn_fig_add_node(f, name, cl);
    p->node_src[node] = src;
    present[src] = node;
    style_vertex(d, f, node, key, mark[v], 0, vertex_id(d, key, prefix));
    if (s->vertex_actor[v] < 0)
      d->group_used = 1;
    else {
      int kind = c->actors.items[s->vertex_actor[v]].kind;
      d->kind_used[kind >= 0 ? kind : (int)c->kinds.n] = 1;
    }
    if (mark[v] == 2)
      d->key_used = 1;
    else if (mark[v] == 1)
      d->broker_used = 1;
  }
  /* absent vertices, greyed */
  if (stage_mode && d->o->absent != ABSENT_HIDE) {
    for (int i = 0; i < nl; i++) {
      if (present[i] >= 0)
        continue;
      const cn_fig_node *ln = &d->layout.nodes.items[i];
      const char *name = cn_arena_printf(A, "%s%s", ln->name, suffix);
      int node = cn_fig_add_node(f, name, -1);
      p->node_src[node] = i;
      present[i] = node;
      style_vertex(d, f, node, d->lkeys[i], 0, 1,
                   vertex_id(d, d->lkeys[i], prefix));
      d->absent_used = 1;
    }
  }
  /* ties */
  for (int64_t k = 0; k < s->nties; k++) {
    const cn_tie *t = &c->ties.items[s->ties[k]];
    int ltail = *vkey_slot(&d->lnode, vkey(s, t->from));
    int lhead = *vkey_slot(&d->lnode, vkey(s, t->to));
    int l = t->layer >= 0 ? t->layer : (int)c->layers.n;
    int tail = present[ltail], head = present[lhead];
    int e = find_edge(f, tail, head, d->st.lkey[l]);
    if (e < 0) {
      e = cn_fig_add_edge(f, tail, head, d->st.lkey[l]);
      p->edge_src[e] = find_edge(&d->layout, ltail, lhead, d->st.lkey[l]);
      const char *id = cn_arena_printf(
          A, "e_%s_%s_%s", cn_fig_get(&f->nodes.items[tail].attrs, "id"),
          cn_fig_get(&f->nodes.items[head].attrs, "id") + strlen(prefix),
          t->layer >= 0 ? cn_arena_printf(A, "l%d", t->layer) : "tie");
      style_edge(d, f, e, t->layer, t->directed, 0, id);
      d->layer_used[l] = 1;
    } else if (t->directed) {
      cn_fig_set(f, &f->edges.items[e].attrs, "dir", "forward");
    }
  }
  if (stage_mode && d->o->absent == ABSENT_TIES) {
    for (int i = 0; i < ne; i++) {
      const cn_fig_edge *le = &d->layout.edges.items[i];
      int tail = present[le->tail], head = present[le->head];
      if (find_edge(f, tail, head, le->key) >= 0)
        continue;
      int e = cn_fig_add_edge(f, tail, head, le->key);
      p->edge_src[e] = i;
      int layer = -1;
      for (size_t L = 0; L < c->layers.n; L++)
        if (strcmp(d->st.lkey[L], le->key) == 0)
          layer = (int)L;
      const char *id = cn_arena_printf(
          A, "e_%s_%s_%s", cn_fig_get(&f->nodes.items[tail].attrs, "id"),
          cn_fig_get(&f->nodes.items[head].attrs, "id") + strlen(prefix),
          layer >= 0 ? cn_arena_printf(A, "l%d", layer) : "tie");
      const char *dir = cn_fig_get(&le->attrs, "dir");
      style_edge(d, f, e, layer, !(dir && strcmp(dir, "none") == 0), 1, id);
    }
  }
}

/* ---- the child's job ---- */

static int draw_job(void *ud, cn_render_sink *sink) {
  drawing *d = ud;
  cn_fig_geom g;
  memset(&g, 0, sizeof g);
  if (cn_gv_layout(&d->layout, d->engine, &g) != 0) {
    cn_render_fail(sink, "the %s layout failed", d->engine);
    return -1;
  }
  for (int i = 0; i < d->npaths; i++) {
    cn_fig out;
    if (d->combined)
      cn_draw_compose(d, &g, 0, d->npanels, &out);
    else
      cn_draw_compose(d, &g, i, 1, &out);
    char *data;
    size_t len;
    if (cn_gv_render(&out, "nop2", d->format, &data, &len) != 0) {
      cn_render_fail(sink, "Graphviz could not write %s", d->format);
      free(data);
      return -1;
    }
    cn_render_put(sink, i, data, len);
    free(data);
  }
  return 0;
}

/* ---- the natives ---- */

static const char *span_text(cn_arena *A, cn_span s) {
  if (isinf(s.from) && isinf(s.to))
    return "";
  const char *a = num_label(A, s.from), *b = num_label(A, s.to);
  if (s.from == s.to)
    return a;
  if (isinf(s.from))
    return cn_arena_printf(A, "–%s", b);
  if (isinf(s.to))
    return cn_arena_printf(A, "%s–", a);
  return cn_arena_printf(A, "%s–%s", a, b);
}

static const char *stage_line(cn_arena *A, const cn_stage *st) {
  const char *span = span_text(A, st->span);
  if (st->state_from && st->state_to)
    return cn_arena_printf(A, "%s%s%s → %s", span, *span ? " · " : "",
                           st->state_from->str, st->state_to->str);
  return span;
}

static const char *default_title(drawing *d, const cn_selection *sel,
                                 int stage_mode) {
  const cn_case *c = d->E->c;
  cn_arena *A = d->E->arena;
  if (d->o->title)
    return *d->o->title ? cn_arena_printf(A, "<B>%s</B>",
                                          cn_fig_html_text(A, d->o->title))
                        : NULL;
  const char *head = c->title ? c->title->str : NULL;
  const char *sub = NULL;
  if (!stage_mode && sel->stage >= 0) {
    const cn_stage *st = &c->stages.items[sel->stage];
    const char *line = stage_line(A, st);
    sub = cn_arena_printf(A, "%s%s%s", st->label ? st->label->str : st->name->str,
                          *line ? "  " : "", line);
  } else if (!stage_mode) {
    char buf[256];
    cn_selection_describe(c, sel, buf, sizeof buf);
    if (strcmp(buf, "the whole case") != 0)
      sub = cn_arena_strdup(A, buf);
  }
  if (!head && !sub)
    return NULL;
  if (!head)
    return cn_arena_printf(A, "<B>%s</B>", cn_fig_html_text(A, sub));
  if (!sub)
    return cn_arena_printf(A, "<B>%s</B>", cn_fig_html_text(A, head));
  return cn_arena_printf(A, "<B>%s</B><BR/><FONT POINT-SIZE=\"12\">%s</FONT>",
                         cn_fig_html_text(A, head), cn_fig_html_text(A, sub));
}

static const char *default_engine(drawing *d, int nvertices) {
  if (d->o->layout)
    return d->o->layout;
  /* neato (with vpsc overlap removal): deterministic, compact, and nothing
   * in it suggests an order; dot when clusters must stay together; beyond
   * a few hundred actors only sfdp is quick */
  if (nvertices > 300)
    return "sfdp";
  return d->o->cluster != CL_NONE ? "dot" : "neato";
}

/* Call a copy of `call` with stage=S added (so the stage's own default
 * selection arguments apply) and return its snapshot. */
static cn_snapshot *stage_snapshot(cn_eval *E, cn_call *call, int32_t stage) {
  cn_call c2 = *call;
  int n = call->nnamed;
  cn_name **names = cn_arena_alloc(E->arena, sizeof(cn_name *) * (size_t)(n + 1));
  cn_value *named = cn_arena_alloc(E->arena, sizeof(cn_value) * (size_t)(n + 1));
  cn_loc *locs = cn_arena_alloc(E->arena, sizeof(cn_loc) * (size_t)(n + 1));
  unsigned char *used = cn_arena_alloc(E->arena, (size_t)n + 1);
  if (n) {
    memcpy(names, call->names, sizeof(cn_name *) * (size_t)n);
    memcpy(named, call->named, sizeof(cn_value) * (size_t)n);
    memcpy(locs, call->named_loc, sizeof(cn_loc) * (size_t)n);
    memcpy(used, call->used, (size_t)n);
  }
  names[n] = cn_intern_cstr(&E->c->names, "stage");
  named[n] = cn_named(CN_V_STAGE, E->c->stages.items[stage].name);
  locs[n] = call->node->loc;
  used[n] = 0;
  c2.names = names;
  c2.named = named;
  c2.named_loc = locs;
  c2.used = used;
  c2.nnamed = n + 1;
  cn_snapshot *s = cn_snapshot_of_call(E, &c2);
  memcpy(call->used, used, (size_t)n);
  return s;
}

/* Collect the texts the font must cover. */
static void add_texts(cn_eval *E, const cn_fig *f, const char ***texts,
                      size_t *n, size_t *cap) {
  for (int pass = 0; pass < 3; pass++) {
    int count = pass == 0 ? f->nodes.n : pass == 1 ? f->clusters.n : 1;
    for (int i = 0; i < count; i++) {
      const cn_fig_attrs *at = pass == 0   ? &f->nodes.items[i].attrs
                               : pass == 1 ? &f->clusters.items[i].attrs
                                           : &f->graph;
      const char *l = cn_fig_get(at, "label");
      if (!l)
        continue;
      if (*n + 1 >= *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        const char **t = cn_arena_alloc(E->arena, sizeof(char *) * nc);
        if (*n)
          memcpy(t, *texts, sizeof(char *) * *n);
        *texts = t;
        *cap = nc;
      }
      (*texts)[(*n)++] = l;
    }
  }
}

static void check_font(drawing *d) {
  cn_eval *E = d->E;
  const char **texts = NULL;
  size_t n = 0, cap = 0;
  add_texts(E, &d->layout, &texts, &n, &cap);
  for (int p = 0; p < d->npanels; p++)
    add_texts(E, &d->panels[p].fig, &texts, &n, &cap);
  const char *more[16];
  size_t m = 0;
  const cn_case *c = E->c;
  more[m++] = d->title_html;
  more[m++] = d->w->ties;
  more[m++] = d->w->actors;
  more[m++] = d->w->group;
  more[m++] = d->w->broker;
  more[m++] = d->w->key;
  more[m++] = d->w->absent;
  const char **all = cn_arena_alloc(E->arena, sizeof(char *) *
                                    (n + m + c->layers.n + c->kinds.n + (size_t)d->npanels + 4));
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    all[k++] = texts[i];
  for (size_t i = 0; i < m; i++)
    all[k++] = more[i];
  for (size_t i = 0; i <= c->layers.n; i++)
    all[k++] = d->st.llabel[i];
  for (size_t i = 0; i <= c->kinds.n; i++)
    all[k++] = d->st.klabel[i];
  for (int p = 0; p < d->npanels; p++)
    all[k++] = d->panels[p].caption;
  char *hint = NULL;
  char *problem = cn_render_font_problem(d->o->font, all, k, &hint);
  if (problem) {
    char *msg = cn_arena_strdup(E->arena, problem);
    char *h = hint ? cn_arena_strdup(E->arena, hint) : NULL;
    free(problem);
    free(hint);
    cn_eval_fail(E, d->o->loc, h, "%s", msg);
  }
}

/* Build the drawing of a call: its panels and the layout figure. */
static void prepare(cn_eval *E, cn_call *call, ropts *o, drawing *d) {
  memset(d, 0, sizeof *d);
  d->E = E;
  d->o = o;
  make_styles(E, &d->st);
  d->w = d->st.cjk ? &words_zh : &words_en;
  const cn_case *c = E->c;
  d->layer_used = cn_arena_alloc(E->arena, c->layers.n + 1);
  d->kind_used = cn_arena_alloc(E->arena, c->kinds.n + 1);
  vkey_init(E, &d->lnode);
  int stage_mode = o->nstages > 0;
  d->npanels = stage_mode ? o->nstages : 1;
  d->panels = cn_arena_alloc(E->arena, sizeof(panel) * (size_t)d->npanels);
  cn_fig_init(&d->layout, E->arena, c->title ? c->title->str : "cnet");
  cn_draw_defaults(d, &d->layout);
  if (stage_mode) {
    for (int i = 0; i < call->nnamed; i++)
      if (!call->used[i] && (strcmp(call->names[i]->str, "stage") == 0 ||
                             strcmp(call->names[i]->str, "at") == 0 ||
                             strcmp(call->names[i]->str, "span") == 0))
        cn_eval_fail(E, &call->named_loc[i],
                     "stages= draws one panel per stage: leave out stage=, at= "
                     "and span=",
                     "'%s' cannot be combined with stages=",
                     call->names[i]->str);
    cn_value first = call->npos > 0 ? call->pos[0] : cn_nil();
    for (int p = 0; p < d->npanels; p++) {
      cn_call c2 = *call;
      if (first.t == CN_V_NET) {
        c2.pos = cn_arena_alloc(E->arena, sizeof(cn_value) * (size_t)call->npos);
        memcpy(c2.pos, call->pos, sizeof(cn_value) * (size_t)call->npos);
      }
      d->panels[p].s = stage_snapshot(E, &c2, o->stages[p]);
      d->panels[p].stage = o->stages[p];
      const cn_stage *st = &c->stages.items[o->stages[p]];
      const char *line = stage_line(E->arena, st);
      char letter[8];
      snprintf(letter, sizeof letter, "(%c) ", p < 26 ? 'a' + p : '*');
      d->panels[p].caption = cn_arena_printf(
          E->arena, "<B>%s%s</B>%s%s", letter,
          cn_fig_html_text(E->arena, st->label ? st->label->str : st->name->str),
          *line ? "<BR/>" : "", cn_fig_html_text(E->arena, line));
    }
    if (first.t == CN_V_NET) {
      call->pos++;
      call->pos_loc++;
      call->npos--;
    }
  } else {
    d->panels[0].s = cn_snapshot_of_call(E, call);
    d->panels[0].stage = d->panels[0].s->sel.stage;
  }
  cn_arg_count(E, call);
  /* the union of the panels is what gets laid out */
  cn_arg_done(E, call);
  for (int p = 0; p < d->npanels; p++) {
    d->panels[p].mark = highlights(d, d->panels[p].s);
    add_to_layout(d, d->panels[p].s, d->panels[p].mark);
  }
  d->lkeys = cn_arena_alloc(E->arena, sizeof(int32_t) * (size_t)(d->layout.nodes.n + 1));
  for (size_t a = 0; a < c->actors.n; a++)
    if (d->lnode.actor[a] >= 0)
      d->lkeys[d->lnode.actor[a]] = (int32_t)a;
  for (size_t g = 0; g < c->groups.n; g++)
    if (d->lnode.group[g] >= 0)
      d->lkeys[d->lnode.group[g]] = -1 - (int32_t)g;
  if (d->layout.nodes.n == 0)
    cn_eval_fail(E, o->loc, "check the selection: ties(…) lists what it holds",
                 "nothing to draw: the selection has no actors");
  d->engine = default_engine(d, d->layout.nodes.n);
  d->own_splines = strcmp(d->engine, "dot") != 0;
  engine_attrs(d, &d->layout, d->engine);
  for (int p = 0; p < d->npanels; p++)
    build_panel(d, &d->panels[p], p, stage_mode);
  d->title_html = default_title(d, &d->panels[0].s->sel, stage_mode);
  if (o->cluster != CL_NONE && d->engine && strcmp(d->engine, "neato") != 0 &&
      strcmp(d->engine, "dot") != 0 && strcmp(d->engine, "fdp") != 0)
    cn_diag_warning(E->diag, o->loc,
                    "layout=%s does not keep clusters together (dot and fdp do)",
                    d->engine);
  else if (o->cluster != CL_NONE && strcmp(d->engine, "neato") == 0)
    cn_diag_warning(E->diag, o->loc,
                    "layout=neato draws each cluster's box around wherever its "
                    "members land; dot and fdp keep them together");
}

/* dot(sel, …): the DOT text of the network, before layout. */
static cn_value f_dot(cn_eval *E, cn_call *call) {
  ropts o;
  parse_options(E, call, &o, 0);
  drawing d;
  prepare(E, call, &o, &d);
  /* the figure as drawn: the panel's nodes and ties, with the title */
  cn_fig out;
  cn_fig_init(&out, E->arena, d.layout.name);
  cn_draw_defaults(&d, &out);
  cn_fig_copy_attrs(&out, &out.graph, &d.layout.graph);
  if (d.title_html) {
    cn_fig_set_html(&out, &out.graph, "label", d.title_html);
    cn_fig_set(&out, &out.graph, "labelloc", "t");
    cn_fig_set(&out, &out.graph, "fontsize", "15");
  }
  const cn_fig *f = &d.panels[0].fig;
  for (int i = 0; i < f->clusters.n; i++) {
    int k = cn_fig_add_cluster(&out, f->clusters.items[i].name);
    cn_fig_copy_attrs(&out, &out.clusters.items[k].attrs, &f->clusters.items[i].attrs);
  }
  for (int i = 0; i < f->nodes.n; i++) {
    int k = cn_fig_add_node(&out, f->nodes.items[i].name, f->nodes.items[i].cluster);
    cn_fig_copy_attrs(&out, &out.nodes.items[k].attrs, &f->nodes.items[i].attrs);
  }
  for (int i = 0; i < f->edges.n; i++) {
    int k = cn_fig_add_edge(&out, f->edges.items[i].tail, f->edges.items[i].head,
                            f->edges.items[i].key);
    cn_fig_copy_attrs(&out, &out.edges.items[k].attrs, &f->edges.items[i].attrs);
  }
  char why[256];
  char *text = cn_render_dot_text(&out, why, sizeof why);
  if (!text)
    cn_eval_error(E, &call->node->loc, "dot(): %s", why);
  char *s = cn_arena_strdup(E->arena, text);
  free(text);
  return cn_str(s);
}

static void report_messages(cn_eval *E, const cn_loc *loc,
                            const cn_render_result *r) {
  for (int i = 0; i < r->nwarnings; i++) {
    int dup = 0;
    for (int j = 0; j < i; j++)
      dup |= strcmp(r->warnings[i], r->warnings[j]) == 0;
    if (!dup)
      cn_diag_warning(E->diag, loc, "Graphviz: %s", r->warnings[i]);
  }
}

static void fail_render(cn_eval *E, const cn_loc *loc, cn_render_result *r) {
  report_messages(E, loc, r);
  char *msg;
  if (r->status > 0)
    msg = cn_arena_printf(E->arena, "the renderer crashed (signal %d%s%s)",
                          r->status, r->status == 6 ? ": " : "",
                          r->status == 6 ? "Aborted" : "");
  else if (r->nerrors)
    msg = cn_arena_printf(E->arena, "Graphviz: %s", r->errors[0]);
  else
    msg = cn_arena_strdup(E->arena, r->failure ? r->failure : "the render failed");
  char *hint = NULL;
  if (r->status > 0)
    hint = cn_arena_printf(
        E->arena, "Graphviz failed inside its layout; the session goes on and "
                  "no file was written%s%s",
        r->stderr_text ? ". It said: " : "",
        r->stderr_text ? r->stderr_text : "");
  else if (r->nerrors > 1)
    hint = cn_arena_printf(E->arena, "Graphviz also said: %s", r->errors[1]);
  cn_render_result_free(r);
  cn_eval_fail(E, loc, hint, "%s", msg);
}

/* render(sel, to="f.ext", …): write the figure. */
static cn_value f_render(cn_eval *E, cn_call *call) {
  ropts o;
  parse_options(E, call, &o, 1);
  if (!o.to)
    cn_eval_fail(E, &call->node->loc, "write render(…, to=\"figure.pdf\")",
                 "render() needs to=\"FILE\" (.svg, .png, .pdf or .dot)");
  o.format = ext_format(o.to);
  if (!o.format)
    cn_eval_fail(E, o.to_loc, "the format comes from the extension",
                 "cannot tell the format of '%s': use .svg, .png, .pdf or .dot",
                 o.to);
  const char *per_stage = strstr(o.to, "%s");
  if (per_stage && !o.nstages)
    cn_eval_fail(E, o.to_loc, "write render(stages=all, to=\"fig-%s.svg\")",
                 "'%%s' in to= stands for the stage: it needs stages=");
  if (per_stage && strstr(per_stage + 2, "%s"))
    cn_eval_error(E, o.to_loc, "to= may hold '%%s' only once");
  drawing d;
  prepare(E, call, &o, &d);
  d.format = o.format;
  const char *problem = cn_render_format_problem(o.format);
  if (problem)
    cn_eval_fail(E, o.to_loc, problem, "this Graphviz cannot write %s files",
                 o.format);
  problem = cn_render_layout_problem(d.engine);
  if (problem)
    cn_eval_error(E, o.layout_loc ? o.layout_loc : o.loc, "layout %s: %s",
                  d.engine, problem);
  check_font(&d);
  if (per_stage) {
    d.npaths = d.npanels;
    d.paths = cn_arena_alloc(E->arena, sizeof(char *) * (size_t)d.npaths);
    for (int p = 0; p < d.npanels; p++) {
      const char *name = E->c->stages.items[d.panels[p].stage].name->str;
      d.paths[p] = cn_arena_printf(E->arena, "%.*s%s%s",
                                   (int)(per_stage - o.to), o.to, name,
                                   per_stage + 2);
    }
  } else {
    d.combined = 1;
    d.npaths = 1;
    d.paths = cn_arena_alloc(E->arena, sizeof(char *));
    d.paths[0] = o.to;
  }
  cn_render_result r;
  cn_render_isolated(draw_job, &d, &r);
  if (r.status != 0 || r.nerrors || r.nitems != d.npaths)
    fail_render(E, o.loc, &r);
  report_messages(E, o.loc, &r);
  /* one figure per stage: all are complete before any takes its name */
  cn_out *out = cn_out_new();
  char why[512];
  int rc = 0;
  for (int i = 0; i < r.nitems && rc == 0; i++) {
    int tag = r.items[i].tag;
    if (tag < 0 || tag >= d.npaths)
      continue;
    const cn_out_file *f = cn_out_add(out, d.paths[tag], 0, &rc, why, sizeof why);
    if (f)
      fwrite(r.items[i].data, 1, r.items[i].len, f->f);
  }
  if (rc == 0)
    rc = cn_out_commit(out, why, sizeof why);
  else
    cn_out_abort(out);
  cn_render_result_free(&r);
  if (rc == CN_OUT_REFUSED)
    cn_eval_fail(E, o.to_loc,
                 "dot(…) gives the same figure as text without writing", "%s",
                 why);
  if (rc != 0)
    cn_eval_error(E, o.to_loc, "%s", why);
  return cn_nil();
}

/* render_formats(): which formats this Graphviz can write, and why not. */
static cn_value f_render_formats(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call);
  size_t n;
  const cn_render_format *fm = cn_render_formats(&n);
  cn_name *keys[3] = {cn_intern_cstr(&E->c->names, "format"),
                      cn_intern_cstr(&E->c->names, "works"),
                      cn_intern_cstr(&E->c->names, "why_not")};
  cn_value t = cn_list_new(E->arena, (int64_t)n);
  for (size_t i = 0; i < n; i++) {
    cn_value r = cn_record_new(E->arena, 3);
    memcpy(r.u.rec->keys, keys, sizeof keys);
    r.u.rec->vals[0] = cn_str(fm[i].name);
    r.u.rec->vals[1] = cn_bool(fm[i].problem == NULL);
    r.u.rec->vals[2] = cn_str(fm[i].problem ? fm[i].problem : "");
    t.u.list->items[i] = r;
  }
  return t;
}

/* The expression `cnet FILE --render OUT [--stage S]` evaluates (owned
 * here until exit). */
static char *cli_expr;
static void free_cli_expr(void) { free(cli_expr); }
const char *cn_render_cli_expr(const char *to, const char *stage);
const char *cn_render_cli_expr(const char *to, const char *stage) {
  size_t n = strlen(to), k = 0;
  char *q = malloc(2 * n + 1);
  if (!q)
    return NULL;
  for (size_t i = 0; i < n; i++) {
    if (to[i] == '"' || to[i] == '\\')
      q[k++] = '\\';
    q[k++] = to[i];
  }
  q[k] = '\0';
  char *out;
  size_t len = 0;
  FILE *m = open_memstream(&out, &len);
  if (!m) {
    free(q);
    return NULL;
  }
  fprintf(m, "render(to=\"%s\"", q);
  if (stage && strcmp(stage, "all") == 0)
    fprintf(m, ", stages=all");
  else if (stage) {
    fputs(", stage=\"", m);
    for (const char *s = stage; *s; s++) {
      if (*s == '"' || *s == '\\')
        fputc('\\', m);
      fputc(*s, m);
    }
    fputc('"', m);
  }
  fputs(")", m);
  fclose(m);
  free(q);
  if (!cli_expr)
    atexit(free_cli_expr);
  free(cli_expr);
  cli_expr = out;
  return out;
}

/* The arguments dot() and render() share. */
#define FIGURE_ARGS(font_def)                                               \
  CN_KEY("highlight", CN_A_ACTORS, NULL, "brokers|[actors]"),               \
      CN_KEY("cluster", CN_A_ANY, NULL, "ATTR|GROUP"),                      \
      CN_KEY("labels", CN_A_BOOL, "true", NULL),                            \
      CN_KEY("title", CN_A_TEXT, NULL, NULL),                               \
      CN_KEY("font", CN_A_TEXT, font_def, NULL)

const cn_native cn_natives_render[] = {
    {"dot", CN_ARGS(CN_KEY("layout", CN_A_WORD, NULL, NULL), FIGURE_ARGS(NULL)),
     1,
     "the DOT text of a network as cnet builds it for Graphviz, before layout "
     "(styles by kind and layer, ids and classes per actor and tie)",
     f_dot},
    {"render",
     CN_ARGS(CN_KEY("to", CN_A_FILE, NULL, "\"f.svg|png|pdf|dot\""),
             CN_KEY("layout", CN_A_WORD, "dot", "neato|fdp|sfdp|circo"),
             FIGURE_ARGS("\"Noto Sans CJK SC\""),
             CN_KEY("stages", CN_A_ANY, "all", "[S…]"),
             CN_KEY("absent", CN_A_WORD, "grey", "ties|hide"),
             CN_KEY("legend", CN_A_BOOL, "true", NULL),
             CN_KEY("dpi", CN_A_NUMBER, "300", NULL)),
     1,
     "write a figure of a network; stages= draws one panel per stage with "
     "every actor in the same place (to=\"fig-%s.svg\": one file per stage)",
     f_render},
    {"render_formats", NULL, 0,
     "the figure formats this Graphviz can write, and why a missing one is "
     "missing",
     f_render_formats},
};
const size_t cn_natives_render_n =
    sizeof cn_natives_render / sizeof *cn_natives_render;
