/* figure_compose.c — the final drawing of a figure, composed inside the
 * renderer's child: every panel at the positions of the one layout,
 * scaled to the page's width, with title, panel captions and the legend
 * (figure_legend.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure_draw.h"

/* Where the line from a node's centre towards (tx, ty) leaves its shape:
 * the distance from the centre. */
static int boxy(const char *shape) {
  return shape && (strcmp(shape, "box") == 0 || strcmp(shape, "rect") == 0 ||
                   strcmp(shape, "component") == 0 ||
                   strcmp(shape, "box3d") == 0 ||
                   strcmp(shape, "plaintext") == 0 ||
                   strcmp(shape, "house") == 0 ||
                   strcmp(shape, "hexagon") == 0);
}

static double boundary(const char *shape, double w, double h, double ux,
                       double uy) {
  double a = w / 2, b = h / 2;
  if (boxy(shape)) {
    double tx = fabs(ux) > 1e-9 ? a / fabs(ux) : 1e9;
    double ty = fabs(uy) > 1e-9 ? b / fabs(uy) : 1e9;
    return fmin(tx, ty);
  }
  double q = (ux / a) * (ux / a) + (uy / b) * (uy / b);
  return q > 0 ? 1 / sqrt(q) : 0;
}

/* An arrowhead's length for labels of em points: arrowsize × 10
 * (figure_defaults). */
#define ARROW_LEN(em) (0.7 * (em) / 11 * 10)

/* One end of a tie drawn by cnet: its actor's centre, shape and size on
 * the page. */
typedef struct edge_end {
  double x, y;
  const char *shape;
  double w, h;
} edge_end;

/* A tie drawn without Graphviz's router (which corrupts memory on
 * parallel edges in neato 2.42): a straight line, or for the k-th of m
 * ties between one pair a gentle curve, so that multiplex ties fan out.
 * The fan's spacing and the arrowheads follow the labels' size em; arrow:
 * an arrowhead at the head; back: one at the tail too. */
