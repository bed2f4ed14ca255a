/* figure_legend.c — the legend of a figure: a sample line per layer drawn,
 * a sample node per kind drawn, and for collapsed groups, brokers, the key
 * actor and absent actors when the figure shows them.  Drawn as nodes and
 * sample edges at fixed positions, without a frame (a node around other
 * nodes would stop Graphviz routing ties around the actors). */
#include <math.h>
#include <string.h>

#include "figure_draw.h"

/* Metrics, in points: heading and entry font sizes, the height of a row
 * of ties and of actors, the gap before the actors' heading, where an
 * entry's text starts, and the sample line's length (with its inner
 * control points) and node size (inches, as Graphviz takes it). */
#define LEG_HEAD_SIZE 11.0
#define LEG_SIZE 10.0
#define LEG_ROW 21.0
#define LEG_ACTOR_ROW (LEG_ROW + 4)
#define LEG_SECTION_GAP 6.0
#define LEG_TEXT_X 44.0
#define LEG_LINE_W 34.0
#define LEG_LINE_C1 11.0
#define LEG_LINE_C2 23.0
#define LEG_NODE_W "0.36"
#define LEG_NODE_H "0.2"
#define LEG_ROUND_W "0.2"  /* circles are as wide as high */
#define LEG_HEAD_COLOUR "#333333"

/* One row of the actors' part: a sample node and its text. */
typedef struct actor_row {
  int used;
  const char *text, *shape, *style, *color, *fill, *pen;
} actor_row;

/* The actors' rows, in order and numbered as their ids are: one per kind
 * (nkinds: no kind), then these past nkinds. */
enum { ROW_GROUP = 1, ROW_BROKER, ROW_KEY, ROW_LISTED, ROW_ABSENT, ROWS_PAST_KINDS };

/* The shape of the broker, key actor and highlight samples: one that no
 * kind (nor a collapsed group) has, so that the sample says "drawn
 * thicker" and not "of this kind". */
static const char *mark_shape(const drawing *d) {
  static const char *const shapes[] = {"circle",  "ellipse", "box",
                                       "octagon", "pentagon", "septagon"};
  size_t nk = d->E->c->kinds.n;
  for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
    int taken = strcmp(shapes[i], GROUP_SHAPE) == 0;
    for (size_t k = 0; k <= nk && !taken; k++)
      taken = strcmp(d->st.kshape[k], shapes[i]) == 0;
    if (!taken)
      return shapes[i];
  }
  return "egg"; /* no palette kind takes it */
}

static actor_row *actor_rows(drawing *d, cn_arena *A, size_t *n) {
  size_t nk = d->E->c->kinds.n;
  *n = nk + ROWS_PAST_KINDS;
  actor_row *r = cn_arena_alloc(A, sizeof(actor_row) * *n);
  for (size_t k = 0; k < *n; k++)
    r[k] = (actor_row){0, NULL, "ellipse", "filled", NULL, "white", NULL};
  for (size_t k = 0; k <= nk; k++) {
    r[k].used = d->kind_used[k];
    r[k].text = d->st.klabel[k];
    r[k].shape = d->st.kshape[k];
    if (d->st.kstyle[k])
      r[k].style = cn_arena_printf(A, "filled,%s", d->st.kstyle[k]);
    r[k].color = d->st.kcolor[k];
    if (d->st.kfill[k])
      r[k].fill = d->st.kfill[k];
  }
  actor_row *group = &r[nk + ROW_GROUP], *broker = &r[nk + ROW_BROKER],
            *key = &r[nk + ROW_KEY], *listed = &r[nk + ROW_LISTED],
            *absent = &r[nk + ROW_ABSENT];
  const char *marked = mark_shape(d);
  group->used = d->group_used;
  group->text = d->w->group;
  group->shape = GROUP_SHAPE;
  broker->used = d->broker_used || d->key_used;
  broker->text = d->w->broker;
  broker->pen = BROKER_PEN;
  broker->shape = marked;
  key->used = d->key_used;
  key->text = d->w->key;
  key->pen = KEY_PEN;
  key->fill = KEY_FILL;
  key->shape = marked;
  listed->used = d->listed_used;
  listed->text = d->w->listed;
  listed->pen = LISTED_PEN;
  listed->fill = LISTED_FILL;
  listed->shape = marked;
  absent->used = d->absent_used;
  absent->text = d->w->absent;
  absent->color = ABSENT_LINE;
  absent->pen = ABSENT_PEN;
  return r;
}

double figure_legend_width(drawing *d) {
  const cn_case *c = d->E->c;
  double w = cn_fig_text_width(d->w->ties, LEG_HEAD_SIZE);
  w = fmax(w, cn_fig_text_width(d->w->actors, LEG_HEAD_SIZE));
  for (size_t l = 0; l <= c->layers.n; l++)
    if (d->layer_used[l])
      w = fmax(w, LEG_TEXT_X + cn_fig_text_width(d->st.llabel[l], LEG_SIZE));
  size_t n;
  const actor_row *r = actor_rows(d, d->layout.arena, &n);
  for (size_t k = 0; k < n; k++)
    if (r[k].used)
      w = fmax(w, LEG_TEXT_X + cn_fig_text_width(r[k].text, LEG_SIZE));
  return w + 4;
}

