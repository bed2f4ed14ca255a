/* groups.c — the E-I index and assortativity (groups.h). */
#include "groups.h"

#include <math.h>
#include <stdlib.h>

#include "measures.h"

void cn_measure_ei(const cn_graph *g, const int32_t *group, int32_t ngroups,
                   int64_t *internal, int64_t *external, int64_t *within,
                   int64_t *between) {
  for (int32_t c = 0; c < ngroups; c++)
    internal[c] = external[c] = 0;
  *within = *between = 0;
  for (int32_t u = 0; u < g->n; u++)
    for (int64_t e = g->und_off[u]; e < g->und_off[u + 1]; e++) {
      int32_t v = g->und_adj[e];
      if (v < u || group[u] < 0 || group[v] < 0)
        continue; /* each pair once; unknown ends left out */
      if (group[u] == group[v]) {
        internal[group[u]]++;
        ++*within;
      } else {
        external[group[u]]++;
        external[group[v]]++;
        ++*between;
      }
    }
}

double cn_measure_assortativity_values(const cn_graph *g, int directed,
                                       const double *x, const double *y) {
  cn_view view = cn_graph_view(g, directed ? CN_MODE_OUT : CN_MODE_ALL);
  /* two passes: the means, then the centred sums */
  double sx = 0, sy = 0, m = 0;
  for (int32_t u = 0; u < g->n; u++)
    for (int64_t e = view.off[u]; e < view.off[u + 1]; e++) {
      int32_t v = view.adj[e];
      if (isnan(x[u]) || isnan(y[v]))
        continue;
      sx += x[u], sy += y[v], m++;
    }
  if (m == 0)
    return NAN;
  double mx = sx / m, my = sy / m, cxy = 0, cxx = 0, cyy = 0;
  for (int32_t u = 0; u < g->n; u++)
    for (int64_t e = view.off[u]; e < view.off[u + 1]; e++) {
      int32_t v = view.adj[e];
      if (isnan(x[u]) || isnan(y[v]))
        continue;
      double dx = x[u] - mx, dy = y[v] - my;
      cxy += dx * dy, cxx += dx * dx, cyy += dy * dy;
    }
  return cxx > 0 && cyy > 0 ? cxy / sqrt(cxx * cyy) : NAN;
}

double cn_measure_assortativity_degree(const cn_graph *g, int directed) {
  double *x = malloc(sizeof *x * ((size_t)g->n + 1));
  double *y = malloc(sizeof *y * ((size_t)g->n + 1));
  double r = NAN;
  if (x && y) {
    for (int32_t v = 0; v < g->n; v++) {
      if (directed) {
        x[v] = (double)(g->out_off[v + 1] - g->out_off[v]);
        y[v] = (double)(g->in_off[v + 1] - g->in_off[v]);
      } else {
        x[v] = y[v] = (double)(g->und_off[v + 1] - g->und_off[v]);
      }
    }
    r = cn_measure_assortativity_values(g, directed, x, y);
  }
  free(x);
  free(y);
  return r;
}

double cn_measure_assortativity_nominal(const cn_graph *g, int directed,
                                        const int32_t *cat, int32_t ncat) {
  cn_view view = cn_graph_view(g, directed ? CN_MODE_OUT : CN_MODE_ALL);
  double *a = calloc((size_t)ncat + 1, sizeof *a);
  double *b = calloc((size_t)ncat + 1, sizeof *b);
  double same = 0, m = 0, r = NAN;
  if (!a || !b)
    goto done;
  for (int32_t u = 0; u < g->n; u++)
    for (int64_t e = view.off[u]; e < view.off[u + 1]; e++) {
      int32_t v = view.adj[e];
      if (cat[u] < 0 || cat[v] < 0)
        continue;
      a[cat[u]]++, b[cat[v]]++, m++;
      same += cat[u] == cat[v];
    }
  if (m == 0)
    goto done;
  double ab = 0;
  for (int32_t c = 0; c < ncat; c++)
    ab += (a[c] / m) * (b[c] / m);
  if (ab < 1)
    r = (same / m - ab) / (1 - ab);
done:
  free(a);
  free(b);
  return r;
}