static const char *edge_geometry(cn_arena *A, const edge_end *a,
                                 const edge_end *b, int k, int m, int flip,
                                 int arrow, int back, double em) {
  double x1 = a->x, y1 = a->y, x2 = b->x, y2 = b->y;
  double dx = x2 - x1, dy = y2 - y1, L = sqrt(dx * dx + dy * dy);
  if (L < 1e-6)
    return "";
  double nx = -dy / L, ny = dx / L;
  double off = (k - (m - 1) / 2.0) * em * (flip ? -1 : 1);
  double cx = (x1 + x2) / 2 + nx * off * 2, cy = (y1 + y2) / 2 + ny * off * 2;
  double ux = cx - x1, uy = cy - y1, ul = sqrt(ux * ux + uy * uy);
  ux /= ul;
  uy /= ul;
  double vx = cx - x2, vy = cy - y2, vl = sqrt(vx * vx + vy * vy);
  vx /= vl;
  vy /= vl;
  double t1 = boundary(a->shape, a->w, a->h, ux, uy);
  double t2 = boundary(b->shape, b->w, b->h, vx, vy);
  double px = x1 + ux * t1, py = y1 + uy * t1;
  double ex = x2 + vx * t2, ey = y2 + vy * t2;
  double qx = ex, qy = ey;
  double head = ARROW_LEN(em);
  if (arrow) { /* the spline stops where the arrowhead begins */
    qx = ex + vx * head;
    qy = ey + vy * head;
  }
  const char *start = "";
  if (back) { /* and starts where the tail's arrowhead ends */
    start = cn_arena_printf(A, "s,%.2f,%.2f ", px, py);
    px += ux * head;
    py += uy * head;
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

/* Is (x, y) inside an actor's shape? */
static int inside_shape(const edge_end *a, double x, double y) {
  double ux = x - a->x, uy = y - a->y, L = sqrt(ux * ux + uy * uy);
  return L < 1e-9 || L < boundary(a->shape, a->w, a->h, ux / L, uy / L);
}

/* One end of a shifted route, brought onto its actor's outline: p[0] is
 * the end, p[1] the control point next to it, (tx, ty) the unit
 * direction the route enters the actor in.  The end moves along that
 * direction to where it meets the outline (or, when that line misses the
 * actor, towards the centre), then back by an arrowhead's length `head`
 * when it has one; the control point keeps its distance behind it, so
 * the curve still enters straight.  Returns the tip on the outline. */
typedef struct point2 {
  double x, y;
} point2;
static point2 end_on_outline(const edge_end *a, double *px, double *py,
                             double tx, double ty, double head) {
  double sx = px[0], sy = py[0];
  double s_in = (a->x - sx) * tx + (a->y - sy) * ty; /* nearest the centre */
  point2 tip = {sx, sy};
  if (inside_shape(a, sx + s_in * tx, sy + s_in * ty)) {
    double lo = s_in - (a->w + a->h), hi = s_in; /* outside, inside */
    for (int k = 0; k < 40; k++) {
      double mid = (lo + hi) / 2;
      if (inside_shape(a, sx + mid * tx, sy + mid * ty))
        hi = mid;
      else
        lo = mid;
    }
    tip = (point2){sx + lo * tx, sy + lo * ty};
  } else { /* the line misses the actor: along the ray from its centre */
    double ux = sx - a->x, uy = sy - a->y, L = sqrt(ux * ux + uy * uy);
    if (L > 1e-9) {
      double t = boundary(a->shape, a->w, a->h, ux / L, uy / L);
      tip = (point2){a->x + ux / L * t, a->y + uy / L * t};
    }
  }
  double back = sqrt((px[1] - px[0]) * (px[1] - px[0]) + (py[1] - py[0]) * (py[1] - py[0]));
  px[0] = tip.x - tx * head;
  py[0] = tip.y - ty * head;
  px[1] = px[0] - tx * back;
  py[1] = py[0] - ty * back;
  return tip;
}

/* One tie of a multiplex pair whose route Graphviz found: the pair's route
 * (a spline from a's outline to b's, without arrowheads; `reversed`: from
 * b to a) shifted `off` points sideways, each point along the route's
 * normal there, its ends brought back onto the outlines and, for an
 * arrowhead, shortened by its length.  The fan follows the route around
 * the other actors.  NULL when the route is not one plain spline. */
#define ROUTE_POINTS_MAX 512
#define FAN_ROUTED_EM 0.6 /* the fan's lines this many ems apart */
static const char *fan_geometry(cn_arena *A, const char *route, int reversed,
                                const edge_end *a, const edge_end *b,
                                double off, int arrow, int back, double em) {
  double px[ROUTE_POINTS_MAX], py[ROUTE_POINTS_MAX];
  int n = 0, used = 0;
  for (const char *s = route; *s; s += used) {
    if (*s == ' ') {
      used = 1;
      continue;
    }
    if (n == ROUTE_POINTS_MAX ||
        sscanf(s, "%lf,%lf%n", &px[n], &py[n], &used) != 2)
      return NULL; /* an arrowhead's "e,…", or a second spline */
    n++;
  }
  if (n < 4 || (n - 1) % 3 != 0)
    return NULL;
  if (reversed)
    for (int i = 0; i < n / 2; i++) {
      double tx = px[i], ty = py[i];
      px[i] = px[n - 1 - i];
      py[i] = py[n - 1 - i];
      px[n - 1 - i] = tx;
      py[n - 1 - i] = ty;
    }
  double *qx = cn_arena_alloc(A, sizeof(double) * (size_t)n);
  double *qy = cn_arena_alloc(A, sizeof(double) * (size_t)n);
  for (int i = 0; i < n; i++) {
    int lo = i > 0 ? i - 1 : 0, hi = i < n - 1 ? i + 1 : n - 1;
    double tx = px[hi] - px[lo], ty = py[hi] - py[lo], L = sqrt(tx * tx + ty * ty);
    if (L < 1e-9) { /* coinciding control points: the chord's direction */
      tx = px[n - 1] - px[0];
      ty = py[n - 1] - py[0];
      L = fmax(1e-9, sqrt(tx * tx + ty * ty));
    }
    qx[i] = px[i] - ty / L * off;
    qy[i] = py[i] + tx / L * off;
  }
  /* the directions the route leaves a and enters b in */
  double ax = px[0] - px[1], ay = py[0] - py[1], bx = px[n - 1] - px[n - 2],
         by = py[n - 1] - py[n - 2];
  double la = sqrt(ax * ax + ay * ay), lb = sqrt(bx * bx + by * by);
  if (la < 1e-9 || lb < 1e-9)
    return NULL;
  double head = ARROW_LEN(em);
  /* the ends, from b's end backwards for b */
  double rx[2] = {qx[n - 1], qx[n - 2]}, ry[2] = {qy[n - 1], qy[n - 2]};
  point2 e = end_on_outline(b, rx, ry, bx / lb, by / lb, arrow ? head : 0);
  qx[n - 1] = rx[0];
  qy[n - 1] = ry[0];
  qx[n - 2] = rx[1];
  qy[n - 2] = ry[1];
  point2 st = end_on_outline(a, qx, qy, ax / la, ay / la, back ? head : 0);
  double ex = e.x, ey = e.y, sx = st.x, sy = st.y;
  size_t cap = (size_t)n * 32 + 80, len = 0;
  char *out = cn_arena_alloc(A, cap);
  if (back)
    len += (size_t)snprintf(out + len, cap - len, "s,%.2f,%.2f ", sx, sy);
  if (arrow)
    len += (size_t)snprintf(out + len, cap - len, "e,%.2f,%.2f ", ex, ey);
  for (int i = 0; i < n; i++)
    len += (size_t)snprintf(out + len, cap - len, "%s%.2f,%.2f", i ? " " : "",
                            qx[i], qy[i]);
  return out;
}

/* The page: panels in a grid of `cols` columns, scaled by one factor from
 * the layout's points to the page's, with fixed-size parts — gaps,
 * captions, legend, title — in points on the page, in proportion to the
 * labels (EM: fontsize=).  The arrangement chosen is the one that draws
 * the panels largest on a page no taller than PAGE_ASPECT × its width (a
 * journal's text block); side by side only when that is larger than one
 * column. */
#define PANEL_GAP_EM 2.5  /* between panels side by side */
#define ROW_GAP_EM 1.2    /* between rows of panels, below the next captions */
#define CAPTION_EM 3.4    /* the caption band above a panel: two lines */
#define CAPTION_LINE_EM 2.0 /* … or one line, when it fits every column */
#define LEGEND_GAP_EM 2.0 /* between the drawing and the legend */
#define TITLE_EM 3.2      /* the title: two lines */
#define PAGE_ASPECT 1.45  /* height / width at most (17 × 24.7 cm) */
#define SCALE_MAX 2.5     /* a small network is spread at most this much */
#define SPREAD_ASPECT 0.75 /* … and, spread, at most this tall for the
                              page's width (a tall layout of six actors made
                              a 14 × 20 cm page, mostly empty) */
#define INSET_EM 0.6      /* the page's edge to the drawing: a margin, and
                             Graphviz sizes a node a little larger than
                             its layout did */

/* Where the legend goes: none, right of the panels, below them, in the
 * grid's empty last cell, or beside one panel of a single column in the
 * room its narrower drawing leaves (the narrow first stage of a growing
 * network). */
enum { LEGEND_NONE, LEGEND_RIGHT, LEGEND_BELOW, LEGEND_CELL, LEGEND_BESIDE };
#define LEGEND_COLS_MAX 6

/* The part of the layout one panel draws (layout points), and which of
 * its nodes it draws. */
typedef struct panel_box {
  double x0, y0, x1, y1;
  unsigned char *drawn; /* per node of the panel */
} panel_box;

typedef struct page {
  int n, cols, rows, legend_at;
  int one_line;           /* captions on one line */
  const panel_box *box;   /* the n panels' extents */
  const double *cap_w;    /* the n one-line captions' widths on the page
                             (0: none, -1: no one-line form) */
  double cap_line_h;      /* the caption band of one line */
  double union_h;         /* the height of the union's layout */
  double scale;           /* layout points -> page points */
  double width, height;   /* of everything below the title */
  double gap, row_gap, cap_h, lgap, inset;
  double lw, lh;             /* the legend beside: one column */
  double bw, bh;             /* the legend below: bcols columns, as many
                                as the page's width holds */
  int bcols;
  double cw[LEGEND_COLS_MAX + 1], ch[LEGEND_COLS_MAX + 1]; /* in k columns */
  int beside_row, beside_cols; /* LEGEND_BESIDE: which panel, in how many
                                  columns */
} page;

/* Panel i's extent in layout points. */
static double box_w(const page *p, int i) { return p->box[i].x1 - p->box[i].x0; }
static double box_h(const page *p, int i) { return p->box[i].y1 - p->box[i].y0; }

/* Column c's width and row r's height in layout points: its widest and
 * its tallest panel (panels take the room their own drawing needs). */
static double col_width(const page *p, int c) {
  double w = 0;
  for (int i = c; i < p->n; i += p->cols)
    w = fmax(w, box_w(p, i));
  return w;
}
static double row_height(const page *p, int r) {
  double h = 0;
  for (int i = r * p->cols; i < p->n && i < (r + 1) * p->cols; i++)
    h = fmax(h, box_h(p, i));
  return h;
}

/* The top of row r, and the left of column c, on the page. */
static double row_top(const page *p, int r) {
  double top = p->height;
  for (int k = 0; k < r; k++)
    top -= p->scale * row_height(p, k) + p->cap_h + p->row_gap;
  return top;
}
static double col_left(const page *p, double left0, int c) {
  for (int k = 0; k < c; k++)
    left0 += p->scale * col_width(p, k) + p->gap;
  return left0;
}

/* Does every caption fit its column on one line at scale s? */
static int captions_fit_line(const page *p, double s) {
  for (int i = 0; i < p->n; i++)
    if (p->cap_w[i] < 0 || p->cap_w[i] > s * col_width(p, i % p->cols))
      return 0;
  return 1;
}

/* Does the legend fit beside one of the panels of a single column at
 * scale s, within the panel's row and its caption band?  Sets the row
 * (the first that has room) and the legend's columns (the fewest that
 * fit: one column reads best). */
static int legend_beside(page *p, double s, double T) {
  if (p->cols != 1)
    return 0;
  for (int r = 0; r < p->rows; r++) {
    double room = T - 2 * p->inset - s * box_w(p, r) - p->lgap;
    for (int k = 1; k <= LEGEND_COLS_MAX; k++)
      if (p->cw[k] <= room && p->ch[k] <= s * box_h(p, r) + p->cap_h) {
        p->beside_row = r;
        p->beside_cols = k;
        return 1;
      }
  }
  return 0;
}

/* The page of arrangement (cols, legend_at, one_line) at width T, or
 * scale 0 when it does not fit. */
static page arrange(const page *base, int cols, int legend_at, int one_line,
                    double T, double title_h) {
  page p = *base;
  int n = p.n;
  p.cols = cols;
  p.rows = (n + cols - 1) / cols;
  p.legend_at = legend_at;
  p.one_line = one_line;
  if (one_line && p.cap_h > 0)
    p.cap_h = p.cap_line_h;
  p.scale = 0;
  for (p.bcols = 1; p.bcols < LEGEND_COLS_MAX && p.cw[p.bcols + 1] <= T;)
    p.bcols++;
  p.bw = p.cw[p.bcols];
  p.bh = p.ch[p.bcols];
  double W = 0, H = 0;
  for (int c = 0; c < cols; c++)
    W += col_width(&p, c);
  for (int r = 0; r < p.rows; r++)
    H += row_height(&p, r);
  double fixed_w = (cols - 1) * p.gap + 2 * p.inset +
                   (legend_at == LEGEND_RIGHT ? p.lgap + p.lw : 0);
  double fixed_h = p.rows * p.cap_h + (p.rows - 1) * p.row_gap +
                   (legend_at == LEGEND_BELOW ? p.lgap + p.bh : 0) + title_h;
  if (fixed_w >= T || W <= 0 || H <= 0)
    return p;
  double s = (T - fixed_w) / W;
  double hmax = PAGE_ASPECT * T;
  if (fixed_h + s * H > hmax)
    s = (hmax - fixed_h) / H;
  if (legend_at == LEGEND_RIGHT && p.lh + title_h > hmax)
    return p;
  s = fmin(s, SCALE_MAX);
  if (s > 1) /* spread to use the width, not to run down the page: the
                drawing's rows as tall as the union's layout, so that
                files of one stage each share one scale */
    s = fmax(1, fmin(s, SPREAD_ASPECT * T / fmax(H, p.rows * p.union_h)));
  if (s <= 0)
    return p;
  if (legend_at == LEGEND_CELL &&
      (p.rows * cols == n || p.lw > s * col_width(&p, cols - 1) ||
       p.lh > s * row_height(&p, p.rows - 1) + p.cap_h))
    return p;
  if (one_line && !captions_fit_line(&p, s))
    return p;
  if (legend_at == LEGEND_BESIDE && !legend_beside(&p, s, T))
    return p;
  p.scale = s;
  p.height = s * H + p.rows * p.cap_h + (p.rows - 1) * p.row_gap;
  if (legend_at == LEGEND_BELOW)
    p.height += p.lgap + p.bh;
  if (legend_at == LEGEND_RIGHT)
    p.height = fmax(p.height, p.lh);
  p.width = T;
  return p;
}

/* The arrangement that draws the panels largest at width T. */
static page best_page(const page *base, int legend, double T,
                      double title_h) {
  int n = base->n;
  page best = *base;
  best.scale = 0;
  for (int cols = 1; cols <= n; cols++) {
    int rows = (n + cols - 1) / cols;
    if (cols > 1 && (rows - 1) * cols >= n)
      continue; /* an empty row */
    for (int at = legend ? LEGEND_RIGHT : LEGEND_NONE;
         at <= (legend ? LEGEND_BESIDE : LEGEND_NONE); at++)
      for (int one_line = 0; one_line < 2; one_line++) {
        page p = arrange(base, cols, at, one_line, T, title_h);
        if (p.scale > best.scale * (1 + 1e-9) ||
            (p.scale > best.scale * (1 - 1e-9) && p.height < best.height))
          best = p;
      }
  }
  return best;
}

/* The narrowest page on which the panels' labels keep their size (the
 * layout's scale 1), by bisection over the width. */
static double narrowest_width(const page *base, int legend, double title_h,
                              double T) {
  double lo = T, hi = T;
  for (int i = 0; i < 40 && best_page(base, legend, hi, title_h).scale < 1; i++)
    hi *= 1.5;
  for (int i = 0; i < 40; i++) {
    double mid = (lo + hi) / 2;
    if (best_page(base, legend, mid, title_h).scale < 1)
      lo = mid;
    else
      hi = mid;
  }
  return hi;
}

/* An invisible point that stretches the drawing's bounding box. */
static void add_corner(cn_fig *out, const char *name, double x, double y) {
  int c = cn_fig_add_node(out, name, -1);
  cn_fig_attrs *at = &out->nodes.items[c].attrs;
  cn_fig_set(out, at, "style", "invis");
  cn_fig_set(out, at, "shape", "point");
  cn_fig_set(out, at, "width", "0.001");
  cn_fig_set(out, at, "height", "0.001");
  cn_fig_set(out, at, "fixedsize", "true");
  cn_fig_set(out, at, "penwidth", "0");
  cn_fig_set(out, at, "label", "");
  cn_fig_setf(out, at, "pos", "%.2f,%.2f", x, y);
}

/* The k-th of the m ties between one pair of actors, for each edge of a
 * figure (either direction counts): sorted by pair, then by index; first:
 * the pair's first edge. */
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

static void parallel_ties(cn_arena *A, const cn_fig *f, int **kth, int **m,
                          int **first) {
  int n = f->edges.n;
  pair_edge *pe = cn_arena_alloc(A, sizeof(pair_edge) * (size_t)(n + 1));
  *kth = cn_arena_alloc(A, sizeof(int) * (size_t)(n + 1));
  *m = cn_arena_alloc(A, sizeof(int) * (size_t)(n + 1));
  *first = cn_arena_alloc(A, sizeof(int) * (size_t)(n + 1));
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
      (*first)[pe[k].index] = pe[i].index;
    }
    i = j;
  }
}

