/* figure_style.c — how a figure looks: the styles of layers (dash, width,
 * colour) and kinds (shape, colour), the defaults every figure starts
 * from, each layout engine's attributes, and the ids, classes and
 * attributes of one actor or tie. */
#include <stdio.h>
#include <string.h>

#include "figure_draw.h"

/* Ties: dash pattern and width carry the layer (readable in greyscale),
 * colour is a second cue.  Widths are points on the page, none under
 * THIN_PEN. */
typedef struct line_style {
  const char *style;
  double width;
} line_style;
static const line_style line_palette[] = {
    {"solid", 1.2}, {"dashed", 0.9}, {"dotted", 1.5}, {"solid", 0.6},
    {"dashed", 1.6}, {"dotted", 0.9}, {"solid", 2.0}, {"dashed", 0.6}};
enum { NLINES = sizeof line_palette / sizeof *line_palette };
/* The first four differ pairwise by at least 50 in luma (Rec. 601,
 * 0–255: black 0, blue 55, purple 108, orange 162), so that layers stay
 * apart in greyscale print; Okabe–Ito and Tol colours, safe for colour-
 * blind readers.  theme="print" takes greys 51 apart instead. */
static const char *const colour_palette[] = {
    "#000000", "#004488", "#AA4499", "#E69F00",
    "#56B4E9", "#D55E00", "#009E73", "#666666"};
static const char *const grey_palette[] = {
    "#000000", "#666666", "#999999", "#333333",
    "#808080", "#4d4d4d", "#b3b3b3", "#1a1a1a"};
enum { NCOLOURS = sizeof colour_palette / sizeof *colour_palette };

static int hex_digit(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

const char *figure_colour(const styles *st, cn_arena *A, const char *colour,
                          const char *grey) {
  if (!colour || !st->print)
    return colour;
  size_t n = strlen(colour);
  if (colour[0] != '#' || (n != 7 && n != 9 && n != 4))
    return grey;
  int step = n == 4 ? 1 : 2, rgb[3];
  for (int i = 0; i < 3; i++) {
    int hi = hex_digit(colour[1 + i * step]);
    int lo = hex_digit(colour[1 + i * step + step - 1]);
    if (hi < 0 || lo < 0)
      return grey;
    rgb[i] = hi * 16 + lo;
  }
  int y = (int)(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] + 0.5);
  return cn_arena_printf(A, "#%02x%02x%02x", y, y, y);
}

/* Built-in shapes for kinds that name none. */
static const char *const shape_palette[] = {"ellipse", "box", "hexagon",
                                            "diamond", "octagon", "house",
                                            "parallelogram", "trapezium"};
enum { NSHAPES = sizeof shape_palette / sizeof *shape_palette };

/* Layers that name a style take the first free entry of that style (its
 * width); the others take the first free entry of the palette. */
static void layer_styles(cn_eval *E, styles *st) {
  const cn_case *c = E->c;
  cn_arena *A = E->arena;
  size_t nl = c->layers.n;
  st->lcolor = cn_arena_alloc(A, sizeof(char *) * (nl + 1));
  st->lstyle = cn_arena_alloc(A, sizeof(char *) * (nl + 1));
  st->lwidth = cn_arena_alloc(A, sizeof(char *) * (nl + 1));
  st->llabel = cn_arena_alloc(A, sizeof(char *) * (nl + 1));
  st->lkey = cn_arena_alloc(A, sizeof(char *) * (nl + 1));
  unsigned char used[NLINES];
  memset(used, 0, sizeof used);
  for (size_t i = 0; i < nl; i++) {
    const char *s = figure_attr_text(E, c->layers.items[i].attrs, "style");
    if (!s)
      continue;
    st->lstyle[i] = s;
    st->lwidth[i] = "0.9";
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
    const char *w = figure_attr_text(E, ly->attrs, "penwidth");
    if (w)
      st->lwidth[i] = w;
    const char *col = figure_attr_text(E, ly->attrs, "color");
    if (st->print) /* the case's colours would come out as one grey */
      st->lcolor[i] = grey_palette[i % NCOLOURS];
    else
      st->lcolor[i] = col ? col : colour_palette[i % NCOLOURS];
    st->llabel[i] = ly->label ? ly->label->str : ly->name->str;
    st->lkey[i] = ly->name->str;
  }
  st->lstyle[nl] = "solid";
  st->lwidth[nl] = "1";
  st->lcolor[nl] = "#000000";
  st->llabel[nl] = "tie";
  st->lkey[nl] = "tie";
}

