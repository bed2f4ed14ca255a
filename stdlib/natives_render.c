/* natives_render.c — figures: dot(), render() and render_formats(), and the
 * `--render` command-line shortcut.  Turns snapshots into figure models
 * (render.h) styled by kind and layer, checks the font, and composes the
 * final drawing (network at fixed positions, legend, title, panel
 * captions) inside the renderer's child process. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "render.h"
#include "snapshot.h"
#include "utf8.h"

#define DEFAULT_FONT "Noto Sans CJK SC"

/* ---- options ---- */

enum { CL_NONE, CL_ATTR, CL_GROUPS };
/* actors (and ties) absent from a stage, in its panel: faint actors
 * without their ties (the default), faint actors with grey ties, or none */
enum { ABSENT_GREY, ABSENT_TIES, ABSENT_HIDE };

typedef struct ropts {
  const cn_ast *node;        /* the call */
  const cn_loc *loc;
  int is_render;
  const char *to;
  const cn_loc *to_loc;
  const char *format;        /* from the extension */
  const char *layout;        /* NULL: chosen by size */
  const cn_loc *layout_loc;
  int hl_brokers;            /* highlight=brokers */
  const cn_value *hl_list;   /* highlight=[actors] */
  const cn_loc *hl_loc;
  int cluster;               /* CL_… */
  cn_name *cluster_key;
  int32_t *cluster_groups;
  int ncluster_groups;
  int labels;
  const char *title;         /* NULL: the default title */
  const char *font;
  int32_t *stages;           /* stages=…: one panel each */
  int nstages;
  int absent;                /* ABSENT_… */
  int legend;
  double dpi;
} ropts;

static const char *const render_keys[] = {
    "to", "layout", "highlight", "cluster", "labels", "title", "font",
    "stages", "absent", "legend", "dpi", NULL};
static const char *const dot_keys[] = {"layout",  "highlight", "cluster",
                                       "labels",  "title",     "font", NULL};
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