/* Where one panel goes: its cell's left and bottom on the page, and how
 * a layout point maps onto it. */
typedef struct placement {
  int p;           /* the panel's index */
  double left, bottom;
  double scale;    /* layout points -> page points */
  double size;     /* node sizes: layout -> page (the labels' shrink) */
  double x0, y0;   /* the panel's lower-left corner in the layout */
  const unsigned char *drawn; /* which of the panel's nodes it draws */
  int *out_node;   /* the panel's node -> node of the output, or -1 */
  int base_cluster;
} placement;

static double place_x(const placement *pl, double x) {
  return pl->left + (x - pl->x0) * pl->scale;
}
static double place_y(const placement *pl, double y) {
  return pl->bottom + (y - pl->y0) * pl->scale;
}

/* The graph attributes of the final drawing: nodes first, so that ties
 * are drawn over the hollow absent actors they cross. */
static void compose_graph(drawing *d, cn_fig *out) {
  cn_fig_attrs *ga = &out->graph;
  int png = strcmp(d->format, "png") == 0;
  cn_fig_set(out, ga, "outputorder", "nodesfirst");
  cn_fig_set(out, ga, "splines", "true");
  cn_fig_set(out, ga, "esep", "+3");
  cn_fig_set(out, ga, "pad", "0");
  cn_fig_set(out, ga, "margin", "0"); /* cairo's PDF would add half an inch */
  cn_fig_set(out, ga, "bgcolor", "white"); /* transparent flattens to black */
  if (png)
    cn_fig_setf(out, ga, "dpi", "%g", d->o->dpi);
  figure_title_attrs(d, out);
  if (d->title_html) /* the title as far from the page's top edge */
    cn_fig_set_html(out, ga, "label",
                    cn_arena_printf(out->arena,
                                    "<TABLE BORDER=\"0\" CELLSPACING=\"0\" "
                                    "CELLPADDING=\"%ld\"><TR><TD>%s</TD></TR></TABLE>",
                                    lround(INSET_EM * d->o->font_pt), d->title_html));
}