/* A kind that names no shape takes the next built-in shape that no other
 * kind took, so that two kinds never look alike in figure and legend. */
static void kind_styles(cn_eval *E, styles *st) {
  const cn_case *c = E->c;
  cn_arena *A = E->arena;
  size_t nk = c->kinds.n;
  st->kshape = cn_arena_alloc(A, sizeof(char *) * (nk + 1));
  st->kstyle = cn_arena_alloc(A, sizeof(char *) * (nk + 1));
  st->kcolor = cn_arena_alloc(A, sizeof(char *) * (nk + 1));
  st->kfill = cn_arena_alloc(A, sizeof(char *) * (nk + 1));
  st->klabel = cn_arena_alloc(A, sizeof(char *) * (nk + 1));
  size_t next = 0;
  for (size_t i = 0; i < nk; i++) {
    const cn_kind *k = &c->kinds.items[i];
    const char *shape = figure_attr_text(E, k->attrs, "shape");
    for (size_t tries = 0; !shape && tries < NSHAPES; tries++, next++) {
      const char *cand = shape_palette[next % NSHAPES];
      int taken = 0;
      for (size_t j = 0; j < nk && !taken; j++) {
        const char *sj = j < i ? st->kshape[j]
                               : figure_attr_text(E, c->kinds.items[j].attrs, "shape");
        taken = sj && strcmp(sj, cand) == 0;
      }
      if (!taken)
        shape = cand;
    }
    st->kshape[i] = shape ? shape : shape_palette[i % NSHAPES];
    st->kstyle[i] = figure_attr_text(E, k->attrs, "style");
    st->kcolor[i] = figure_colour(st, A, figure_attr_text(E, k->attrs, "color"),
                                  "#000000");
    st->kfill[i] = figure_colour(st, A,
                                 figure_attr_text(E, k->attrs, "fillcolor"),
                                 "#e6e6e6");
    st->klabel[i] = k->label ? k->label->str : k->name->str;
  }
  st->kshape[nk] = "ellipse";
  st->klabel[nk] = "actor";
}

void figure_make_styles(cn_eval *E, int theme, styles *st) {
  st->print = theme == THEME_PRINT;
  layer_styles(E, st);
  kind_styles(E, st);
}

/* Node margins and least size, and the arrowhead, in proportion to the
 * labels (so that a figure scaled to its page keeps its proportions): at
 * 11 points a node is at least 0.5 × 0.32 in with margins of 0.07 × 0.04
 * in, and an arrowhead 7 points long. */
void figure_defaults(drawing *d, cn_fig *f) {
  const char *font = d->o->font;
  double k = d->text_pt / 11;
  cn_fig_set(f, &f->graph_defaults, "fontname", font);
  cn_fig_setf(f, &f->graph_defaults, "fontsize", "%.3g", d->text_pt);
  cn_fig_set(f, &f->node_defaults, "fontname", font);
  cn_fig_setf(f, &f->node_defaults, "fontsize", "%.3g", d->text_pt);
  cn_fig_set(f, &f->node_defaults, "shape", "ellipse");
  cn_fig_set(f, &f->node_defaults, "style", "filled");
  cn_fig_set(f, &f->node_defaults, "fillcolor", "white");
  cn_fig_setf(f, &f->node_defaults, "margin", "%.3f,%.3f", 0.07 * k, 0.04 * k);
  cn_fig_setf(f, &f->node_defaults, "height", "%.3f", 0.32 * k);
  cn_fig_setf(f, &f->node_defaults, "width", "%.3f", 0.5 * k);
  cn_fig_set(f, &f->edge_defaults, "fontname", font);
  cn_fig_setf(f, &f->edge_defaults, "arrowsize", "%.2f", 0.7 * k);
}

void figure_engine_attrs(cn_fig *f, const char *engine) {
  cn_fig_attrs *g = &f->graph;
  cn_fig_set(f, g, "outputorder", "nodesfirst");
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
    cn_fig_setf(f, g, "sep", "+%d", LAYOUT_SEP_PT);
    /* no routing: cnet draws these ties itself (edge_geometry) */
    cn_fig_set(f, g, "splines", "false");
  }
}

/* Ids are ASCII, made from indices: a<actor>, g<group>, and per edge
 * e_<tail>_<head>_<layer>; `prefix` keeps panels apart. */
const char *figure_vertex_id(drawing *d, int32_t key, const char *prefix) {
  return key >= 0 ? cn_arena_printf(d->E->arena, "%sa%d", prefix, key)
                  : cn_arena_printf(d->E->arena, "%sg%d", prefix, -1 - key);
}