/* Attribute of a declaration as text, or NULL. */
static const char *attr_text(cn_eval *E, const cn_attrs *at, const char *key) {
  const cn_attr *a = cn_attrs_get(at, key);
  if (!a)
    return NULL;
  const cn_ast *v = a->value;
  switch (v->kind) {
  case CN_AST_STR: return v->u.str->str;
  case CN_AST_NAME: return v->u.name->str;
  case CN_AST_NUM: return cn_arena_printf(E->arena, "%g", v->u.num);
  case CN_AST_UNOP:
    if (v->u.binop.lhs && v->u.binop.lhs->kind == CN_AST_NUM)
      return cn_arena_printf(E->arena, "%g", -v->u.binop.lhs->u.num);
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

typedef struct styles {
  /* per layer; index nlayers is the implicit layer of a case without any */
  const char **lcolor, **lstyle, **lwidth, **llabel, **lkey;
  /* per kind; index nkinds is "no kind" */
  const char **kshape, **kstyle, **kcolor, **kfill, **klabel;
  int cjk; /* the case writes Chinese (legend words follow) */
} styles;

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

/* Words of the legend and captions, in the case's language. */
typedef struct words {
  const char *ties, *actors, *group, *broker, *key, *absent;
} words;
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

typedef struct vkey_map { /* vertex key -> figure node */
  int32_t *actor, *group;
} vkey_map;

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

/* One drawn network (a stage panel, or the whole figure). */
typedef struct panel {
  cn_snapshot *s;
  int stage;        /* -1: not a stage panel */
  cn_fig fig;       /* its nodes and edges */
  int *node_src;    /* node -> node of the layout figure */
  int *edge_src;    /* edge -> edge of the layout figure */
  const char *caption; /* HTML, or NULL */
  unsigned char *mark; /* per vertex: 1 broker or listed, 2 key actor */
} panel;

typedef struct drawing {
  cn_eval *E;
  ropts *o;
  styles st;
  const words *w;
  cn_fig layout;       /* what is laid out: the union of the panels */
  vkey_map lnode;      /* vertex key -> layout node */
  /* cluster= in the layout, so that members are laid out together */
  const char **lvalues;
  int nlvalues;
  int *lcluster;       /* cluster index (value or group) -> layout cluster */
  int nlcluster;
  int32_t *lkeys;      /* layout node -> vertex key */
  panel *panels;
  int npanels;
  const char *engine;
  int own_splines;     /* draw ties ourselves (not dot) */
  const char *title_html; /* or NULL */
  /* what the legend shows */
  unsigned char *layer_used, *kind_used;
  int group_used, broker_used, key_used, absent_used;
  /* outputs */
  int combined;        /* all panels in one file */
  const char **paths;  /* one per output */
  int npaths;
  const char *format;
} drawing;

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

static void fig_defaults(drawing *d, cn_fig *f) {
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

/* Actors absent from a stage: light enough to recede in colour and in
 * grayscale print, dark enough to be read when looked for. */
#define ABSENT_LINE "#cccccc"
#define ABSENT_TEXT "#a0a0a0"

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

/* ---- composing the final drawing (runs in the renderer's child) ---- */

enum { LEG_LINE, LEG_SHAPE, LEG_HEAD };

static void legend_add_text(cn_fig *out, const char *name, const char *text,
                            double x, double y, double size,
                            const char *colour) {
  cn_arena *A = out->arena;
  double w = cn_fig_text_width(text, size) + 4;
  int n = cn_fig_add_node(out, name, -1);
  cn_fig_attrs *at = &out->nodes.items[n].attrs;
  cn_fig_set(out, at, "id", name);
  cn_fig_set(out, at, "class", "legend");
  cn_fig_set(out, at, "shape", "plaintext");
  cn_fig_set(out, at, "style", "solid");
  cn_fig_set(out, at, "label", cn_arena_printf(A, "%s\\l", cn_fig_plain_label(A, text)));
  cn_fig_setf(out, at, "fontsize", "%g", size);
  if (colour)
    cn_fig_set(out, at, "fontcolor", colour);
  cn_fig_setf(out, at, "width", "%.3f", w / 72);
  cn_fig_setf(out, at, "height", "%.3f", size * 1.45 / 72); /* CJK line */
  cn_fig_set(out, at, "fixedsize", "true");
  cn_fig_set(out, at, "margin", "0");
  cn_fig_setf(out, at, "pos", "%.2f,%.2f", x + w / 2, y);
}

/* Legend metrics, in points: heading and entry font sizes, row height,
 * where an entry's text starts. */
#define LEG_HEAD_SIZE 11.0
#define LEG_SIZE 10.0
#define LEG_ROW 21.0
#define LEG_TEXT_X 44.0

static double legend_width(drawing *d) {
  const cn_case *c = d->E->c;
  double w = cn_fig_text_width(d->w->ties, LEG_HEAD_SIZE);
  w = fmax(w, cn_fig_text_width(d->w->actors, LEG_HEAD_SIZE));
  for (size_t l = 0; l <= c->layers.n; l++)
    if (d->layer_used[l])
      w = fmax(w, LEG_TEXT_X + cn_fig_text_width(d->st.llabel[l], LEG_SIZE));
  for (size_t k = 0; k <= c->kinds.n; k++)
    if (d->kind_used[k])
      w = fmax(w, LEG_TEXT_X + cn_fig_text_width(d->st.klabel[k], LEG_SIZE));
  const char *extra[] = {d->w->group, d->w->broker, d->w->key, d->w->absent};
  int used[] = {d->group_used, d->broker_used || d->key_used, d->key_used,
                d->absent_used};
  for (int i = 0; i < 4; i++)
    if (used[i])
      w = fmax(w, LEG_TEXT_X + cn_fig_text_width(extra[i], LEG_SIZE));
  return w + 4;
}

/* The legend as nodes and sample edges at fixed positions, without a
 * frame (a node around other nodes would stop Graphviz routing ties
 * around the actors): its top-left corner at (x0, top).  Returns its
 * height. */
static double compose_legend(drawing *d, cn_fig *out, double x0, double top) {
  const cn_case *c = d->E->c;
  cn_arena *A = out->arena;
  double row = LEG_ROW, y = top - row / 2;
  double xl = x0;
  int heads = 0;
  /* ties */
  int any_layer = 0;
  for (size_t l = 0; l <= c->layers.n; l++)
    any_layer |= d->layer_used[l];
  if (any_layer) {
    legend_add_text(out, "legend_ties", d->w->ties, xl, y, LEG_HEAD_SIZE,
                    "#333333");
    y -= row;
    heads++;
  }
  for (size_t l = 0; l <= c->layers.n; l++) {
    if (!d->layer_used[l])
      continue;
    int a = cn_fig_add_node(out, cn_arena_printf(A, "legend_l%zu_a", l), -1);
    int b = cn_fig_add_node(out, cn_arena_printf(A, "legend_l%zu_b", l), -1);
    for (int k = 0; k < 2; k++) {
      cn_fig_attrs *at = &out->nodes.items[k ? b : a].attrs;
      cn_fig_set(out, at, "shape", "point");
      cn_fig_set(out, at, "style", "invis");
      cn_fig_set(out, at, "width", "0.02");
      cn_fig_set(out, at, "label", "");
      cn_fig_setf(out, at, "pos", "%.2f,%.2f", xl + (k ? 34 : 0), y);
    }
    int e = cn_fig_add_edge(out, a, b, d->st.lkey[l]);
    cn_fig_attrs *at = &out->edges.items[e].attrs;
    cn_fig_set(out, at, "id", cn_arena_printf(A, "legend_l%zu", l));
    cn_fig_set(out, at, "class", "legend");
    cn_fig_set(out, at, "color", d->st.lcolor[l]);
    cn_fig_set(out, at, "style", d->st.lstyle[l]);
    cn_fig_set(out, at, "penwidth", d->st.lwidth[l]);
    cn_fig_set(out, at, "dir", "none");
    cn_fig_setf(out, at, "pos", "%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f", xl,
                y, xl + 11, y, xl + 23, y, xl + 34, y);
    legend_add_text(out, cn_arena_printf(A, "legend_l%zu_text", l),
                    d->st.llabel[l], xl + LEG_TEXT_X, y, LEG_SIZE, NULL);
    y -= row;
  }
  /* actors */
  int any_kind = d->group_used || d->broker_used || d->key_used || d->absent_used;
  for (size_t k = 0; k <= c->kinds.n; k++)
    any_kind |= d->kind_used[k];
  if (any_kind) {
    if (heads)
      y -= 6;
    legend_add_text(out, "legend_actors", d->w->actors, xl, y, LEG_HEAD_SIZE,
                    "#333333");
    y -= row + 4;
    heads++;
  }
  for (size_t k = 0; k <= c->kinds.n + 4; k++) {
    const char *text, *shape = "ellipse", *style = "filled", *color = NULL,
                      *fill = "white", *pen = NULL, *fontcolor = NULL;
    if (k < c->kinds.n || k == c->kinds.n) {
      if (!d->kind_used[k])
        continue;
      text = d->st.klabel[k];
      shape = d->st.kshape[k];
      if (d->st.kstyle[k])
        style = cn_arena_printf(A, "filled,%s", d->st.kstyle[k]);
      color = d->st.kcolor[k];
      if (d->st.kfill[k])
        fill = d->st.kfill[k];
    } else if (k == c->kinds.n + 1) {
      if (!d->group_used)
        continue;
      text = d->w->group;
      shape = "box3d";
    } else if (k == c->kinds.n + 2) {
      if (!d->broker_used && !d->key_used)
        continue;
      text = d->w->broker;
      pen = "2.2";
    } else if (k == c->kinds.n + 3) {
      if (!d->key_used)
        continue;
      text = d->w->key;
      pen = "3.2";
      fill = "#dcdcdc";
    } else {
      if (!d->absent_used)
        continue;
      text = d->w->absent;
      color = ABSENT_LINE;
      pen = "0.7";
    }
    int n = cn_fig_add_node(out, cn_arena_printf(A, "legend_k%zu", k), -1);
    cn_fig_attrs *at = &out->nodes.items[n].attrs;
    cn_fig_set(out, at, "id", cn_arena_printf(A, "legend_k%zu", k));
    cn_fig_set(out, at, "class", "legend");
    cn_fig_set(out, at, "label", "");
    cn_fig_set(out, at, "shape", shape);
    cn_fig_set(out, at, "style", style);
    cn_fig_set(out, at, "fillcolor", fill);
    if (color)
      cn_fig_set(out, at, "color", color);
    if (pen)
      cn_fig_set(out, at, "penwidth", pen);
    int round = strcmp(shape, "doublecircle") == 0 || strcmp(shape, "circle") == 0;
    cn_fig_set(out, at, "width", round ? "0.2" : "0.36");
    cn_fig_set(out, at, "height", "0.2");
    cn_fig_set(out, at, "fixedsize", "true");
    cn_fig_setf(out, at, "pos", "%.2f,%.2f", xl + 17, y);
    legend_add_text(out, cn_arena_printf(A, "legend_k%zu_text", k), text,
                    xl + LEG_TEXT_X, y, LEG_SIZE, fontcolor);
    y -= row + 4;
  }
  return top - (y + row / 2);
}

/* Where the line from a node's centre towards (tx, ty) leaves its shape:
 * the distance from the centre. */
static double boundary(const char *shape, double w, double h, double ux,
                       double uy) {
  int boxy = shape && (strcmp(shape, "box") == 0 || strcmp(shape, "rect") == 0 ||
                       strcmp(shape, "component") == 0 ||
                       strcmp(shape, "box3d") == 0 ||
                       strcmp(shape, "plaintext") == 0 ||
                       strcmp(shape, "house") == 0 ||
                       strcmp(shape, "hexagon") == 0);
  double a = w / 2, b = h / 2;
  if (boxy) {
    double tx = fabs(ux) > 1e-9 ? a / fabs(ux) : 1e9;
    double ty = fabs(uy) > 1e-9 ? b / fabs(uy) : 1e9;
    return fmin(tx, ty);
  }
  double q = (ux / a) * (ux / a) + (uy / b) * (uy / b);
  return q > 0 ? 1 / sqrt(q) : 0;
}

/* A tie drawn without Graphviz's router (which corrupts memory on
 * parallel edges in neato 2.42): a straight line, or for the k-th of m
 * ties between one pair a gentle curve, so that multiplex ties fan out. */
static const char *edge_geometry(cn_arena *A, double x1, double y1,
                                 const char *s1, double w1, double h1,
                                 double x2, double y2, const char *s2,
                                 double w2, double h2, int k, int m,
                                 int flip, int arrow) {
  double dx = x2 - x1, dy = y2 - y1, L = sqrt(dx * dx + dy * dy);
  if (L < 1e-6)
    return "";
  double nx = -dy / L, ny = dx / L;
  double off = (k - (m - 1) / 2.0) * 11.0 * (flip ? -1 : 1);
  double cx = (x1 + x2) / 2 + nx * off * 2, cy = (y1 + y2) / 2 + ny * off * 2;
  double ux = cx - x1, uy = cy - y1, ul = sqrt(ux * ux + uy * uy);
  ux /= ul;
  uy /= ul;
  double vx = cx - x2, vy = cy - y2, vl = sqrt(vx * vx + vy * vy);
  vx /= vl;
  vy /= vl;
  double t1 = boundary(s1, w1, h1, ux, uy), t2 = boundary(s2, w2, h2, vx, vy);
  double px = x1 + ux * t1, py = y1 + uy * t1;
  double ex = x2 + vx * t2, ey = y2 + vy * t2;
  double qx = ex, qy = ey;
  if (arrow) { /* the spline stops where the arrowhead begins */
    qx = ex + vx * 7;
    qy = ey + vy * 7;
  }
  double c1x = px + 2.0 / 3 * (cx - px), c1y = py + 2.0 / 3 * (cy - py);
  double c2x = qx + 2.0 / 3 * (cx - qx), c2y = qy + 2.0 / 3 * (cy - qy);
  if (arrow)
    return cn_arena_printf(A, "e,%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f",
                           ex, ey, px, py, c1x, c1y, c2x, c2y, qx, qy);
  return cn_arena_printf(A, "%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f", px, py,
                         c1x, c1y, c2x, c2y, qx, qy);
}

/* Panels in a grid: how many columns, so that the whole figure (legend
 * included) is closest to a landscape page's shape; the legend takes a
 * free cell of the grid when there is one and it fits, else the right. */
#define FIG_ASPECT 1.3  /* width / height aimed at */
#define PANEL_GAP 28.0  /* between panels, points */
#define ROW_GAP 14.0    /* between rows of panels, below the next captions */
#define CAPTION_H 40.0  /* the caption band above a panel */
#define LEGEND_GAP 24.0 /* between the drawing and a legend beside it */

typedef struct grid {
  int cols, rows;
  int legend_cell; /* the legend in the last cell of the grid */
} grid;

static grid choose_grid(int n, double W, double H, double lw, double lh,
                        int legend) {
  grid best = {n, 1, 0};
  double best_score = 1e300;
  for (int cols = 1; cols <= n; cols++) {
    int rows = (n + cols - 1) / cols;
    if (cols > 1 && (rows - 1) * cols >= n)
      continue; /* an empty row */
    double w = cols * W + (cols - 1) * PANEL_GAP;
    double h = rows * H + (rows - 1) * ROW_GAP;
    int cell = 0;
    if (legend) {
      if (rows * cols > n && lw <= W && lh <= H)
        cell = 1;
      else {
        w += LEGEND_GAP + lw;
        h = fmax(h, lh);
      }
    }
    double score = fabs(log(w / h / FIG_ASPECT));
    if (score < best_score - 1e-9) {
      best_score = score;
      best.cols = cols;
      best.rows = rows;
      best.legend_cell = cell;
    }
  }
  return best;
}

/* Do two actors of the layout come closer than Graphviz's router needs
 * (esep=+3 on each)?  It would then draw every tie straight, and say so;
 * cnet draws its own ties instead. */
static int layout_tight(const cn_fig_geom *g, int n) {
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      if (fabs(g->x[i] - g->x[j]) < (g->w[i] + g->w[j]) / 2 + 7 &&
          fabs(g->y[i] - g->y[j]) < (g->h[i] + g->h[j]) / 2 + 7)
        return 1;
  return 0;
}

/* An invisible point that stretches the drawing's bounding box. */
static void add_corner(cn_fig *out, const char *name, double x, double y) {
  int c = cn_fig_add_node(out, name, -1);
  cn_fig_attrs *at = &out->nodes.items[c].attrs;
  cn_fig_set(out, at, "style", "invis");
  cn_fig_set(out, at, "shape", "point");
  cn_fig_set(out, at, "width", "0.01");
  cn_fig_set(out, at, "label", "");
  cn_fig_setf(out, at, "pos", "%.2f,%.2f", x, y);
}

/* The final figure: panels [first, first+n) at the layout's positions, in
 * a grid, with captions, title and legend, for the "nop2" engine. */
static void compose(drawing *d, const cn_fig_geom *g, int first, int n,
                    cn_fig *out) {
  cn_arena *A = d->layout.arena;
  cn_fig_init(out, A, d->layout.name);
  fig_defaults(d, out);
  cn_fig_attrs *ga = &out->graph;
  /* Graphviz routes a tie drawn alone between its pair around the actors
   * (makeSpline); cnet draws the fans of multiplex pairs itself, since
   * 2.42's router for parallel edges (makeMultiSpline) corrupts memory.
   * Routing is quadratic in the actors: only for figures of paper size. */
  int route = d->own_splines && d->layout.nodes.n <= 200 &&
              !layout_tight(g, d->layout.nodes.n);
  cn_fig_set(out, ga, "outputorder", "edgesfirst");
  cn_fig_set(out, ga, "splines", "true");
  cn_fig_set(out, ga, "esep", "+3");
  cn_fig_set(out, ga, "pad", "0.1");
  cn_fig_set(out, ga, "bgcolor", strcmp(d->format, "png") == 0 ? "white"
                                                               : "transparent");
  if (strcmp(d->format, "png") == 0)
    cn_fig_setf(out, ga, "dpi", "%g", d->o->dpi);
  if (d->title_html) {
    cn_fig_set_html(out, ga, "label", d->title_html);
    cn_fig_set(out, ga, "labelloc", "t");
    cn_fig_set(out, ga, "fontsize", "15");
  }
  double W = g->bb[2] - g->bb[0], H = g->bb[3] - g->bb[1];
  int captions = 0;
  for (int p = first; p < first + n; p++)
    captions |= d->panels[p].caption != NULL;
  double cellH = H + (captions ? CAPTION_H : 0);
  /* the legend's size, measured on a scratch figure */
  double lw = 0, lh = 0;
  if (d->o->legend) {
    cn_fig scratch;
    cn_fig_init(&scratch, A, "legend");
    lw = legend_width(d);
    lh = compose_legend(d, &scratch, 0, 0);
  }
  grid gr = choose_grid(n, W, cellH, lw, lh, d->o->legend);
  double totalH = gr.rows * cellH + (gr.rows - 1) * ROW_GAP;
  if (d->o->legend && !gr.legend_cell)
    totalH = fmax(totalH, lh);
  for (int p = first; p < first + n; p++) {
    panel *pn = &d->panels[p];
    int col = (p - first) % gr.cols, row = (p - first) / gr.cols;
    double left = col * (W + PANEL_GAP);
    double bottom = totalH - (row + 1) * cellH - row * ROW_GAP;
    double dx = left - g->bb[0], dy = bottom - g->bb[1];
    const cn_fig *f = &pn->fig;
    int base_cl = out->clusters.n;
    for (int i = 0; i < f->clusters.n; i++) {
      int k = cn_fig_add_cluster(out, f->clusters.items[i].name);
      cn_fig_copy_attrs(out, &out->clusters.items[k].attrs, &f->clusters.items[i].attrs);
    }
    /* corners, a little outside the actors: every panel (and every file
     * of one) spans the same box */
    add_corner(out, cn_arena_printf(A, "corner%d_0", p), left - 2, bottom - 2);
    add_corner(out, cn_arena_printf(A, "corner%d_1", p), left + W + 2,
               bottom + H + 2);
    int base = out->nodes.n;
    for (int i = 0; i < f->nodes.n; i++) {
      const cn_fig_node *nd = &f->nodes.items[i];
      int k = cn_fig_add_node(out, nd->name, nd->cluster >= 0 ? nd->cluster + base_cl : -1);
      cn_fig_copy_attrs(out, &out->nodes.items[k].attrs, &nd->attrs);
      int src = pn->node_src[i];
      cn_fig_setf(out, &out->nodes.items[k].attrs, "pos", "%.2f,%.2f",
                  g->x[src] + dx, g->y[src] + dy);
    }
    /* drawn at fixed positions, a cluster's box is its bb: around its
     * members, with room for its label on top */
    for (int cl = 0; cl < f->clusters.n; cl++) {
      double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
      for (int i = 0; i < f->nodes.n; i++) {
        if (f->nodes.items[i].cluster != cl)
          continue;
        int src = pn->node_src[i];
        double hw = g->w[src] / 2, hh = g->h[src] / 2; /* sizes in points */
        x0 = fmin(x0, g->x[src] + dx - hw);
        x1 = fmax(x1, g->x[src] + dx + hw);
        y0 = fmin(y0, g->y[src] + dy - hh);
        y1 = fmax(y1, g->y[src] + dy + hh);
      }
      if (x0 > x1)
        continue;
      cn_fig_attrs *at = &out->clusters.items[base_cl + cl].attrs;
      cn_fig_setf(out, at, "bb", "%.2f,%.2f,%.2f,%.2f", x0 - 8, y0 - 8,
                  x1 + 8, y1 + 22);
      cn_fig_setf(out, at, "lp", "%.2f,%.2f", (x0 + x1) / 2, y1 + 12);
    }
    for (int i = 0; i < f->edges.n; i++) {
      const cn_fig_edge *e = &f->edges.items[i];
      int k = cn_fig_add_edge(out, e->tail + base, e->head + base, e->key);
      cn_fig_copy_attrs(out, &out->edges.items[k].attrs, &e->attrs);
      int src = pn->edge_src[i];
      if (d->own_splines || src < 0 || !g->epos[src] || !*g->epos[src]) {
        /* the k-th of the m ties between this pair */
        int m = 0, kth = 0;
        for (int j = 0; j < f->edges.n; j++) {
          const cn_fig_edge *o2 = &f->edges.items[j];
          if ((o2->tail == e->tail && o2->head == e->head) ||
              (o2->tail == e->head && o2->head == e->tail)) {
            if (j < i)
              kth++;
            m++;
          }
        }
        if (route && m == 1)
          continue; /* no pos: Graphviz routes it */
        int ta = pn->node_src[e->tail], he = pn->node_src[e->head];
        const char *dir = cn_fig_get(&e->attrs, "dir");
        /* one orientation for the fan of a pair, whichever way each runs */
        int flip = e->tail > e->head;
        cn_fig_set(out, &out->edges.items[k].attrs, "pos",
                   edge_geometry(A, g->x[ta] + dx, g->y[ta] + dy,
                                 cn_fig_get(&f->nodes.items[e->tail].attrs, "shape"),
                                 g->w[ta], g->h[ta], g->x[he] + dx, g->y[he] + dy,
                                 cn_fig_get(&f->nodes.items[e->head].attrs, "shape"),
                                 g->w[he], g->h[he], kth, m, flip,
                                 !(dir && strcmp(dir, "none") == 0)));
      } else {
        cn_fig_set(out, &out->edges.items[k].attrs, "pos",
                   cn_fig_shift_pos(A, g->epos[src], dx, dy));
      }
    }
    if (captions && pn->caption) {
      int c = cn_fig_add_node(out, cn_arena_printf(A, "caption%d", p), -1);
      cn_fig_attrs *at = &out->nodes.items[c].attrs;
      cn_fig_set(out, at, "id", cn_arena_printf(A, "caption_s%d", p));
      cn_fig_set(out, at, "class", "caption");
      cn_fig_set(out, at, "shape", "plaintext");
      cn_fig_set(out, at, "style", "solid");
      cn_fig_set(out, at, "fontsize", "12");
      cn_fig_set(out, at, "margin", "0");
      cn_fig_set_html(out, at, "label", pn->caption);
      cn_fig_setf(out, at, "pos", "%.2f,%.2f", left + W / 2,
                  bottom + H + CAPTION_H / 2 + 3);
    }
  }
  if (d->o->legend) {
    double x0, top;
    if (gr.legend_cell) { /* the last cell: centred, level with its row */
      int col = gr.cols - 1, row = gr.rows - 1;
      x0 = col * (W + PANEL_GAP) + (W - lw) / 2;
      top = totalH - row * (cellH + ROW_GAP);
    } else {
      x0 = gr.cols * W + (gr.cols - 1) * PANEL_GAP + LEGEND_GAP;
      top = totalH - (captions ? CAPTION_H : 0);
    }
    compose_legend(d, out, x0, top);
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
      compose(d, &g, 0, d->npanels, &out);
    else
      compose(d, &g, i, 1, &out);
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
  if (s.from == s.to)
    return cn_arena_printf(A, "%g", s.from);
  if (isinf(s.from))
    return cn_arena_printf(A, "–%g", s.to);
  if (isinf(s.to))
    return cn_arena_printf(A, "%g–", s.from);
  return cn_arena_printf(A, "%g–%g", s.from, s.to);
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
  fig_defaults(d, &d->layout);
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
  cn_arg_count(E, call, 0, 0);
  /* the union of the panels is what gets laid out */
  cn_arg_done(E, call, o->is_render ? render_keys : dot_keys);
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
  fig_defaults(&d, &out);
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
  if (E->no_write)
    cn_eval_fail(E, &call->node->loc,
                 "dot(…) gives the same figure as text without writing",
                 "render() writes a file, and --no-write refuses every file "
                 "write");
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
  for (int i = 0; i < r.nitems; i++) {
    char why[512];
    int tag = r.items[i].tag;
    if (tag < 0 || tag >= d.npaths)
      continue;
    if (cn_render_write_file(d.paths[tag], r.items[i].data, r.items[i].len, why,
                             sizeof why) != 0) {
      cn_render_result_free(&r);
      cn_eval_error(E, o.to_loc, "%s", why);
    }
  }
  cn_render_result_free(&r);
  return cn_nil();
}

/* render_formats(): which formats this Graphviz can write, and why not. */
static cn_value f_render_formats(cn_eval *E, cn_call *call) {
  cn_arg_count(E, call, 0, 0);
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

const cn_native cn_natives_render[] = {
    {"dot",
     "(sel…, layout=, highlight=brokers|[actors], cluster=ATTR|GROUP, "
     "labels=true, title=, font=)",
     "the DOT text of a network as cnet builds it for Graphviz, before layout "
     "(styles by kind and layer, ids and classes per actor and tie)",
     f_dot},
    {"render",
     "(sel…, to=\"f.svg|png|pdf|dot\", layout=dot|neato|fdp|sfdp|circo, "
     "highlight=brokers|[actors], cluster=ATTR|GROUP, labels=true, title=, "
     "font=\"Noto Sans CJK SC\", stages=all|[S…], absent=grey|ties|hide, "
     "legend=true, dpi=300)",
     "write a figure of a network; stages= draws one panel per stage with "
     "every actor in the same place (to=\"fig-%s.svg\": one file per stage)",
     f_render},
    {"render_formats", "()",
     "the figure formats this Graphviz can write, and why a missing one is "
     "missing",
     f_render_formats},
};
const size_t cn_natives_render_n =
    sizeof cn_natives_render / sizeof *cn_natives_render;