int figure_peripheries(const cn_fig_attrs *at) {
  const char *p = cn_fig_get(at, "peripheries"), *shape = cn_fig_get(at, "shape");
  if (p)
    return atoi(p);
  if (shape && (strcmp(shape, "doublecircle") == 0 ||
                strcmp(shape, "doubleoctagon") == 0))
    return 2;
  return shape && strcmp(shape, "tripleoctagon") == 0 ? 3 : 1;
}

/* A panel's clusters and nodes at their places. */
static void compose_nodes(drawing *d, const cn_fig_geom *g, placement *pl,
                          cn_fig *out) {
  const panel *pn = &d->panels[pl->p];
  const cn_fig *f = &pn->fig;
  pl->base_cluster = out->clusters.n;
  for (int i = 0; i < f->clusters.n; i++) {
    int k = cn_fig_add_cluster(out, f->clusters.items[i].name);
    cn_fig_copy_attrs(out, &out->clusters.items[k].attrs, &f->clusters.items[i].attrs);
  }
  pl->out_node = cn_arena_alloc(out->arena, sizeof(int) * (size_t)(f->nodes.n + 1));
  for (int i = 0; i < f->nodes.n; i++) {
    const cn_fig_node *nd = &f->nodes.items[i];
    pl->out_node[i] = -1;
    if (!pl->drawn[i])
      continue;
    int k = cn_fig_add_node(out, nd->name,
                            nd->cluster >= 0 ? nd->cluster + pl->base_cluster : -1);
    pl->out_node[i] = k;
    cn_fig_copy_attrs(out, &out->nodes.items[k].attrs, &nd->attrs);
    figure_scale_fixed_size(out, &out->nodes.items[k].attrs, pl->size);
    int src = pn->node_src[i];
    cn_fig_attrs *at = &out->nodes.items[k].attrs;
    if (pl->size < 1 && !cn_fig_get(at, "fixedsize")) {
      /* exactly its layout's size, shrunk: Graphviz would size a smaller
         label with margins that do not shrink in proportion, and bring
         stacked actors' outlines together.  A fixed size is the inner
         outline's: the outer ones are drawn a gap further out. */
      double rings = 2 * GV_PERIPHERY_GAP * (figure_peripheries(at) - 1);
      cn_fig_setf(out, at, "width", "%.4f", fmax(1, g->w[src] * pl->size - rings) / 72);
      cn_fig_setf(out, at, "height", "%.4f", fmax(1, g->h[src] * pl->size - rings) / 72);
      cn_fig_set(out, at, "fixedsize", "true");
    }
    double x = place_x(pl, g->x[src]), y = place_y(pl, g->y[src]);
    if (d->below_h && d->below_h[src] > 0) {
      /* node_size=: the label at the foot of the node's layout box, its
         shape right above it */
      double bottom = y - g->h[src] * pl->size / 2;
      double label_h = d->below_h[src] - LABEL_GAP_EM * d->o->font_pt;
      double dia = atof(cn_fig_get(at, "height")) * 72 +
                   2 * GV_PERIPHERY_GAP * (figure_peripheries(at) - 1);
      cn_fig_setf(out, at, "xlp", "%.2f,%.2f", x, bottom + label_h * pl->size / 2);
      y = bottom + d->below_h[src] * pl->size + dia / 2;
    }
    cn_fig_setf(out, at, "pos", "%.2f,%.2f", x, y);
  }
}

/* Drawn at fixed positions, a cluster's box is its bb: around its
 * members, with room for its label on top. */
static void compose_cluster_boxes(drawing *d, const cn_fig_geom *g,
                                  const placement *pl, cn_fig *out) {
  const panel *pn = &d->panels[pl->p];
  const cn_fig *f = &pn->fig;
  double em = d->text_pt;
  for (int cl = 0; cl < f->clusters.n; cl++) {
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (int i = 0; i < f->nodes.n; i++) {
      if (f->nodes.items[i].cluster != cl || !pl->drawn[i])
        continue;
      int src = pn->node_src[i];
      double hw = g->w[src] * pl->size / 2, hh = g->h[src] * pl->size / 2;
      double x = place_x(pl, g->x[src]), y = place_y(pl, g->y[src]);
      x0 = fmin(x0, x - hw);
      x1 = fmax(x1, x + hw);
      y0 = fmin(y0, y - hh);
      y1 = fmax(y1, y + hh);
    }
    if (x0 > x1)
      continue;
    cn_fig_attrs *at = &out->clusters.items[pl->base_cluster + cl].attrs;
    /* the title at the captions' size, its box at least as wide as it
       with a quarter em on each side */
    double fs = PAGE_PT(d) * CAPTION_SCALE;
    int lines;
    double title_w = figure_label_width(cn_fig_get(at, "label"), fs, &lines);
    double widen = fmax(0, title_w + fs / 2 - (x1 - x0 + 1.4 * em)) / 2;
    x0 -= widen;
    x1 += widen;
    cn_fig_setf(out, at, "fontsize", "%.3g", fs);
    cn_fig_setf(out, at, "bb", "%.2f,%.2f,%.2f,%.2f", x0 - 0.7 * em,
                y0 - 0.7 * em, x1 + 0.7 * em, y1 + 2 * em);
    cn_fig_setf(out, at, "lp", "%.2f,%.2f", (x0 + x1) / 2, y1 + 1.1 * em);
  }
}