/* Style one vertex node (key: actor id, or -1 - group id).  mark: 1
 * broker or listed, 2 key actor; grey: drawn as absent. */
void figure_style_vertex(drawing *d, cn_fig *f, int node, int32_t key,
                         int mark, int grey, const char *id) {
  const cn_case *c = d->E->c;
  cn_arena *A = d->E->arena;
  cn_fig_attrs *at = &f->nodes.items[node].attrs;
  int32_t a = key;
  int kind = a >= 0 ? c->actors.items[a].kind : -2;
  int k = kind >= 0 ? kind : (int)c->kinds.n;
  if (grey)
    mark = MARK_NONE;
  cn_fig_set(f, at, "id", id);
  const char *cls = a < 0 ? "group" : kind >= 0 ? c->kinds.items[kind].name->str : "actor";
  if (mark == MARK_KEY)
    cls = cn_arena_printf(A, "%s broker key", cls);
  else if (mark == MARK_BROKER)
    cls = cn_arena_printf(A, "%s broker", cls);
  else if (mark == MARK_LISTED)
    cls = cn_arena_printf(A, "%s highlight", cls);
  if (grey)
    cls = cn_arena_printf(A, "%s absent", cls);
  cn_fig_set(f, at, "class", cls);
  const char *text = figure_key_label(d, key);
  if (!figure_labelled(d, key)) {
    cn_fig_set(f, at, "label", "");
    cn_fig_setf(f, at, "width", "%.3f", d->text_pt * 0.02);
    cn_fig_setf(f, at, "height", "%.3f", d->text_pt * 0.02);
    cn_fig_set(f, at, "fixedsize", "true");
  } else if (mark) {
    cn_fig_set_html(f, at, "label",
                    cn_arena_printf(A, "<B>%s</B>", cn_fig_html_text(A, text)));
  } else {
    cn_fig_set(f, at, "label", cn_fig_plain_label(A, text));
  }
  const char *shape = a < 0 ? GROUP_SHAPE : d->st.kshape[k];
  cn_fig_set(f, at, "shape", shape);
  const char *kstyle = a < 0 ? NULL : d->st.kstyle[k];
  cn_fig_set(f, at, "style",
             kstyle ? cn_arena_printf(A, "filled,%s", kstyle) : "filled");
  if (grey) { /* faint and hollow: context, not content; ties drawn over
                 it are not hidden */
    cn_fig_set(f, at, "style", "dashed");
    cn_fig_set(f, at, "color", ABSENT_LINE);
    cn_fig_set(f, at, "fontcolor", ABSENT_TEXT);
    cn_fig_set(f, at, "penwidth", ABSENT_PEN);
    return;
  }
  if (a >= 0 && d->st.kcolor[k])
    cn_fig_set(f, at, "color", d->st.kcolor[k]);
  if (a >= 0 && d->st.kfill[k])
    cn_fig_set(f, at, "fillcolor", d->st.kfill[k]);
  if (mark == MARK_KEY) {
    cn_fig_set(f, at, "penwidth", KEY_PEN);
    cn_fig_set(f, at, "fillcolor", KEY_FILL);
  } else if (mark == MARK_BROKER) {
    cn_fig_set(f, at, "penwidth", BROKER_PEN);
  } else if (mark == MARK_LISTED) {
    cn_fig_set(f, at, "penwidth", LISTED_PEN);
    cn_fig_set(f, at, "fillcolor", LISTED_FILL_OF(&d->st));
  }
}

void figure_style_edge(drawing *d, cn_fig *f, int e, int layer, int directed,
                       int grey, const char *id) {
  cn_fig_attrs *at = &f->edges.items[e].attrs;
  int l = layer >= 0 ? layer : (int)d->E->c->layers.n;
  cn_fig_set(f, at, "id", id);
  cn_fig_set(f, at, "class", grey ? cn_arena_printf(d->E->arena, "%s absent",
                                                   d->st.lkey[l])
                                  : d->st.lkey[l]);
  if (grey) {
    cn_fig_set(f, at, "color", ABSENT_TIE);
    cn_fig_set(f, at, "style", "solid");
    cn_fig_setf(f, at, "penwidth", "%g", THIN_PEN);
  } else {
    cn_fig_set(f, at, "color", d->st.lcolor[l]);
    cn_fig_set(f, at, "style", d->st.lstyle[l]);
    cn_fig_set(f, at, "penwidth", d->st.lwidth[l]);
  }
  if (!directed)
    cn_fig_set(f, at, "dir", "none");
}