/* A line of text, its left end at (x, y). */
static void legend_text(cn_fig *out, const char *name, const char *text,
                        double x, double y, double size, const char *colour) {
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

/* Layer l's row: a sample line between two invisible points, and its
 * label. */
static void layer_row(drawing *d, cn_fig *out, size_t l, double x, double y) {
  cn_arena *A = out->arena;
  int a = cn_fig_add_node(out, cn_arena_printf(A, "legend_l%zu_a", l), -1);
  int b = cn_fig_add_node(out, cn_arena_printf(A, "legend_l%zu_b", l), -1);
  for (int end = 0; end < 2; end++) {
    cn_fig_attrs *at = &out->nodes.items[end ? b : a].attrs;
    cn_fig_set(out, at, "shape", "point");
    cn_fig_set(out, at, "style", "invis");
    cn_fig_set(out, at, "width", "0.02");
    cn_fig_set(out, at, "label", "");
    cn_fig_setf(out, at, "pos", "%.2f,%.2f", x + (end ? LEG_LINE_W : 0), y);
  }
  int e = cn_fig_add_edge(out, a, b, d->st.lkey[l]);
  cn_fig_attrs *at = &out->edges.items[e].attrs;
  cn_fig_set(out, at, "id", cn_arena_printf(A, "legend_l%zu", l));
  cn_fig_set(out, at, "class", "legend");
  cn_fig_set(out, at, "color", d->st.lcolor[l]);
  cn_fig_set(out, at, "style", d->st.lstyle[l]);
  cn_fig_set(out, at, "penwidth", d->st.lwidth[l]);
  cn_fig_set(out, at, "dir", "none");
  cn_fig_setf(out, at, "pos", "%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f", x, y,
              x + LEG_LINE_C1, y, x + LEG_LINE_C2, y, x + LEG_LINE_W, y);
  legend_text(out, cn_arena_printf(A, "legend_l%zu_text", l), d->st.llabel[l],
              x + LEG_TEXT_X, y, LEG_SIZE, NULL);
}

/* Actor row k: a sample node and its text. */
static void actor_row_draw(cn_fig *out, const actor_row *r, size_t k, double x,
                           double y) {
  cn_arena *A = out->arena;
  int n = cn_fig_add_node(out, cn_arena_printf(A, "legend_k%zu", k), -1);
  cn_fig_attrs *at = &out->nodes.items[n].attrs;
  cn_fig_set(out, at, "id", cn_arena_printf(A, "legend_k%zu", k));
  cn_fig_set(out, at, "class", "legend");
  cn_fig_set(out, at, "label", "");
  cn_fig_set(out, at, "shape", r->shape);
  cn_fig_set(out, at, "style", r->style);
  cn_fig_set(out, at, "fillcolor", r->fill);
  if (r->color)
    cn_fig_set(out, at, "color", r->color);
  if (r->pen)
    cn_fig_set(out, at, "penwidth", r->pen);
  int round = strcmp(r->shape, "doublecircle") == 0 || strcmp(r->shape, "circle") == 0;
  cn_fig_set(out, at, "width", round ? LEG_ROUND_W : LEG_NODE_W);
  cn_fig_set(out, at, "height", LEG_NODE_H);
  cn_fig_set(out, at, "fixedsize", "true");
  cn_fig_setf(out, at, "pos", "%.2f,%.2f", x + LEG_LINE_W / 2, y);
  legend_text(out, cn_arena_printf(A, "legend_k%zu_text", k), r->text,
              x + LEG_TEXT_X, y, LEG_SIZE, NULL);
}

double figure_legend(drawing *d, cn_fig *out, double x0, double top) {
  const cn_case *c = d->E->c;
  double y = top - LEG_ROW / 2;
  int any_layer = 0;
  for (size_t l = 0; l <= c->layers.n; l++)
    any_layer |= d->layer_used[l];
  if (any_layer) {
    legend_text(out, "legend_ties", d->w->ties, x0, y, LEG_HEAD_SIZE,
                LEG_HEAD_COLOUR);
    y -= LEG_ROW;
  }
  for (size_t l = 0; l <= c->layers.n; l++) {
    if (!d->layer_used[l])
      continue;
    layer_row(d, out, l, x0, y);
    y -= LEG_ROW;
  }
  size_t n;
  const actor_row *r = actor_rows(d, out->arena, &n);
  int any_actor = 0;
  for (size_t k = 0; k < n; k++)
    any_actor |= r[k].used;
  if (any_actor) {
    if (any_layer)
      y -= LEG_SECTION_GAP;
    legend_text(out, "legend_actors", d->w->actors, x0, y, LEG_HEAD_SIZE,
                LEG_HEAD_COLOUR);
    y -= LEG_ACTOR_ROW;
  }
  for (size_t k = 0; k < n; k++) {
    if (!r[k].used)
      continue;
    actor_row_draw(out, &r[k], k, x0, y);
    y -= LEG_ACTOR_ROW;
  }
  return top - (y + LEG_ROW / 2);
}