/* Is node i of a panel drawn as absent from its stage? */
static int is_absent(const cn_fig *f, int i) {
  const char *cls = cn_fig_get(&f->nodes.items[i].attrs, "class");
  size_t n = strlen("absent");
  for (const char *p = cls; p && (p = strstr(p, "absent")); p += n)
    if ((p == cls || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
      return 1;
  return 0;
}

/* Box b around the panel's nodes b.drawn (their shapes, in the layout). */
static panel_box nodes_extent(const panel *pn, const cn_fig_geom *g,
                              panel_box b) {
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (int i = 0; i < pn->fig.nodes.n; i++) {
    int src = pn->node_src[i];
    if (!b.drawn[i])
      continue;
    x0 = fmin(x0, g->x[src] - g->w[src] / 2);
    x1 = fmax(x1, g->x[src] + g->w[src] / 2);
    y0 = fmin(y0, g->y[src] - g->h[src] / 2);
    y1 = fmax(y1, g->y[src] + g->h[src] / 2);
  }
  if (x0 <= x1) {
    b.x0 = x0;
    b.y0 = y0;
    b.x1 = x1;
    b.y1 = y1;
  }
  return b;
}

/* The part of the layout panel p draws: around every node it has, or
 * (`crop`) around its present actors and the absent ones that stand among
 * them (centred within the box of their centres: where the others will
 * be); an absent actor farther out is then left out, so that a stage
 * with few actors takes little room.  Panels sharing a page are cropped
 * when their labels would not keep their size otherwise (page_of).  Every
 * actor keeps its place in the one layout; a panel keeps no room for the
 * union's nodes it does not have (a member folded into its group).  A
 * panel with clusters shows the whole layout, one with no present actor
 * every node it has. */
static panel_box panel_extent(const drawing *d, const cn_fig_geom *g, int p,
                              int crop) {
  const panel *pn = &d->panels[p];
  const cn_fig *f = &pn->fig;
  panel_box b = {g->bb[0], g->bb[1], g->bb[2], g->bb[3], NULL};
  b.drawn = cn_arena_alloc(d->layout.arena, (size_t)f->nodes.n + 1);
  memset(b.drawn, 1, (size_t)f->nodes.n + 1);
  if (f->clusters.n > 0 || f->nodes.n == 0)
    return b;
  if (!crop)
    return nodes_extent(pn, g, b);
  double cx0 = INFINITY, cy0 = INFINITY, cx1 = -INFINITY, cy1 = -INFINITY;
  for (int i = 0; i < f->nodes.n; i++) /* the box of the present actors' centres */
    if (!is_absent(f, i)) {
      int src = pn->node_src[i];
      cx0 = fmin(cx0, g->x[src]);
      cx1 = fmax(cx1, g->x[src]);
      cy0 = fmin(cy0, g->y[src]);
      cy1 = fmax(cy1, g->y[src]);
    }
  if (cx0 > cx1) /* nothing present: every ghost */
    return nodes_extent(pn, g, b);
  for (int i = 0; i < f->nodes.n; i++) {
    int src = pn->node_src[i];
    double x = g->x[src], y = g->y[src];
    b.drawn[i] = !is_absent(f, i) || (x >= cx0 && x <= cx1 && y >= cy0 && y <= cy1);
  }
  return nodes_extent(pn, g, b);
}

/* What a panel's ties are routed around, on the page: its present
 * actors' shapes, the labels set below them (node_size=) and its
 * clusters' titles.  node: the panel's node, or -1. */
typedef struct obstacle {
  double x, y, w, h;
  int node;
} obstacle;

/* An actor's shape on the page: its centre and size as drawn. */
static edge_end node_end(const drawing *d, const cn_fig_geom *g,
                         const placement *pl, const cn_fig *out, int i) {
  const panel *pn = &d->panels[pl->p];
  int src = pn->node_src[i];
  edge_end e = {place_x(pl, g->x[src]), place_y(pl, g->y[src]),
                cn_fig_get(&pn->fig.nodes.items[i].attrs, "shape"),
                g->w[src] * pl->size, g->h[src] * pl->size};
  if (d->below_h && d->below_h[src] > 0 && pl->out_node[i] >= 0) {
    /* its layout box holds its label too: the shape is drawn smaller */
    const cn_fig_attrs *at = &out->nodes.items[pl->out_node[i]].attrs;
    double rings = 2 * GV_PERIPHERY_GAP * (figure_peripheries(at) - 1);
    if (sscanf(cn_fig_get(at, "pos"), "%lf,%lf", &e.x, &e.y) == 2) {
      e.w = atof(cn_fig_get(at, "width")) * 72 + rings;
      e.h = atof(cn_fig_get(at, "height")) * 72 + rings;
    }
  }
  return e;
}

/* The box of a text centred at `pos` (one line, or lines LABEL_LINE_EM
 * apart), without the leading above and below it. */
static obstacle text_obstacle(const char *pos, const char *label, double em) {
  obstacle o = {0, 0, 0, 0, -1};
  int lines;
  if (!pos || !label || sscanf(pos, "%lf,%lf", &o.x, &o.y) != 2)
    return o;
  o.w = figure_label_width(label, em, &lines);
  o.h = (LABEL_LINE_EM * lines - 0.2) * em;
  return o;
}

static obstacle *panel_obstacles(const drawing *d, const cn_fig_geom *g,
                                 const placement *pl, const cn_fig *out,
                                 int *n) {
  const cn_fig *f = &d->panels[pl->p].fig;
  obstacle *ob = cn_arena_alloc(out->arena,
                                sizeof(obstacle) * (size_t)(2 * f->nodes.n + f->clusters.n + 1));
  *n = 0;
  for (int i = 0; i < f->nodes.n; i++) {
    if (is_absent(f, i) || pl->out_node[i] < 0)
      continue;
    edge_end e = node_end(d, g, pl, out, i);
    /* the router goes around an ellipse's circumscribed octagon, whose
       corners stand out of its box by up to 1 / cos(22.5°) */
    double k = boxy(e.shape) ? 1 : 1.083;
    ob[(*n)++] = (obstacle){e.x, e.y, e.w * k, e.h * k, i};
    const cn_fig_attrs *at = &out->nodes.items[pl->out_node[i]].attrs;
    obstacle t = text_obstacle(cn_fig_get(at, "xlp"), cn_fig_get(at, "xlabel"), d->text_pt);
    if (t.w > 0)
      ob[(*n)++] = t;
  }
  for (int c = 0; c < f->clusters.n; c++) {
    const cn_fig_attrs *at = &out->clusters.items[pl->base_cluster + c].attrs;
    obstacle t = text_obstacle(cn_fig_get(at, "lp"), cn_fig_get(at, "label"),
                               atof(cn_fig_get(at, "fontsize")));
    if (t.w > 0)
      ob[(*n)++] = t;
  }
  return ob;
}

/* The room Graphviz's router keeps around each obstacle (esep, points):
 * 3, or less in a panel whose obstacles stand closer (a page that shrank
 * its labels), so that padded they still do not touch — touching, the
 * router draws every tie straight through the actors.  0 when two come
 * too close to route between at all. */
#define ROUTE_ROOM_MAX 3.0
#define ROUTE_ROOM_MIN 0.2
static double route_room(const obstacle *ob, int n) {
  double gap = INFINITY;
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) {
      double dx = fabs(ob[i].x - ob[j].x) - (ob[i].w + ob[j].w) / 2;
      double dy = fabs(ob[i].y - ob[j].y) - (ob[i].h + ob[j].h) / 2;
      gap = fmin(gap, fmax(dx, dy)); /* their boxes' distance */
    }
  /* half the gap each, less a little for rounding (an ellipse is already
     its octagon) */
  double room = fmin(ROUTE_ROOM_MAX, gap / 2 - 0.2);
  return room >= ROUTE_ROOM_MIN ? room : 0;
}

/* Route the ties of a panel — one per pair, the first of a multiplex
 * pair's standing for its fan — around the
 * panel's present actors only (an absent actor neither hides a tie nor
 * bends it), in a figure of their own: the work is cubic in the actors
 * routed around, so one panel at a time.  Fills route[i] with the
 * spline of the panel's edge i, or NULL. */
static void route_panel(drawing *d, const placement *pl, const cn_fig *out,
                        const int *kth, const int *m, const obstacle *ob,
                        int nob, double room, const char **route) {
  const panel *pn = &d->panels[pl->p];
  const cn_fig *f = &pn->fig;
  cn_arena *A = out->arena;
  cn_fig r;
  cn_fig_init(&r, A, "route");
  figure_defaults(d, &r);
  cn_fig_set(&r, &r.graph, "splines", "true");
  cn_fig_setf(&r, &r.graph, "esep", "+%.2f", room);
  /* the splines where the panel is, not moved to the origin with it */
  cn_fig_set(&r, &r.graph, "notranslate", "true");
  int *rnode = cn_arena_alloc(A, sizeof(int) * (size_t)(f->nodes.n + 1));
  for (int i = 0; i < f->nodes.n; i++) {
    rnode[i] = -1;
    if (is_absent(f, i) || pl->out_node[i] < 0)
      continue;
    rnode[i] = cn_fig_add_node(&r, f->nodes.items[i].name, -1);
    cn_fig_copy_attrs(&r, &r.nodes.items[rnode[i]].attrs,
                      &out->nodes.items[pl->out_node[i]].attrs);
    cn_fig_set(&r, &r.nodes.items[rnode[i]].attrs, "xlabel", ""); /* an obstacle below */
  }
  for (int k = 0; k < nob; k++) { /* labels and titles: boxes routed around */
    if (ob[k].node >= 0)
      continue;
    int t = cn_fig_add_node(&r, cn_arena_printf(A, "text %d", k), -1);
    cn_fig_attrs *at = &r.nodes.items[t].attrs;
    cn_fig_set(&r, at, "shape", "box");
    cn_fig_set(&r, at, "label", "");
    cn_fig_set(&r, at, "fixedsize", "true");
    cn_fig_setf(&r, at, "width", "%.4f", ob[k].w / 72);
    cn_fig_setf(&r, at, "height", "%.4f", ob[k].h / 72);
    cn_fig_setf(&r, at, "pos", "%.2f,%.2f", ob[k].x, ob[k].y);
  }
  int *redge = cn_arena_alloc(A, sizeof(int) * (size_t)(f->edges.n + 1));
  for (int i = 0; i < f->edges.n; i++) {
    const cn_fig_edge *e = &f->edges.items[i];
    redge[i] = -1;
    route[i] = NULL;
    if (kth[i] != 0 || rnode[e->tail] < 0 || rnode[e->head] < 0)
      continue;
    redge[i] = cn_fig_add_edge(&r, rnode[e->tail], rnode[e->head], e->key);
    cn_fig_copy_attrs(&r, &r.edges.items[redge[i]].attrs, &e->attrs);
    if (m[i] > 1) /* the route of the pair's fan: fan_geometry adds arrows */
      cn_fig_set(&r, &r.edges.items[redge[i]].attrs, "dir", "none");
  }
  cn_fig_geom rg;
  memset(&rg, 0, sizeof rg);
  if (r.edges.n == 0 || cn_gv_layout(&r, "nop2", &rg) != 0)
    return;
  for (int i = 0; i < f->edges.n; i++)
    if (redge[i] >= 0 && rg.epos[redge[i]] && *rg.epos[redge[i]])
      route[i] = rg.epos[redge[i]];
}

/* A panel's ties: routed around its actors when it is alone between its
 * pair, else (and when routing cannot be done) drawn by cnet, fanned out
 * when several join one pair. */
static void compose_edges(drawing *d, const cn_fig_geom *g,
                          const placement *pl, int route, cn_fig *out) {
  cn_arena *A = out->arena;
  const panel *pn = &d->panels[pl->p];
  const cn_fig *f = &pn->fig;
  int *kth, *m, *first;
  parallel_ties(A, f, &kth, &m, &first);
  const char **routed = cn_arena_alloc(A, sizeof(char *) * (size_t)(f->edges.n + 1));
  int nob = 0;
  const obstacle *ob = route ? panel_obstacles(d, g, pl, out, &nob) : NULL;
  double room = route ? route_room(ob, nob) : 0;
  if (room > 0)
    route_panel(d, pl, out, kth, m, ob, nob, room, routed);
  for (int i = 0; i < f->edges.n; i++) {
    const cn_fig_edge *e = &f->edges.items[i];
    if (pl->out_node[e->tail] < 0 || pl->out_node[e->head] < 0)
      continue; /* a tie of an absent actor left out of the panel */
    int k = cn_fig_add_edge(out, pl->out_node[e->tail], pl->out_node[e->head],
                            e->key);
    cn_fig_attrs *at = &out->edges.items[k].attrs;
    cn_fig_copy_attrs(out, at, &e->attrs);
    if (m[i] == 1 && routed[i]) {
      cn_fig_set(out, at, "pos", routed[i]);
      continue;
    }
    const char *dir = cn_fig_get(&e->attrs, "dir");
    /* one orientation for the fan of a pair, whichever way each runs */
    int flip = e->tail > e->head;
    edge_end a = node_end(d, g, pl, out, e->tail);
    edge_end b = node_end(d, g, pl, out, e->head);
    int arrow = !(dir && strcmp(dir, "none") == 0);
    int back = dir && strcmp(dir, "both") == 0;
    const char *pos = NULL;
    if (routed[first[i]]) /* the fan along its pair's route */
      pos = fan_geometry(A, routed[first[i]], e->tail != f->edges.items[first[i]].tail,
                         &a, &b, (kth[i] - (m[i] - 1) / 2.0) * FAN_ROUTED_EM * d->text_pt,
                         arrow, back, d->text_pt);
    if (!pos)
      pos = edge_geometry(A, &a, &b, kth[i], m[i], flip, arrow, back, d->text_pt);
    cn_fig_set(out, at, "pos", pos);
  }
}

/* A panel's caption, centred in the band above it. */
static void compose_caption(const drawing *d, const panel *pn,
                            const placement *pl, const page *pg, double width,
                            double top, cn_fig *out) {
  cn_arena *A = out->arena;
  int c = cn_fig_add_node(out, cn_arena_printf(A, "caption%d", pl->p), -1);
  cn_fig_attrs *at = &out->nodes.items[c].attrs;
  cn_fig_set(out, at, "id", cn_arena_printf(A, "caption_s%d", pl->p));
  cn_fig_set(out, at, "class", "caption");
  cn_fig_set(out, at, "shape", "plaintext");
  cn_fig_set(out, at, "style", "solid");
  cn_fig_setf(out, at, "fontsize", "%g", PAGE_PT(d) * CAPTION_SCALE);
  cn_fig_set(out, at, "margin", "0");
  cn_fig_set_html(out, at, "label", pg->one_line ? pn->caption_line : pn->caption);
  cn_fig_setf(out, at, "pos", "%.2f,%.2f", pl->left + width / 2,
              top - pg->cap_h / 2);
}

/* The page's own sizes — captions, gaps, legend — at its text size
 * PAGE_PT(d): fontsize=, or the labels' size when they shrink; returns the
 * title's height. */
static double page_metrics(drawing *d, page *base, int first, int captions) {
  double em = PAGE_PT(d);
  double *cap_w = cn_arena_alloc(d->layout.arena, sizeof(double) * (size_t)base->n);
  for (int i = 0; i < base->n; i++) {
    const panel *pn = &d->panels[first + i];
    cap_w[i] = !pn->caption ? 0 : !pn->caption_line ? -1
               : pn->caption_line_w * em * CAPTION_SCALE;
  }
  base->cap_w = cap_w;
  base->cap_line_h = CAPTION_LINE_EM * em;
  base->gap = PANEL_GAP_EM * em;
  base->row_gap = ROW_GAP_EM * em;
  base->cap_h = captions ? CAPTION_EM * em : 0;
  base->lgap = LEGEND_GAP_EM * em;
  base->inset = INSET_EM * em;
  if (d->o->legend) {
    base->lw = figure_legend_width(d);
    base->lh = figure_legend_height(d, 1);
    for (int k = 1; k <= LEGEND_COLS_MAX; k++) {
      base->cw[k] = figure_legend_columns_width(d, k);
      base->ch[k] = figure_legend_height(d, k);
    }
  }
  /* the title stays at fontsize=: one line that costs little */
  return d->title_html ? TITLE_EM * d->o->font_pt : 0; /* its height */
}

/* The page for n panels of the layout g at the width asked for, and for
 * the labels' size: the narrowest width that keeps them at fontsize=
 * (*min_width, when they have to shrink).  With `fit` and width="auto",
 * the page is that wide instead.  Sets d->page_pt. */
static page page_of(drawing *d, const cn_fig_geom *g, int first, int n,
                    int captions, int fit, double *min_width) {
  page base;
  memset(&base, 0, sizeof base);
  panel_box *box = cn_arena_alloc(d->layout.arena, sizeof(panel_box) * (size_t)n);
  panel_box *cropped = cn_arena_alloc(d->layout.arena, sizeof(panel_box) * (size_t)n);
  for (int i = 0; i < n; i++) {
    box[i] = panel_extent(d, g, first + i, 0);
    cropped[i] = panel_extent(d, g, first + i, 1);
  }
  base.n = n;
  base.box = box;
  base.union_h = g->bb[3] - g->bb[1];
  d->page_pt = 0;
  double title_h = page_metrics(d, &base, first, captions);
  page p = best_page(&base, d->o->legend, d->o->width_pt, title_h);
  if (p.scale < 1 && n > 1) { /* panels cropped to their own networks,
                                 when the labels do not fit otherwise */
    page c = base;
    c.box = cropped;
    page pc = best_page(&c, d->o->legend, d->o->width_pt, title_h);
    if (pc.scale > p.scale) {
      base = c;
      p = pc;
    }
  }
  page full = base;
  double full_title_h = title_h;
  /* Labels that shrink take the captions and legend down with them, in
   * proportion (a legend at fontsize= beside 5 pt labels takes the room
   * the labels lack).  Their size t is where they meet the labels: the
   * labels come out at fontsize= × scale(t), larger as t is smaller; a
   * bisection finds the largest t not above the labels' size. */
  page shrunk = p;
  double lo = d->o->font_pt * p.scale, hi = d->o->font_pt, shrunk_pt = 0;
  for (int step = 0; step < 10 && p.scale < 1; step++) {
    double t = step == 0 ? lo : (lo + hi) / 2;
    d->page_pt = t;
    page b2 = base;
    double th = page_metrics(d, &b2, first, captions);
    page p2 = best_page(&b2, d->o->legend, d->o->width_pt, th);
    if (d->o->font_pt * p2.scale >= t) { /* the labels no smaller */
      lo = t;
      shrunk = p2;
      shrunk_pt = t;
    } else {
      hi = t;
    }
  }
  d->page_pt = shrunk_pt;
  if (p.scale < 1 && fit) {
    double page_pt = d->page_pt;
    d->page_pt = 0; /* the narrowest width keeps everything at fontsize= */
    double w = narrowest_width(&full, d->o->legend, full_title_h, d->o->width_pt);
    if (d->o->width_auto) /* as wide as the labels need */
      return best_page(&full, d->o->legend, w, full_title_h);
    d->page_pt = page_pt;
    *min_width = w;
  }
  return shrunk;
}

/* Does any panel have a caption? */
static int any_caption(const drawing *d, int first, int n) {
  int captions = 0;
  for (int p = first; p < first + n; p++)
    captions |= d->panels[p].caption != NULL;
  return captions;
}

/* A layout of the union in another shape: every actor a box of its own
 * size with its height stretched `a` times, laid out (turned a quarter
 * first when `turn`: width and height swapped), then turned back and
 * squeezed by a (spread, when a < 1).  No two actors overlap in it, since
 * their stretched boxes did not, they keep the layout's sep= apart, and
 * it is about a times wider for its
 * height: a force layout has no aspect of its own, a page does.  0, or -1
 * when Graphviz failed. */
static int reshaped_layout(drawing *d, const cn_fig_geom *g, int turn,
                           double a, cn_fig_geom *out) {
  cn_arena *A = d->layout.arena;
  int nn = d->layout.nodes.n;
  cn_fig f = d->layout;
  f.nodes.items = cn_arena_alloc(A, sizeof(cn_fig_node) * (size_t)(nn + 1));
  for (int i = 0; i < nn; i++) {
    cn_fig_node *nd = &f.nodes.items[i];
    *nd = d->layout.nodes.items[i];
    memset(&nd->attrs, 0, sizeof nd->attrs);
    cn_fig_copy_attrs(&f, &nd->attrs, &d->layout.nodes.items[i].attrs);
    /* the engine keeps sep= around each box, which the squeeze would
       bring down to 2 sep / a between actors above one another: the box
       is as much taller as keeps them at least sep apart (ties run
       between actors side by side more than between stacked labels) */
    double w = g->w[i],
           h = fmax(0.01, (g->h[i] + LAYOUT_SEP_PT) * a - 2 * LAYOUT_SEP_PT);
    cn_fig_setf(&f, &nd->attrs, "width", "%.4f", (turn ? h : w) / 72);
    cn_fig_setf(&f, &nd->attrs, "height", "%.4f", (turn ? w : h) / 72);
    cn_fig_set(&f, &nd->attrs, "fixedsize", "true");
    cn_fig_set(&f, &nd->attrs, "label", "");
    cn_fig_set(&f, &nd->attrs, "shape", "box");
  }
  cn_fig_geom t;
  memset(&t, 0, sizeof t);
  if (cn_gv_layout(&f, d->engine, &t) != 0)
    return -1;
  *out = *g; /* the actors keep their own sizes */
  out->x = cn_arena_alloc(A, sizeof(double) * (size_t)(nn + 1));
  out->y = cn_arena_alloc(A, sizeof(double) * (size_t)(nn + 1));
  for (int i = 0; i < nn; i++) {
    out->x[i] = turn ? t.y[i] : t.x[i];
    out->y[i] = (turn ? -t.x[i] : t.y[i]) / a;
  }
  if (turn) {
    out->bb[0] = t.bb[1];
    out->bb[1] = -t.bb[2] / a;
    out->bb[2] = t.bb[3];
    out->bb[3] = -t.bb[0] / a;
  } else {
    out->bb[0] = t.bb[0];
    out->bb[1] = t.bb[1] / a;
    out->bb[2] = t.bb[2];
    out->bb[3] = t.bb[3] / a;
  }
  return 0;
}

/* How well layout g suits the page: the labels' scale on it (1 or more:
 * they keep fontsize=).  With width="auto", the page drawn is as wide as
 * the labels need: its default width over that, when it is wider. */
static double page_fit(drawing *d, const cn_fig_geom *g, int n, int captions) {
  int auto_width = d->o->width_auto;
  page p = page_of(d, g, 0, n, captions, auto_width, NULL);
  if (auto_width && p.width > d->o->width_pt)
    return fmin(p.scale, 1) * d->o->width_pt / p.width;
  return p.scale;
}

/* Lay out the union of the panels.  When its labels would not keep
 * their size on the page, the layout is made again in other shapes —
 * turned a quarter or not, from twice as tall to five times as flat, in
 * steps of about a fifth — and the one that draws the labels largest
 * wins.  A force layout's extent varies by some 10 % from one shape to
 * the next, so the search is fine rather than a few wide steps (27
 * layouts of the B county union: about 0.15 s). */
int figure_lay_out(drawing *d, cn_fig_geom *g) {
  if (cn_gv_layout(&d->layout, d->engine, g) != 0)
    return -1;
  int n = d->combined ? d->npanels : 1;
  int captions = any_caption(d, 0, n);
  double best = page_fit(d, g, n, captions);
  static const double stretch[] = {1,   0.5, 0.6, 0.7, 0.83, 1.2, 1.45,
                                   1.75, 2.1, 2.5, 3,  3.6,  4.3, 5.2};
  cn_fig_geom base = *g;
  for (int turn = 0; turn < 2 && best < 1; turn++)
    for (size_t k = 0; k < sizeof stretch / sizeof *stretch && best < 1; k++) {
      cn_fig_geom r;
      if ((!turn && k == 0) || reshaped_layout(d, &base, turn, stretch[k], &r) != 0)
        continue;
      double sc = page_fit(d, &r, n, captions);
      if (sc > best * 1.02) { /* a clear gain only: the force layout's
                                 own shape reads best */
        best = sc;
        *g = r;
      }
    }
  return 0;
}

/* The final figure: panels [first, first+n) at the layout's positions,
 * scaled to the page's width, with captions, title and legend, for the
 * "nop2" engine.  Everything is in points on the page: labels at
 * fontsize= (less only when the network does not fit: then warned). */
void figure_compose(drawing *d, const cn_fig_geom *g, int first, int n,
                    cn_fig *out) {
  cn_arena *A = d->layout.arena;
  int captions = any_caption(d, first, n);
  page pg = page_of(d, g, first, n, captions, 1, &d->min_width_pt);
  double size = fmin(pg.scale, 1);
  if (size < 1 && (d->shrunk_pt == 0 || d->o->font_pt * size < d->shrunk_pt))
    d->shrunk_pt = d->o->font_pt * size; /* the smallest, of all files */
  d->text_pt = d->o->font_pt * size;
  cn_fig_init(out, A, d->layout.name);
  figure_defaults(d, out);
  compose_graph(d, out);
  /* Graphviz routes a tie drawn alone between its pair around the actors
   * (makeSpline); cnet draws the fans of multiplex pairs itself, since
   * 2.42's router for parallel edges (makeMultiSpline) corrupts memory.
   * Routing is cubic in the actors: only for figures of paper size. */
  int route = d->layout.nodes.n <= 200;
  double panels_w = col_left(&pg, 0, pg.cols) - pg.gap;
  double room = pg.width - (pg.legend_at == LEGEND_RIGHT ? pg.lgap + pg.lw : 0);
  double left0 = fmax(pg.inset, (room - panels_w) / 2); /* centred when
                                                           spread less */
  double legend_x0 = 0; /* LEGEND_BESIDE: the legend's left */
  for (int p = first; p < first + n; p++) {
    int col = (p - first) % pg.cols, row = (p - first) / pg.cols;
    const panel_box *b = &pg.box[p - first];
    double top = row_top(&pg, row), w = pg.scale * (b->x1 - b->x0);
    placement pl = {p, 0, 0, pg.scale, size, b->x0, b->y0, b->drawn, NULL, 0};
    /* centred in its column, its caption at the top of its row */
    pl.left = col_left(&pg, left0, col) +
              (pg.scale * col_width(&pg, col) - w) / 2;
    if (pg.legend_at == LEGEND_BESIDE && row == pg.beside_row) {
      /* the panel and the legend beside it centred together */
      double group = w + pg.lgap + pg.cw[pg.beside_cols];
      pl.left = fmin(fmax(pg.inset, left0 + (pg.scale * col_width(&pg, 0) - group) / 2),
                     pg.width - pg.inset - group);
      legend_x0 = pl.left + w + pg.lgap;
    }
    pl.bottom = top - pg.cap_h - pg.scale * (b->y1 - b->y0);
    compose_nodes(d, g, &pl, out);
    compose_cluster_boxes(d, g, &pl, out);
    compose_edges(d, g, &pl, route, out);
    if (captions && d->panels[p].caption)
      compose_caption(d, &d->panels[p], &pl, &pg, w, top, out);
  }
  if (d->o->legend) {
    double x0 = fmax(0, (pg.width - pg.bw) / 2), top = pg.bh;
    int cols = pg.bcols;
    if (pg.legend_at != LEGEND_BELOW)
      cols = 1;
    if (pg.legend_at == LEGEND_CELL) { /* the last cell: centred, level with its row */
      x0 = col_left(&pg, left0, pg.cols - 1) +
           (pg.scale * col_width(&pg, pg.cols - 1) - pg.lw) / 2;
      top = row_top(&pg, pg.rows - 1) - pg.cap_h;
    } else if (pg.legend_at == LEGEND_RIGHT) {
      x0 = pg.width - pg.lw - pg.inset;
      top = pg.height - pg.cap_h;
    } else if (pg.legend_at == LEGEND_BESIDE) { /* level with its panel's caption */
      x0 = legend_x0;
      top = row_top(&pg, pg.beside_row);
      cols = pg.beside_cols;
    }
    figure_legend(d, out, x0, top, cols);
  }
  /* the page: exactly the width asked for, from the lower-left corner */
  add_corner(out, "page_0", 0, 0);
  add_corner(out, "page_1", pg.width, pg.height);
}
