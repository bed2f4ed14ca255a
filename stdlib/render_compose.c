/* render_compose.c — the final drawing of a figure, composed inside the
 * renderer's child: every panel at the positions of the one layout, in a
 * grid, with title, panel captions and the legend of layers and kinds. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_draw.h"
#include "utf8.h"

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
void cn_draw_compose(drawing *d, const cn_fig_geom *g, int first, int n,
                     cn_fig *out) {
  cn_arena *A = d->layout.arena;
  cn_fig_init(out, A, d->layout.name);
  cn_draw_defaults(d, out);
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

