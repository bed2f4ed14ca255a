/* figure_legend.c — the legend of a figure: a sample line per layer drawn,
 * a sample node per kind drawn, and for collapsed groups, brokers, the key
 * actor and absent actors when the figure shows them.  Drawn as nodes and
 * sample edges at fixed positions, without a frame (a node around other
 * nodes would stop Graphviz routing ties around the actors). */
#include <math.h>
#include <string.h>

#include "figure_draw.h"

/* Metrics, in points for entries of LEG_SIZE points (the legend is drawn
 * at the labels' size, every metric in proportion: U(x)): heading and
 * entry font sizes, the height of a row of ties and of actors, the gap
 * before the actors' heading, where an entry's text starts, and the
 * sample line's length (with its inner control points) and node size
 * (inches, as Graphviz takes it). */
#define LEG_HEAD_SIZE 11.0
#define LEG_SIZE 10.0
#define LEG_ROW 21.0
#define LEG_ACTOR_ROW (LEG_ROW + 4)
#define LEG_SECTION_GAP 6.0
#define LEG_TEXT_X 44.0
#define LEG_LINE_W 34.0
#define LEG_LINE_C1 11.0
#define LEG_LINE_C2 23.0
#define LEG_NODE_W 0.36
#define LEG_NODE_H 0.2
#define LEG_ROUND_W 0.2  /* circles are as wide as high */
#define U(x) ((x) * PAGE_PT(d) / LEG_SIZE)
#define LEG_HEAD_COLOUR "#333333"
/* ENTRY_SLACK: room beyond the width estimate for the entries, whose
 * texts hold actors' names (Latin letters in a CJK font run wider). */
#define ENTRY_SLACK 1.1

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
  listed->fill = LISTED_FILL_OF(&d->st);
  listed->shape = marked;
  absent->used = d->absent_used;
  absent->text = d->w->absent;
  absent->color = ABSENT_LINE;
  absent->pen = ABSENT_PEN;
  absent->style = "dashed";
  return r;
}

/* A size sample's diameter as the nodes are drawn: in proportion to the
 * labels, which shrink when the network does not fit the page. */
static double entry_diameter(const drawing *d, const legend_entry *e) {
  return e->size * d->text_pt / d->o->font_pt;
}

/* Where an entry's text starts: past its sample, however large. */
static double entry_text_x(const drawing *d, const legend_entry *e) {
  return e->type == ENTRY_NODE ? fmax(U(LEG_TEXT_X), entry_diameter(d, e) + U(6))
                               : U(LEG_TEXT_X);
}

double figure_legend_width(drawing *d) {
  const cn_case *c = d->E->c;
  double w = cn_fig_text_width(d->w->ties, U(LEG_HEAD_SIZE));
  w = fmax(w, cn_fig_text_width(d->w->actors, U(LEG_HEAD_SIZE)));
  for (size_t l = 0; l <= c->layers.n; l++)
    if (d->layer_used[l])
      w = fmax(w, U(LEG_TEXT_X) + cn_fig_text_width(d->st.llabel[l], U(LEG_SIZE)));
  size_t n;
  const actor_row *r = actor_rows(d, d->layout.arena, &n);
  for (size_t k = 0; k < n; k++)
    if (r[k].used)
      w = fmax(w, U(LEG_TEXT_X) + cn_fig_text_width(r[k].text, U(LEG_SIZE)));
  for (int k = 0; k < d->nentries; k++) {
    const legend_entry *e = &d->entries[k];
    w = fmax(w, e->type == ENTRY_HEAD
                    ? cn_fig_text_width(e->text, U(LEG_HEAD_SIZE)) * ENTRY_SLACK
                    : entry_text_x(d, e) +
                          cn_fig_text_width(e->text, U(LEG_SIZE)) * ENTRY_SLACK);
  }
  return w + U(4);
}

