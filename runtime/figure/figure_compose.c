/* figure_compose.c — the final drawing of a figure, composed inside the
 * renderer's child: every panel at the positions of the one layout, in a
 * grid, with title, panel captions and the legend (figure_legend.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure_draw.h"

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
 * ties between one pair a gentle curve, so that multiplex ties fan out.
 * arrow: an arrowhead at the head; back: one at the tail too. */
static const char *edge_geometry(cn_arena *A, double x1, double y1,
                                 const char *s1, double w1, double h1,
                                 double x2, double y2, const char *s2,
                                 double w2, double h2, int k, int m,
                                 int flip, int arrow, int back) {
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
  const char *start = "";
  if (back) { /* and starts where the tail's arrowhead ends */
    start = cn_arena_printf(A, "s,%.2f,%.2f ", px, py);
    px += ux * 7;
    py += uy * 7;
  }
  double c1x = px + 2.0 / 3 * (cx - px), c1y = py + 2.0 / 3 * (cy - py);
  double c2x = qx + 2.0 / 3 * (cx - qx), c2y = qy + 2.0 / 3 * (cy - qy);
  if (back)
    return cn_arena_printf(A, "%se,%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f",
                           start, ex, ey, px, py, c1x, c1y, c2x, c2y, qx, qy);
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

/* The k-th of the m ties between one pair of actors, for each edge of a
 * figure (either direction counts): sorted by pair, then by index. */
typedef struct pair_edge {
  int lo, hi, index;
} pair_edge;

static int pair_edge_cmp(const void *a, const void *b) {
  const pair_edge *x = a, *y = b;
  if (x->lo != y->lo)
    return x->lo < y->lo ? -1 : 1;
  if (x->hi != y->hi)
    return x->hi < y->hi ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static void parallel_ties(cn_arena *A, const cn_fig *f, int **kth, int **m) {
  int n = f->edges.n;
  pair_edge *pe = cn_arena_alloc(A, sizeof(pair_edge) * (size_t)(n + 1));
  *kth = cn_arena_alloc(A, sizeof(int) * (size_t)(n + 1));
  *m = cn_arena_alloc(A, sizeof(int) * (size_t)(n + 1));
  for (int i = 0; i < n; i++) {
    const cn_fig_edge *e = &f->edges.items[i];
    pe[i].lo = e->tail < e->head ? e->tail : e->head;
    pe[i].hi = e->tail < e->head ? e->head : e->tail;
    pe[i].index = i;
  }
  qsort(pe, (size_t)n, sizeof *pe, pair_edge_cmp);
  for (int i = 0; i < n;) {
    int j = i;
    while (j < n && pe[j].lo == pe[i].lo && pe[j].hi == pe[i].hi)
      j++;
    for (int k = i; k < j; k++) {
      (*kth)[pe[k].index] = k - i;
      (*m)[pe[k].index] = j - i;
    }
    i = j;
  }
}

/* Where one panel goes: its offset from the layout's coordinates, and
 * its cell's left and bottom. */
typedef struct placement {
  int p;           /* the panel's index */
  double left, bottom, dx, dy;
  int base_node;   /* its first node in the output */
  int base_cluster;
} placement;

/* The graph attributes of the final drawing. */
static void compose_graph(drawing *d, cn_fig *out) {
  cn_fig_attrs *ga = &out->graph;
  int png = strcmp(d->format, "png") == 0;
  cn_fig_set(out, ga, "outputorder", "edgesfirst");
  cn_fig_set(out, ga, "splines", "true");
  cn_fig_set(out, ga, "esep", "+3");
  cn_fig_set(out, ga, "pad", "0.1");
  cn_fig_set(out, ga, "bgcolor", "white"); /* transparent flattens to black */
  if (png)
    cn_fig_setf(out, ga, "dpi", "%g", d->o->dpi);
  figure_title_attrs(d, out);
}

/* A panel's clusters, corners and nodes at their places. */
static void compose_nodes(drawing *d, const cn_fig_geom *g, placement *pl,
                          cn_fig *out) {
  cn_arena *A = out->arena;
  const panel *pn = &d->panels[pl->p];
  const cn_fig *f = &pn->fig;
  double W = g->bb[2] - g->bb[0], H = g->bb[3] - g->bb[1];
  pl->base_cluster = out->clusters.n;
  for (int i = 0; i < f->clusters.n; i++) {
    int k = cn_fig_add_cluster(out, f->clusters.items[i].name);
    cn_fig_copy_attrs(out, &out->clusters.items[k].attrs, &f->clusters.items[i].attrs);
  }
  /* corners, a little outside the actors: every panel (and every file
   * of one) spans the same box */
  add_corner(out, cn_arena_printf(A, "corner%d_0", pl->p), pl->left - 2,
             pl->bottom - 2);
  add_corner(out, cn_arena_printf(A, "corner%d_1", pl->p), pl->left + W + 2,
             pl->bottom + H + 2);
  pl->base_node = out->nodes.n;
  for (int i = 0; i < f->nodes.n; i++) {
    const cn_fig_node *nd = &f->nodes.items[i];
    int k = cn_fig_add_node(out, nd->name,
                            nd->cluster >= 0 ? nd->cluster + pl->base_cluster : -1);
    cn_fig_copy_attrs(out, &out->nodes.items[k].attrs, &nd->attrs);
    int src = pn->node_src[i];
    cn_fig_setf(out, &out->nodes.items[k].attrs, "pos", "%.2f,%.2f",
                g->x[src] + pl->dx, g->y[src] + pl->dy);
  }
}

/* Drawn at fixed positions, a cluster's box is its bb: around its
 * members, with room for its label on top. */
static void compose_cluster_boxes(drawing *d, const cn_fig_geom *g,
                                  const placement *pl, cn_fig *out) {
  const panel *pn = &d->panels[pl->p];
  const cn_fig *f = &pn->fig;
  for (int cl = 0; cl < f->clusters.n; cl++) {
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (int i = 0; i < f->nodes.n; i++) {
      if (f->nodes.items[i].cluster != cl)
        continue;
      int src = pn->node_src[i];
      double hw = g->w[src] / 2, hh = g->h[src] / 2; /* sizes in points */
      x0 = fmin(x0, g->x[src] + pl->dx - hw);
      x1 = fmax(x1, g->x[src] + pl->dx + hw);
      y0 = fmin(y0, g->y[src] + pl->dy - hh);
      y1 = fmax(y1, g->y[src] + pl->dy + hh);
    }
    if (x0 > x1)
      continue;
    cn_fig_attrs *at = &out->clusters.items[pl->base_cluster + cl].attrs;
    cn_fig_setf(out, at, "bb", "%.2f,%.2f,%.2f,%.2f", x0 - 8, y0 - 8, x1 + 8,
                y1 + 22);
    cn_fig_setf(out, at, "lp", "%.2f,%.2f", (x0 + x1) / 2, y1 + 12);
  }
}

/* A panel's ties: the layout's splines moved to the panel, or drawn by
 * cnet (fanned out when several join one pair); with `route`, a tie alone
 * between its pair is left to Graphviz's router. */
static void compose_edges(drawing *d, const cn_fig_geom *g,
                          const placement *pl, int route, cn_fig *out) {
  cn_arena *A = out->arena;
  const panel *pn = &d->panels[pl->p];
  const cn_fig *f = &pn->fig;
  int *kth, *m;
  parallel_ties(A, f, &kth, &m);
  for (int i = 0; i < f->edges.n; i++) {
    const cn_fig_edge *e = &f->edges.items[i];
    int k = cn_fig_add_edge(out, e->tail + pl->base_node,
                            e->head + pl->base_node, e->key);
    cn_fig_attrs *at = &out->edges.items[k].attrs;
    cn_fig_copy_attrs(out, at, &e->attrs);
    int src = pn->edge_src[i];
    if (!d->own_splines && src >= 0 && g->epos[src] && *g->epos[src]) {
      cn_fig_set(out, at, "pos",
                 cn_fig_shift_pos(A, g->epos[src], pl->dx, pl->dy));
      continue;
    }
    if (route && m[i] == 1)
      continue; /* no pos: Graphviz routes it */
    int ta = pn->node_src[e->tail], he = pn->node_src[e->head];
    const char *dir = cn_fig_get(&e->attrs, "dir");
    /* one orientation for the fan of a pair, whichever way each runs */
    int flip = e->tail > e->head;
    cn_fig_set(out, at, "pos",
               edge_geometry(A, g->x[ta] + pl->dx, g->y[ta] + pl->dy,
                             cn_fig_get(&f->nodes.items[e->tail].attrs, "shape"),
                             g->w[ta], g->h[ta], g->x[he] + pl->dx,
                             g->y[he] + pl->dy,
                             cn_fig_get(&f->nodes.items[e->head].attrs, "shape"),
                             g->w[he], g->h[he], kth[i], m[i], flip,
                             !(dir && strcmp(dir, "none") == 0),
                             dir && strcmp(dir, "both") == 0));
  }
}

/* A panel's caption, centred in the band above it. */
static void compose_caption(const panel *pn, const placement *pl, double W,
                            double H, cn_fig *out) {
  cn_arena *A = out->arena;
  int c = cn_fig_add_node(out, cn_arena_printf(A, "caption%d", pl->p), -1);
  cn_fig_attrs *at = &out->nodes.items[c].attrs;
  cn_fig_set(out, at, "id", cn_arena_printf(A, "caption_s%d", pl->p));
  cn_fig_set(out, at, "class", "caption");
  cn_fig_set(out, at, "shape", "plaintext");
  cn_fig_set(out, at, "style", "solid");
  cn_fig_set(out, at, "fontsize", "12");
  cn_fig_set(out, at, "margin", "0");
  cn_fig_set_html(out, at, "label", pn->caption);
  cn_fig_setf(out, at, "pos", "%.2f,%.2f", pl->left + W / 2,
              pl->bottom + H + CAPTION_H / 2 + 3);
}

/* The final figure: panels [first, first+n) at the layout's positions, in
 * a grid, with captions, title and legend, for the "nop2" engine. */
void figure_compose(drawing *d, const cn_fig_geom *g, int first, int n,
                    cn_fig *out) {
  cn_arena *A = d->layout.arena;
  cn_fig_init(out, A, d->layout.name);
  figure_defaults(d, out);
  compose_graph(d, out);
  /* Graphviz routes a tie drawn alone between its pair around the actors
   * (makeSpline); cnet draws the fans of multiplex pairs itself, since
   * 2.42's router for parallel edges (makeMultiSpline) corrupts memory.
   * Routing is quadratic in the actors: only for figures of paper size. */
  int route = d->own_splines && d->layout.nodes.n <= 200 &&
              !layout_tight(g, d->layout.nodes.n);
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
    lw = figure_legend_width(d);
    lh = figure_legend(d, &scratch, 0, 0);
  }
  grid gr = choose_grid(n, W, cellH, lw, lh, d->o->legend);
  double totalH = gr.rows * cellH + (gr.rows - 1) * ROW_GAP;
  if (d->o->legend && !gr.legend_cell)
    totalH = fmax(totalH, lh);
  for (int p = first; p < first + n; p++) {
    int col = (p - first) % gr.cols, row = (p - first) / gr.cols;
    placement pl = {p, 0, 0, 0, 0, 0, 0};
    pl.left = col * (W + PANEL_GAP);
    pl.bottom = totalH - (row + 1) * cellH - row * ROW_GAP;
    pl.dx = pl.left - g->bb[0];
    pl.dy = pl.bottom - g->bb[1];
    compose_nodes(d, g, &pl, out);
    compose_cluster_boxes(d, g, &pl, out);
    compose_edges(d, g, &pl, route, out);
    if (captions && d->panels[p].caption)
      compose_caption(&d->panels[p], &pl, W, H, out);
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
    figure_legend(d, out, x0, top);
  }
}