/* A line of text, its left end at (x, y). */
static void legend_text(cn_fig *out, const char *name, const char *text,
                        double x, double y, double size, const char *colour,
                        double slack) {
  cn_arena *A = out->arena;
  double w = cn_fig_text_width(text, size) * slack + 4;
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

/* A sample line `name` from (x, y), between two invisible points; returns
 * its edge (the caller styles it). */
static int sample_line(drawing *d, cn_fig *out, const char *name,
                       const char *key, double x, double y) {
  cn_arena *A = out->arena;
  int a = cn_fig_add_node(out, cn_arena_printf(A, "%s_a", name), -1);
  int b = cn_fig_add_node(out, cn_arena_printf(A, "%s_b", name), -1);
  for (int end = 0; end < 2; end++) {
    cn_fig_attrs *at = &out->nodes.items[end ? b : a].attrs;
    cn_fig_set(out, at, "shape", "point");
    cn_fig_set(out, at, "style", "invis");
    cn_fig_set(out, at, "width", "0.02");
    cn_fig_set(out, at, "label", "");
    cn_fig_setf(out, at, "pos", "%.2f,%.2f", x + (end ? U(LEG_LINE_W) : 0), y);
  }
  int e = cn_fig_add_edge(out, a, b, key);
  cn_fig_attrs *at = &out->edges.items[e].attrs;
  cn_fig_set(out, at, "class", "legend");
  cn_fig_set(out, at, "dir", "none");
  cn_fig_setf(out, at, "pos", "%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f", x, y,
              x + U(LEG_LINE_C1), y, x + U(LEG_LINE_C2), y, x + U(LEG_LINE_W), y);
  return e;
}

/* Layer l's row: a sample line and its label. */
static void layer_row(drawing *d, cn_fig *out, size_t l, double x, double y) {
  cn_arena *A = out->arena;
  int e = sample_line(d, out, cn_arena_printf(A, "legend_l%zu", l), d->st.lkey[l], x, y);
  cn_fig_attrs *at = &out->edges.items[e].attrs;
  cn_fig_set(out, at, "id", cn_arena_printf(A, "legend_l%zu", l));
  cn_fig_set(out, at, "color", d->st.lcolor[l]);
  cn_fig_set(out, at, "style", d->st.lstyle[l]);
  cn_fig_set(out, at, "penwidth", d->st.lwidth[l]);
  legend_text(out, cn_arena_printf(A, "legend_l%zu_text", l), d->st.llabel[l],
              x + U(LEG_TEXT_X), y, U(LEG_SIZE), NULL, 1);
}

/* Actor row k: a sample node and its text. */
static void actor_row_draw(const drawing *d, cn_fig *out, const actor_row *r,
                           size_t k, double x, double y) {
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
  cn_fig_setf(out, at, "width", "%.3f", U(round ? LEG_ROUND_W : LEG_NODE_W));
  cn_fig_setf(out, at, "height", "%.3f", U(LEG_NODE_H));
  cn_fig_set(out, at, "fixedsize", "true");
  cn_fig_setf(out, at, "pos", "%.2f,%.2f", x + U(LEG_LINE_W) / 2, y);
  legend_text(out, cn_arena_printf(A, "legend_k%zu_text", k), r->text,
              x + U(LEG_TEXT_X), y, U(LEG_SIZE), NULL, 1);
}

/* Entry k of d->entries (not a heading): its sample line or node, and
 * its text. */
static void entry_draw(drawing *d, cn_fig *out, int k, double x, double y) {
  cn_arena *A = out->arena;
  const legend_entry *en = &d->entries[k];
  const char *name = cn_arena_printf(A, "legend_e%d", k);
  if (en->type == ENTRY_NODE) {
    int n = cn_fig_add_node(out, name, -1);
    cn_fig_attrs *at = &out->nodes.items[n].attrs;
    cn_fig_set(out, at, "id", en->id);
    cn_fig_set(out, at, "class", "legend");
    cn_fig_set(out, at, "label", "");
    cn_fig_set(out, at, "shape", "circle");
    cn_fig_set(out, at, "style", cn_arena_printf(A, "filled,%s", en->style));
    cn_fig_set(out, at, "color", en->color);
    cn_fig_set(out, at, "fillcolor", en->fill);
    double dia = entry_diameter(d, en);
    cn_fig_setf(out, at, "width", "%.3f", dia / 72);
    cn_fig_setf(out, at, "height", "%.3f", dia / 72);
    cn_fig_set(out, at, "fixedsize", "true");
    cn_fig_setf(out, at, "pos", "%.2f,%.2f", x + fmax(U(LEG_LINE_W), dia) / 2, y);
  } else {
    int e = sample_line(d, out, name, name, x, y);
    cn_fig_attrs *at = &out->edges.items[e].attrs;
    cn_fig_set(out, at, "id", en->id);
    cn_fig_set(out, at, "color", en->color);
    cn_fig_set(out, at, "style", en->style);
    cn_fig_setf(out, at, "penwidth", "%.2f", en->size);
  }
  legend_text(out, cn_arena_printf(A, "%s_text", name), en->text,
              x + entry_text_x(d, en), y, U(LEG_SIZE), NULL, ENTRY_SLACK);
}

/* The legend's rows in order: the ties' heading and a row per layer
 * drawn, the actors' heading and a row per kind (and mark) drawn. */
enum { ROW_TIES_HEAD, ROW_LAYER, ROW_ACTORS_HEAD, ROW_ACTOR, ROW_ENTRY_HEAD,
       ROW_ENTRY };
typedef struct legend_row {
  int type;
  size_t index;
} legend_row;

static int legend_rows(drawing *d, const actor_row *r, size_t n,
                       legend_row *rows) {
  const cn_case *c = d->E->c;
  int k = 0;
  for (size_t l = 0; l <= c->layers.n; l++)
    if (d->layer_used[l]) {
      if (k == 0)
        rows[k++] = (legend_row){ROW_TIES_HEAD, 0};
      rows[k++] = (legend_row){ROW_LAYER, l};
    }
  int head = 0;
  for (size_t i = 0; i < n; i++)
    if (r[i].used) {
      if (!head++)
        rows[k++] = (legend_row){ROW_ACTORS_HEAD, 0};
      rows[k++] = (legend_row){ROW_ACTOR, i};
    }
  for (int i = 0; i < d->nentries; i++)
    rows[k++] = (legend_row){d->entries[i].type == ENTRY_HEAD ? ROW_ENTRY_HEAD : ROW_ENTRY,
                             (size_t)i};
  return k;
}

static double row_height(const drawing *d, const legend_row *row) {
  if (row->type == ROW_ENTRY_HEAD)
    return U(LEG_ROW) + U(LEG_SECTION_GAP);
  if (row->type == ROW_ENTRY && d->entries[row->index].type == ENTRY_NODE)
    return fmax(U(LEG_ACTOR_ROW), entry_diameter(d, &d->entries[row->index]) + U(4));
  return row->type == ROW_LAYER ? U(LEG_ROW)
         : row->type == ROW_ACTORS_HEAD ? U(LEG_ACTOR_ROW) + U(LEG_SECTION_GAP)
                                       : row->type == ROW_ACTOR ? U(LEG_ACTOR_ROW)
                                                                : U(LEG_ROW);
}

/* The rows flowed into `cols` columns, each column about as tall (a
 * heading never ends a column); draws them at (x0, top) when out is not
 * NULL.  Returns the height. */
static double legend_flow(drawing *d, cn_fig *out, double x0, double top,
                          int cols) {
  size_t n;
  const actor_row *r = actor_rows(d, d->layout.arena, &n);
  legend_row *rows = cn_arena_alloc(d->layout.arena,
                                    sizeof(legend_row) * (d->E->c->layers.n + n + 4 +
                                                          (size_t)d->nentries));
  int nrows = legend_rows(d, r, n, rows);
  double total = 0;
  for (int i = 0; i < nrows; i++)
    total += row_height(d, &rows[i]);
  double per_col = total / (cols > 0 ? cols : 1);
  double colw = figure_legend_width(d) + U(LEG_TEXT_X) / 2;
  double y = top - U(LEG_ROW) / 2, lowest = y, x = x0;
  int col = 0;
  for (int i = 0; i < nrows; i++) {
    const legend_row *row = &rows[i];
    double h = row_height(d, row);
    int heading = row->type == ROW_TIES_HEAD || row->type == ROW_ACTORS_HEAD ||
                  row->type == ROW_ENTRY_HEAD;
    double used = top - U(LEG_ROW) / 2 - y;
    /* the samples of a scale (sizes, widths) stay together under their
     * heading */
    if (col + 1 < cols && used > 0 && row->type != ROW_ENTRY &&
        (used + h > per_col * 1.001 + U(LEG_ROW) / 2 ||
         (heading && used + h + row_height(d, &rows[i + 1 < nrows ? i + 1 : i]) >
                         per_col * 1.001 + U(LEG_ROW) / 2))) {
      col++;
      x += colw;
      y = top - U(LEG_ROW) / 2;
    }
    if ((row->type == ROW_ACTORS_HEAD || row->type == ROW_ENTRY_HEAD) &&
        y < top - U(LEG_ROW))
      y -= U(LEG_SECTION_GAP); /* below the ties, not atop a column */
    double half = row->type == ROW_ENTRY ? h / 2 : 0; /* a large sample */
    y -= half;
    if (out) {
      if (row->type == ROW_TIES_HEAD)
        legend_text(out, "legend_ties", d->w->ties, x, y, U(LEG_HEAD_SIZE),
                    LEG_HEAD_COLOUR, 1);
      else if (row->type == ROW_ACTORS_HEAD)
        legend_text(out, "legend_actors", d->w->actors, x, y,
                    U(LEG_HEAD_SIZE), LEG_HEAD_COLOUR, 1);
      else if (row->type == ROW_ENTRY_HEAD)
        legend_text(out, cn_arena_printf(d->layout.arena, "legend_e%zu", row->index),
                    d->entries[row->index].text, x, y, U(LEG_HEAD_SIZE),
                    LEG_HEAD_COLOUR, ENTRY_SLACK);
      else if (row->type == ROW_ENTRY)
        entry_draw(d, out, (int)row->index, x, y);
      else if (row->type == ROW_LAYER)
        layer_row(d, out, row->index, x, y);
      else
        actor_row_draw(d, out, &r[row->index], row->index, x, y);
    }
    y -= row->type == ROW_ACTORS_HEAD ? U(LEG_ACTOR_ROW)
         : row->type == ROW_ACTOR     ? U(LEG_ACTOR_ROW)
         : row->type == ROW_ENTRY     ? h - half
                                      : U(LEG_ROW);
    lowest = fmin(lowest, y);
  }
  return top - (lowest + U(LEG_ROW) / 2);
}

double figure_legend_columns_width(drawing *d, int cols) {
  double colw = figure_legend_width(d) + U(LEG_TEXT_X) / 2;
  return (cols - 1) * colw + figure_legend_width(d);
}

double figure_legend_height(drawing *d, int cols) {
  return legend_flow(d, NULL, 0, 0, cols);
}

double figure_legend(drawing *d, cn_fig *out, double x0, double top,
                     int cols) {
  return legend_flow(d, out, x0, top, cols);
}
