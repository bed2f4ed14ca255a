/* test_measures.c — checks runtime/ measures against the oracle fixtures and brute-force cases. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "measures.h"

/* Usage: test_measures FIXTURE_DIR
 * FIXTURE_DIR holds *.fx files written by tests/unit/oracle_fixtures.py.
 * Prints one line per failed check, then exactly "N passed, N failed". */

/* Row-major index of (i, j) in an n × n matrix. */
static size_t ix(int64_t i, int64_t n, int64_t j) { return (size_t)(i * n + j); }

static long passed, failed;

#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    if (cond) {                                                                \
      passed++;                                                                \
    } else {                                                                   \
      failed++;                                                                \
      printf("FAIL ");                                                         \
      printf(__VA_ARGS__);                                                     \
      printf("\n");                                                            \
    }                                                                          \
  } while (0)

/* Relative 1e-9, absolute 1e-12 near zero; NaN equals only NaN; infinities
 * only themselves. */
static int same(double want, double got) {
  if (isnan(want) || isnan(got))
    return isnan(want) && isnan(got);
  if (isinf(want) || isinf(got))
    return want == got;
  double scale = fmax(fabs(want), fabs(got));
  return fabs(want - got) <= fmax(1e-12, 1e-9 * scale);
}

static void *xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (!p) {
    fprintf(stderr, "test_measures: out of memory\n");
    exit(2);
  }
  return p;
}

static double *dalloc(int32_t n) { return xmalloc((size_t)n * sizeof(double)); }

/* ---- named result series ---------------------------------------------- */

#define MAX_SERIES 128

typedef struct series {
  char name[40];
  double *v;      /* per vertex, or NULL for a graph-level value */
  double scalar;
} series;

typedef struct results {
  series s[MAX_SERIES];
  int count;
} results;

static double *add(results *r, const char *name, double *v) {
  if (r->count == MAX_SERIES) {
    fprintf(stderr, "test_measures: too many series\n");
    exit(2);
  }
  series *s = &r->s[r->count++];
  snprintf(s->name, sizeof s->name, "%s", name);
  s->v = v;
  s->scalar = NAN;
  return v;
}

static void add_scalar(results *r, const char *name, double x) {
  add(r, name, NULL);
  r->s[r->count - 1].scalar = x;
}

static series *find(results *r, const char *name) {
  for (int i = 0; i < r->count; i++)
    if (strcmp(r->s[i].name, name) == 0)
      return &r->s[i];
  return NULL;
}

static void results_free(results *r) {
  for (int i = 0; i < r->count; i++)
    free(r->s[i].v);
  r->count = 0;
}

static const char *mode_name[] = {"out", "in", "all"};
static const char *len_name[] = {"hops", "weight", "invweight"};
static const char *gf_col[] = {"w_I", "w_O", "b_IO", "b_OI", "b_O", "t"};

static void expect_ok(int status, const char *graph, const char *what) {
  CHECK(status == CN_MEASURE_OK, "%s %s status %d", graph, what, status);
}

/* Every measure the fixtures can name, computed once per graph. */
static void compute_all(const cn_graph *g, int directed, const int32_t *group,
                        const char *gname, results *r) {
  int32_t n = g->n;
  int32_t *ibuf = xmalloc((size_t)n * sizeof *ibuf);
  char name[40];
  for (int mode = CN_MODE_OUT; mode <= CN_MODE_ALL; mode++) {
    static const char *deg_name[] = {"out_degree", "in_degree", "degree"};
    cn_measure_degree(g, (cn_mode)mode, ibuf);
    double *d = add(r, deg_name[mode], dalloc(n));
    for (int32_t v = 0; v < n; v++)
      d[v] = ibuf[v];
  }
  cn_measure_strength(g, CN_MODE_ALL, add(r, "strength", dalloc(n)));

  double *c = add(r, "constraint", dalloc(n));
  double *es = add(r, "effective_size", dalloc(n));
  double *eff = add(r, "efficiency", dalloc(n));
  double *h = add(r, "hierarchy", dalloc(n));
  expect_ok(cn_measure_structural_holes(g, c, es, eff, h), gname, "holes");
  /* The single-measure wrappers give the same bits. */
  double *a = dalloc(n), *b = dalloc(n);
  expect_ok(cn_measure_constraint(g, a), gname, "constraint");
  CHECK(memcmp(a, c, (size_t)n * sizeof *a) == 0, "%s constraint wrapper",
        gname);
  expect_ok(cn_measure_effective_size(g, a, b), gname, "effective_size");
  CHECK(memcmp(a, es, (size_t)n * sizeof *a) == 0 &&
            memcmp(b, eff, (size_t)n * sizeof *b) == 0,
        "%s effective_size wrapper", gname);
  expect_ok(cn_measure_hierarchy(g, a), gname, "hierarchy");
  CHECK(memcmp(a, h, (size_t)n * sizeof *a) == 0, "%s hierarchy wrapper",
        gname);
  free(a), free(b);

  for (int len = CN_LEN_HOPS; len <= CN_LEN_INVWEIGHT; len++) {
    for (int norm = 0; norm <= 1; norm++) {
      snprintf(name, sizeof name, "betweenness_%s%s", norm ? "norm_" : "",
               len_name[len]);
      expect_ok(cn_measure_betweenness(g, directed, (cn_len_mode)len, norm,
                                       add(r, name, dalloc(n))),
                gname, name);
    }
    for (int mode = CN_MODE_OUT; mode <= CN_MODE_ALL; mode++) {
      snprintf(name, sizeof name, "closeness_%s_%s", mode_name[mode],
               len_name[len]);
      expect_ok(cn_measure_closeness(g, (cn_mode)mode, (cn_len_mode)len,
                                     add(r, name, dalloc(n))),
                gname, name);
      for (int norm = 0; norm <= 1; norm++) {
        snprintf(name, sizeof name, "harmonic_%s%s_%s", norm ? "norm_" : "",
                 mode_name[mode], len_name[len]);
        expect_ok(cn_measure_harmonic(g, (cn_mode)mode, (cn_len_mode)len,
                                      norm, add(r, name, dalloc(n))),
                  gname, name);
      }
    }
  }

  add_scalar(r, "density", cn_measure_density(g, directed));
  int32_t k = cn_measure_weak_components(g, ibuf);
  add_scalar(r, "ncomp_weak", k);
  double *cw = add(r, "comp_weak", dalloc(n));
  for (int32_t v = 0; v < n; v++)
    cw[v] = ibuf[v];
  k = cn_measure_strong_components(g, ibuf);
  add_scalar(r, "ncomp_strong", k);
  double *cs = add(r, "comp_strong", dalloc(n));
  for (int32_t v = 0; v < n; v++)
    cs[v] = ibuf[v];

  if (group) {
    size_t cells = (size_t)n * CN_GF_NCOLS;
    double *raw = xmalloc(cells * sizeof *raw), *ex = xmalloc(cells * sizeof *ex);
    double *sd = xmalloc(cells * sizeof *sd), *z = xmalloc(cells * sizeof *z);
    cn_brokerage_gli gli;
    expect_ok(cn_measure_brokerage(g, group, raw, ex, sd, z, &gli), gname,
              "brokerage");
    const double *src[] = {raw, ex, sd, z};
    const double *gsrc[] = {gli.raw, gli.expected, gli.sd, gli.z};
    static const char *kind[] = {"raw", "exp", "sd", "z"};
    for (int t = 0; t < 4; t++)
      for (int col = 0; col < CN_GF_NCOLS; col++) {
        snprintf(name, sizeof name, "gf_%s_%s", kind[t], gf_col[col]);
        double *d = add(r, name, dalloc(n));
        for (int32_t v = 0; v < n; v++)
          d[v] = src[t][(size_t)v * CN_GF_NCOLS + (size_t)col];
        snprintf(name, sizeof name, "gfg_%s_%s", kind[t], gf_col[col]);
        add_scalar(r, name, gsrc[t][col]);
      }
    free(raw), free(ex), free(sd), free(z);
  }
  free(ibuf);
}

/* ---- brute-force references ------------------------------------------ */

/* All-pairs distances (Floyd–Warshall) on a view, INFINITY when unreachable.
 * Lengths: hops, or the view's shortest parallel ties (und_d / out_d /
 * in_d). */
static double *all_pairs(const cn_graph *g, cn_mode mode, int weighted) {
  int32_t n = g->n;
  cn_view view = cn_graph_view(g, mode);
  const int64_t *off = view.off;
  const int32_t *adj = view.adj;
  const double *w = view.d;
  double *d = xmalloc((size_t)n * (size_t)n * sizeof *d);
  for (int32_t i = 0; i < n; i++)
    for (int32_t j = 0; j < n; j++)
      d[ix(i, n, j)] = i == j ? 0.0 : INFINITY;
  for (int32_t i = 0; i < n; i++)
    for (int64_t e = off[i]; e < off[i + 1]; e++)
      d[ix(i, n, adj[e])] = weighted ? w[e] : 1.0;
  for (int32_t k = 0; k < n; k++)
    for (int32_t i = 0; i < n; i++)
      for (int32_t j = 0; j < n; j++)
        if (d[ix(i, n, k)] + d[ix(k, n, j)] < d[ix(i, n, j)])
          d[ix(i, n, j)] = d[ix(i, n, k)] + d[ix(k, n, j)];
  return d;
}

static int adjacent(const cn_graph *g, int directed, int32_t u, int32_t v) {
  const int64_t *off = directed ? g->out_off : g->und_off;
  const int32_t *adj = directed ? g->out_adj : g->und_adj;
  for (int64_t e = off[u]; e < off[u + 1]; e++)
    if (adj[e] == v)
      return 1;
  return 0;
}

/* Shortest paths: distance equals Floyd–Warshall; the path is a walk along
 * ties; each step takes the smallest neighbour that stays on a geodesic. */
static void check_shortest_paths(const cn_graph *g, const char *gname) {
  int32_t n = g->n;
  int32_t *path = xmalloc((size_t)(n ? n : 1) * sizeof *path);
  for (int directed = 0; directed <= 1; directed++) {
    double *d = all_pairs(g, directed ? CN_MODE_OUT : CN_MODE_ALL, 0);
    for (int32_t s = 0; s < n; s++)
      for (int32_t t = 0; t < n; t++) {
        int32_t dist = -7;
        int st = cn_measure_shortest_path(g, s, t, directed, path, &dist);
        double want = d[ix(s, n, t)];
        int ok = st == CN_MEASURE_OK &&
                 (isinf(want) ? dist == -1 : dist == (int32_t)want);
        if (ok && dist >= 0) {
          ok = path[0] == s && path[dist] == t;
          for (int32_t k = 0; ok && k < dist; k++) {
            int32_t u = path[k];
            ok = adjacent(g, directed, u, path[k + 1]) &&
                 d[ix(path[k + 1], n, t)] == dist - k - 1;
            for (int32_t x = 0; ok && x < path[k + 1]; x++)
              ok = !(adjacent(g, directed, u, x) &&
                     d[ix(x, n, t)] == dist - k - 1);
          }
        }
        CHECK(ok, "%s shortest_path directed=%d %d->%d expected %g got %d",
              gname, directed, s, t, want, dist);
      }
    free(d);
  }
  free(path);
}

/* Contact groups against a flood fill over ego's contacts. */
static void check_contact_groups(const cn_graph *g, const char *gname) {
  int32_t n = g->n;
  int32_t *counts = xmalloc((size_t)(n ? n : 1) * sizeof *counts);
  expect_ok(cn_measure_contact_group_counts(g, counts), gname,
            "contact_group_counts");
  for (int32_t ego = 0; ego < n; ego++) {
    int64_t k = g->und_off[ego + 1] - g->und_off[ego];
    const int32_t *row = g->und_adj + g->und_off[ego];
    int32_t *got = xmalloc((size_t)(k ? k : 1) * sizeof *got);
    int32_t *want = xmalloc((size_t)(k ? k : 1) * sizeof *want);
    int32_t *stack = xmalloc((size_t)(k ? k : 1) * sizeof *stack);
    int32_t ng = cn_measure_contact_groups(g, ego, got);
    int32_t wg = 0;
    for (int64_t a = 0; a < k; a++)
      want[a] = -1;
    for (int64_t a = 0; a < k; a++) {
      if (want[a] >= 0)
        continue;
      int32_t sp = 0;
      stack[sp++] = (int32_t)a;
      want[a] = wg;
      while (sp > 0) {
        int32_t x = stack[--sp];
        for (int64_t b = 0; b < k; b++)
          if (want[b] < 0 && adjacent(g, 0, row[x], row[b])) {
            want[b] = wg;
            stack[sp++] = (int32_t)b;
          }
      }
      wg++;
    }
    int ok = ng == wg && counts[ego] == wg;
    for (int64_t a = 0; ok && a < k; a++)
      ok = got[a] == want[a];
    CHECK(ok, "%s contact_groups vertex %d expected %d got %d", gname, ego, wg,
          ng);
    free(got), free(want), free(stack);
  }
  free(counts);
}

/* Constraint terms sum exactly to the constraint; dyadic constraint is 0 for
 * a non-contact and NaN for an ego without contacts. */
static void check_terms(const cn_graph *g, const double *constraint,
                        const char *gname) {
  int32_t n = g->n;
  for (int32_t i = 0; i < n; i++) {
    int64_t k = g->und_off[i + 1] - g->und_off[i];
    double *terms = dalloc((int32_t)(k ? k : 1));
    int64_t got = cn_measure_constraint_terms(g, i, terms);
    double sum = 0.0;
    for (int64_t a = 0; a < got; a++)
      sum += terms[a];
    if (k == 0)
      CHECK(got == 0 && isnan(constraint[i]), "%s constraint_terms %d", gname,
            i);
    else
      CHECK(got == k && sum == constraint[i],
            "%s constraint_terms %d expected %.17g got %.17g", gname, i,
            constraint[i], sum);
    for (int32_t j = 0; j < n; j++) {
      if (adjacent(g, 0, i, j))
        continue;
      double c = cn_measure_dyadic_constraint(g, i, j);
      CHECK(k == 0 ? isnan(c) : c == 0.0,
            "%s dyadic_constraint non-contact %d %d got %g", gname, i, j, c);
    }
    free(terms);
  }
}

/* Every open two-path enumerated for a broker, counted per role, gives the
 * raw counts. */
typedef struct path_tally {
  double count[CN_GF_NCOLS];
} path_tally;

static int tally(void *ctx, int32_t from, int32_t broker, int32_t to,
                 int role) {
  (void)from, (void)broker, (void)to;
  path_tally *t = ctx;
  t->count[role]++;
  t->count[CN_GF_TOTAL]++;
  return 0;
}

static void check_brokerage_paths(const cn_graph *g, const int32_t *group,
                                  const char *gname) {
  int32_t n = g->n;
  double *raw = xmalloc((size_t)n * CN_GF_NCOLS * sizeof *raw);
  expect_ok(cn_measure_brokerage(g, group, raw, NULL, NULL, NULL, NULL), gname,
            "brokerage raw only");
  for (int32_t v = 0; v < n; v++) {
    path_tally t = {{0}};
    cn_measure_brokerage_paths(g, group, v, tally, &t);
    int ok = 1;
    for (int c = 0; c < CN_GF_NCOLS; c++)
      ok = ok && t.count[c] == raw[(size_t)v * CN_GF_NCOLS + (size_t)c];
    CHECK(ok, "%s brokerage_paths vertex %d", gname, v);
  }
  free(raw);
}

/* Betweenness, closeness and harmonic with lengths 1/w on a graph whose
 * weights were inverted equal the WEIGHT results on the original. */
static void check_invweight(const cn_graph *g, const cn_graph_tie *ties,
                            size_t nties, int directed, results *r,
                            const char *gname) {
  cn_graph_tie *inv = xmalloc(nties * sizeof *inv);
  for (size_t t = 0; t < nties; t++) {
    inv[t] = ties[t];
    inv[t].w = 1.0 / ties[t].w;
  }
  cn_graph h;
  if (cn_graph_build(&h, g->n, inv, nties) != 0) {
    CHECK(0, "%s invweight build", gname);
    free(inv);
    return;
  }
  double *v = dalloc(g->n);
  char name[40];
  expect_ok(cn_measure_betweenness(&h, directed, CN_LEN_INVWEIGHT, 0, v), gname,
            "betweenness invweight");
  series *s = find(r, "betweenness_weight");
  for (int32_t i = 0; i < g->n; i++)
    CHECK(same(s->v[i], v[i]), "%s betweenness_invweight %d expected %.17g got %.17g",
          gname, i, s->v[i], v[i]);
  for (int mode = CN_MODE_OUT; mode <= CN_MODE_ALL; mode++) {
    cn_measure_closeness(&h, (cn_mode)mode, CN_LEN_INVWEIGHT, v);
    snprintf(name, sizeof name, "closeness_%s_weight", mode_name[mode]);
    s = find(r, name);
    for (int32_t i = 0; i < g->n; i++)
      CHECK(same(s->v[i], v[i]), "%s %s vs invweight %d expected %.17g got %.17g",
            gname, name, i, s->v[i], v[i]);
  }
  free(v);
  free(inv);
  cn_graph_free(&h);
}

/* ---- fixtures ---------------------------------------------------------- */

static void run_fixture(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    CHECK(0, "%s cannot be opened", path);
    return;
  }
  char gname[128] = "?", line[512], tok[64];
  int32_t n = 0;
  int directed = 0;
  size_t nties = 0, cap = 16;
  cn_graph_tie *ties = xmalloc(cap * sizeof *ties);
  int32_t *group = NULL;
  cn_graph g;
  results r = {.count = 0};
  int built = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0')
      continue;
    if (sscanf(line, "%63s", tok) != 1)
      continue;
    if (strcmp(tok, "graph") == 0) {
      sscanf(line, "graph %127s", gname);
    } else if (strcmp(tok, "n") == 0) {
      sscanf(line, "n %d", &n);
    } else if (strcmp(tok, "directed") == 0) {
      sscanf(line, "directed %d", &directed);
    } else if (strcmp(tok, "edge") == 0) {
      if (nties == cap)
        ties = realloc(ties, (cap *= 2) * sizeof *ties);
      if (!ties)
        exit(2);
      cn_graph_tie *t = &ties[nties++];
      sscanf(line, "edge %d %d %lf %d", &t->u, &t->v, &t->w, &t->directed);
    } else if (strcmp(tok, "vertex") == 0) {
      /* names only label failures; the index is the vertex */
    } else if (strcmp(tok, "group") == 0) {
      int32_t v, gr;
      if (!group)
        group = calloc((size_t)n, sizeof *group);
      if (sscanf(line, "group %d %d", &v, &gr) == 2 && v >= 0 && v < n)
        group[v] = gr;
    } else if (strncmp(tok, "expect", 6) == 0) {
      if (!built) {
        if (cn_graph_build(&g, n, ties, nties) != 0) {
          CHECK(0, "%s cn_graph_build failed", gname);
          break;
        }
        built = 1;
        compute_all(&g, directed, group, gname, &r);
      }
      char m[64];
      int32_t u, v;
      double want;
      if (strcmp(tok, "expect") == 0 &&
          sscanf(line, "expect %63s %d %lf", m, &v, &want) == 3) {
        series *s = find(&r, m);
        double got = s && s->v && v >= 0 && v < n ? s->v[v] : NAN;
        CHECK(s && same(want, got), "%s %s vertex %d expected %.17g got %.17g",
              gname, m, v, want, got);
      } else if (strcmp(tok, "expect_pair") == 0 &&
                 sscanf(line, "expect_pair %63s %d %d %lf", m, &u, &v,
                        &want) == 4) {
        /* local_constraint: c_uv, from the dyadic function and from u's
         * term list */
        double got = cn_measure_dyadic_constraint(&g, u, v);
        CHECK(same(want, got), "%s %s vertex %d,%d expected %.17g got %.17g",
              gname, m, u, v, want, got);
        int64_t k = g.und_off[u + 1] - g.und_off[u];
        double *terms = dalloc((int32_t)k);
        double term = NAN;
        if (cn_measure_constraint_terms(&g, u, terms) == k)
          for (int64_t a = 0; a < k; a++)
            if (g.und_adj[g.und_off[u] + a] == v)
              term = terms[a];
        free(terms);
        CHECK(same(want, term),
              "%s %s_terms vertex %d,%d expected %.17g got %.17g", gname, m, u,
              v, want, term);
      } else if (strcmp(tok, "expect_graph") == 0 &&
                 sscanf(line, "expect_graph %63s %lf", m, &want) == 2) {
        series *s = find(&r, m);
        double got = s && !s->v ? s->scalar : NAN;
        CHECK(s && same(want, got), "%s %s graph expected %.17g got %.17g",
              gname, m, want, got);
      } else {
        CHECK(0, "%s unreadable line: %s", gname, line);
      }
    } else {
      CHECK(0, "%s unknown line: %s", gname, line);
    }
  }
  fclose(f);
  if (built) {
    check_shortest_paths(&g, gname);
    check_contact_groups(&g, gname);
    check_terms(&g, find(&r, "constraint")->v, gname);
    if (group)
      check_brokerage_paths(&g, group, gname);
    /* 1/(1/w) round-trips only where every pair has a single record */
    if (!directed && g.und_off[g.n] == 2 * (int64_t)nties)
      check_invweight(&g, ties, nties, directed, &r, gname);
    cn_graph_free(&g);
  }
  results_free(&r);
  free(ties);
  free(group);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_fixture_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "test_measures: cannot open %s\n", dir);
    return 0;
  }
  char **names = NULL;
  size_t count = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t len = strlen(e->d_name);
    if (len < 4 || strcmp(e->d_name + len - 3, ".fx") != 0)
      continue;
    names = realloc(names, (count + 1) * sizeof *names);
    if (!names)
      exit(2);
    names[count] = xmalloc(strlen(dir) + len + 2);
    sprintf(names[count++], "%s/%s", dir, e->d_name);
  }
  closedir(d);
  qsort(names, count, sizeof *names, by_name);
  for (size_t i = 0; i < count; i++) {
    run_fixture(names[i]);
    free(names[i]);
  }
  free(names);
  return (int)count;
}

/* ---- hand-made cases --------------------------------------------------- */

static void test_build(void) {
  /* 0=1 undirected w2, 1->0 w3, 0->1 w1, loop 2-2, zero weight 0-2, NaN
   * weight, out-of-range vertex: only the first three are ties. */
  cn_graph_tie t[] = {{0, 1, 2.0, 0}, {1, 0, 3.0, 1}, {0, 1, 1.0, 1},
                      {2, 2, 5.0, 0}, {0, 2, 0.0, 0}, {0, 2, NAN, 1},
                      {0, 9, 1.0, 0}};
  cn_graph g;
  CHECK(cn_graph_build(&g, 3, t, sizeof t / sizeof *t) == 0, "build status");
  CHECK(g.out_off[1] == 1 && g.out_adj[0] == 1 && g.out_w[0] == 3.0,
        "build out(0)");
  CHECK(g.out_off[2] - g.out_off[1] == 1 && g.out_w[1] == 5.0, "build out(1)");
  CHECK(g.in_off[1] == 1 && g.in_adj[0] == 1 && g.in_w[0] == 5.0,
        "build in(0)");
  CHECK(g.und_off[1] == 1 && g.und_z[0] == 8.0 && g.und_s[0] == 6.0,
        "build und(0): z %g s %g", g.und_z[0], g.und_s[0]);
  CHECK(g.und_z[1] == 8.0 && g.und_s[1] == 6.0, "build und(1) symmetric");
  /* the shortest parallel tie: 0->1 by min(2, 1), 1->0 by min(2, 3) */
  CHECK(g.out_d[0] == 1.0 && g.out_d[1] == 2.0, "build out_d %g %g",
        g.out_d[0], g.out_d[1]);
  CHECK(g.in_d[0] == 2.0 && g.in_d[1] == 1.0, "build in_d %g %g", g.in_d[0],
        g.in_d[1]);
  CHECK(g.und_d[0] == 1.0 && g.und_d[1] == 1.0, "build und_d %g %g",
        g.und_d[0], g.und_d[1]);
  CHECK(g.und_off[3] == 2 && g.out_off[3] == 2 && g.in_off[3] == 2,
        "build vertex 2 isolated");
  double s[3], c[3];
  cn_measure_strength(&g, CN_MODE_OUT, s);
  CHECK(s[0] == 3.0 && s[1] == 5.0 && s[2] == 0.0, "out strength");
  cn_measure_strength(&g, CN_MODE_IN, s);
  CHECK(s[0] == 5.0 && s[1] == 3.0, "in strength");
  expect_ok(cn_measure_constraint(&g, c), "build", "constraint");
  CHECK(c[0] == 1.0 && c[1] == 1.0 && isnan(c[2]), "dyad constraint 1, NaN");
  cn_graph_free(&g);
  CHECK(g.und_off == NULL && g.n == 0, "free clears");
}

/* Records read back by a lazy graph: an array of them. */
static void array_record(const void *ud, size_t k, cn_graph_tie *out) {
  *out = ((const cn_graph_tie *)ud)[k];
}

static int same_i64(const int64_t *a, const int64_t *b, size_t n) {
  return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}
static int same_i32(const int32_t *a, const int32_t *b, size_t n) {
  return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}
static int same_dbl(const double *a, const double *b, size_t n) {
  return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}

/* The und pattern and z alone (CN_VIEW_UND_Z), built on a lazy graph
 * that may have the pattern already, are build_all's, bit for bit. */
static void check_und_z(const cn_graph *full, const cn_graph_tie *t, size_t m,
                        int pattern_first, int round) {
  int32_t n = full->n;
  size_t nn = (size_t)n + 1, nu = (size_t)full->und_off[n];
  cn_graph g;
  cn_graph_lazy(&g, n, m, array_record, t);
  if (pattern_first)
    CHECK(cn_graph_need(&g, CN_VIEW_UND) == 0, "lazy z: und first");
  CHECK(cn_graph_need(&g, CN_VIEW_UND_Z) == 0 && g.built == CN_VIEW_UND_Z,
        "lazy z: built (round %d)", round);
  CHECK(g.out_off == NULL && g.in_off == NULL && g.und_s == NULL &&
            g.und_d == NULL,
        "lazy z: nothing but und and z (round %d)", round);
  CHECK(same_i64(g.und_off, full->und_off, nn) &&
            same_i32(g.und_adj, full->und_adj, nu) &&
            same_dbl(g.und_z, full->und_z, nu),
        "lazy z: und and z as built in full (round %d, %s)", round,
        pattern_first ? "after und" : "at once");
  cn_graph_free(&g);
}

/* Views built on demand (cn_graph_lazy, cn_graph_need) are the views
 * cn_graph_build makes, bit for bit: the und pattern alone first (nothing
 * else built), then every view; also every view at once, and und with z.
 * Random multigraphs with repeats, both directions, loops and unusable
 * weights; every fourth round on a few vertices, so that rows hold more
 * than 32 records, and weights in odd rounds that do not add up exactly,
 * so that sums taken in another order would differ. */
static void test_lazy_views(void) {
  srand(7);
  for (int round = 0; round < 60; round++) {
    int32_t n = round % 4 == 3 ? 2 + rand() % 4 : 1 + rand() % 30;
    size_t m = (size_t)(rand() % 120);
    cn_graph_tie *t = xmalloc((m ? m : 1) * sizeof *t);
    for (size_t k = 0; k < m; k++) {
      t[k].u = rand() % n;
      t[k].v = rand() % 8 == 0 ? t[k].u : rand() % n;
      t[k].w = rand() % 10 == 0 ? 0.0 : 0.25 * (1 + rand() % 9);
      if (round % 2 && t[k].w > 0)
        t[k].w = 0.1 * t[k].w + (double)rand() / RAND_MAX;
      t[k].directed = rand() % 3 == 0;
    }
    cn_graph full, lazy, at_once;
    CHECK(cn_graph_build(&full, n, t, m) == 0, "lazy: full build");
    check_und_z(&full, t, m, 0, round);
    check_und_z(&full, t, m, 1, round);
    cn_graph_lazy(&lazy, n, m, array_record, t);
    CHECK(lazy.built == 0 && lazy.und_off == NULL, "lazy: nothing built");
    CHECK(cn_graph_need(&lazy, CN_VIEW_UND) == 0, "lazy: und");
    size_t nn = (size_t)n + 1, nu = (size_t)full.und_off[n];
    CHECK(lazy.built == CN_VIEW_UND && lazy.out_off == NULL &&
              lazy.und_z == NULL,
          "lazy: the und pattern alone (round %d)", round);
    CHECK(same_i64(lazy.und_off, full.und_off, nn) &&
              same_i32(lazy.und_adj, full.und_adj, nu),
          "lazy: und pattern as built in full (round %d)", round);
    CHECK(cn_measure_density(&lazy, 0) == cn_measure_density(&full, 0) ||
              n < 2,
          "lazy: density (round %d)", round);
    CHECK(cn_graph_need(&lazy, CN_VIEW_ALL) == 0 &&
              lazy.built == CN_VIEW_ALL,
          "lazy: all views");
    cn_graph_lazy(&at_once, n, m, array_record, t);
    CHECK(cn_graph_need(&at_once, CN_VIEW_ALL) == 0, "lazy: all at once");
    const cn_graph *gs[2] = {&lazy, &at_once};
    for (int i = 0; i < 2; i++) {
      const cn_graph *g = gs[i];
      size_t no = (size_t)full.out_off[n];
      CHECK(same_i64(g->und_off, full.und_off, nn) &&
                same_i32(g->und_adj, full.und_adj, nu) &&
                same_dbl(g->und_z, full.und_z, nu) &&
                same_dbl(g->und_s, full.und_s, nu) &&
                same_dbl(g->und_d, full.und_d, nu) &&
                same_i64(g->out_off, full.out_off, nn) &&
                same_i32(g->out_adj, full.out_adj, no) &&
                same_dbl(g->out_w, full.out_w, no) &&
                same_dbl(g->out_d, full.out_d, no) &&
                same_i64(g->in_off, full.in_off, nn) &&
                same_i32(g->in_adj, full.in_adj, no) &&
                same_dbl(g->in_w, full.in_w, no) &&
                same_dbl(g->in_d, full.in_d, no),
            "lazy: every view as built in full (round %d, %s)", round,
            i ? "at once" : "after und");
    }
    cn_graph_free(&full);
    cn_graph_free(&lazy);
    cn_graph_free(&at_once);
    free(t);
  }
}

/* Burt's measures of ego i by the plain scan: for each contact q, every
 * neighbour x of q, in row order, looked up among i's contacts.  The kernel
 * takes shortcuts (a bit set, a search in a hub's row) but must add up the
 * same terms in the same order, so the values must be equal, not close. */
static void holes_by_scan(const cn_graph *g, int32_t i, double *c, double *es,
                          double *h) {
  const int64_t *off = g->und_off;
  int64_t k = off[i + 1] - off[i];
  *c = *es = *h = NAN;
  if (k == 0)
    return;
  double *pi = dalloc((int32_t)k), *acc = dalloc((int32_t)k);
  double si = 0.0;
  for (int64_t a = 0; a < k; a++)
    si += g->und_z[off[i] + a];
  for (int64_t a = 0; a < k; a++)
    pi[a] = g->und_z[off[i] + a] / si, acc[a] = 0.0;
  double e = 0.0;
  for (int64_t a = 0; a < k; a++) {
    int32_t q = g->und_adj[off[i] + a];
    double sq = 0.0, mq = 0.0, red = 0.0;
    for (int64_t f = off[q]; f < off[q + 1]; f++) {
      sq += g->und_z[f];
      mq = g->und_z[f] > mq ? g->und_z[f] : mq;
    }
    for (int64_t f = off[q]; f < off[q + 1]; f++)
      for (int64_t b = 0; b < k; b++)
        if (g->und_adj[off[i] + b] == g->und_adj[f]) {
          acc[b] += pi[a] * (g->und_z[f] / sq);
          red += pi[b] * g->und_z[f];
        }
    e += 1.0 - red / mq;
  }
  double sum = 0.0;
  for (int64_t a = 0; a < k; a++) {
    double t = pi[a] + acc[a];
    acc[a] = t * t;
    sum += acc[a];
  }
  *c = sum, *es = e;
  if (k > 1 && sum > 0) {
    double mean = sum / (double)k, s = 0.0;
    for (int64_t a = 0; a < k; a++) {
      double r = acc[a] / mean;
      if (r > 0)
        s += r * log(r);
    }
    *h = s / ((double)k * log((double)k));
  }
  free(pi), free(acc);
}

static int identical(double a, double b) {
  return a == b || (isnan(a) && isnan(b));
}

/* Constraint, effective size and hierarchy equal the plain scan's on random
 * weighted graphs where vertex 0 is tied to everyone: a hub whose row is
 * searched, not scanned, by egos of few contacts. */
static void test_holes_with_hub(void) {
  srand(11);
  for (int round = 0; round < 20; round++) {
    int32_t n = 60 + rand() % 60;
    size_t m = 0, cap = (size_t)n * 3;
    cn_graph_tie *t = xmalloc(cap * sizeof *t);
    for (int32_t v = 1; v < n; v++)
      t[m++] = (cn_graph_tie){0, v, 0.5 + (double)rand() / RAND_MAX, 0};
    while (m < cap) {
      int32_t u = 1 + rand() % (n - 1), v = 1 + rand() % (n - 1);
      t[m++] = (cn_graph_tie){u, v, 0.1 + (double)rand() / RAND_MAX,
                              rand() % 4 == 0};
    }
    cn_graph g;
    CHECK(cn_graph_build(&g, n, t, m) == 0, "hub: build");
    double *c = dalloc(n), *es = dalloc(n), *eff = dalloc(n), *h = dalloc(n);
    expect_ok(cn_measure_structural_holes(&g, c, es, eff, h), "hub", "holes");
    int hub_searched = 0;
    for (int32_t i = 0; i < n; i++) {
      double wc, wes, wh;
      holes_by_scan(&g, i, &wc, &wes, &wh);
      int64_t k = g.und_off[i + 1] - g.und_off[i];
      hub_searched += k > 0 && g.und_off[1] - g.und_off[0] > 16 * k;
      CHECK(identical(wc, c[i]) && identical(wes, es[i]) &&
                identical(wh, h[i]),
            "hub: vertex %d of %d: constraint %.17g/%.17g effsize "
            "%.17g/%.17g hierarchy %.17g/%.17g",
            i, n, c[i], wc, es[i], wes, h[i], wh);
    }
    CHECK(hub_searched > 0, "hub: some ego searches the hub's row (round %d)",
          round);
    free(c), free(es), free(eff), free(h);
    cn_graph_free(&g);
    free(t);
  }
}

/* The smallest graphs: nothing crashes and undefined values are NaN. */
static void test_tiny(void) {
  for (int32_t n = 0; n <= 2; n++) {
    cn_graph_tie t = {0, 1, 1.0, 0};
    cn_graph g;
    CHECK(cn_graph_build(&g, n, &t, n == 2) == 0, "tiny build %d", n);
    double v[2] = {-1, -1}, w[2] = {-1, -1};
    int32_t iv[2];
    expect_ok(cn_measure_structural_holes(&g, v, NULL, NULL, w), "tiny",
              "holes");
    expect_ok(cn_measure_betweenness(&g, 0, CN_LEN_HOPS, 1, v), "tiny",
              "betweenness");
    CHECK(n == 0 || (v[0] == 0.0 && v[n - 1] == 0.0),
          "tiny betweenness n=%d", n);
    expect_ok(cn_measure_closeness(&g, CN_MODE_ALL, CN_LEN_HOPS, v), "tiny",
              "closeness");
    CHECK(n != 1 || isnan(v[0]), "closeness of a lone vertex is NaN");
    CHECK(n != 2 || v[0] == 1.0, "closeness of a dyad is 1");
    expect_ok(cn_measure_harmonic(&g, CN_MODE_ALL, CN_LEN_HOPS, 1, v), "tiny",
              "harmonic");
    CHECK(n != 1 || v[0] == 0.0, "harmonic of a lone vertex is 0");
    double d = cn_measure_density(&g, 0);
    CHECK(n < 2 ? isnan(d) : d == 1.0, "tiny density n=%d: %g", n, d);
    CHECK(cn_measure_weak_components(&g, iv) == (n == 2 ? 1 : n),
          "tiny weak components n=%d", n);
    CHECK(cn_measure_strong_components(&g, iv) == (n == 2 ? 1 : n),
          "tiny strong components n=%d", n);
    int32_t grp[2] = {0, 0};
    double raw[12];
    expect_ok(cn_measure_brokerage(&g, grp, raw, NULL, NULL, NULL, NULL),
              "tiny", "brokerage");
    cn_graph_free(&g);
  }
}

static void test_interrupt(void) {
  cn_graph_tie t[] = {{0, 1, 1.0, 0}, {1, 2, 1.0, 0}};
  cn_graph g;
  cn_graph_build(&g, 3, t, 2);
  double v[3], raw[18];
  int32_t grp[3] = {0, 1, 2};
  int32_t counts[3];
  cn_measure_interrupt = 1;
  CHECK(cn_measure_structural_holes(&g, v, v, v, v) == CN_MEASURE_INTERRUPTED,
        "interrupt holes");
  CHECK(cn_measure_contact_group_counts(&g, counts) == CN_MEASURE_INTERRUPTED,
        "interrupt contact group counts");
  CHECK(cn_measure_betweenness(&g, 0, CN_LEN_WEIGHT, 0, v) ==
            CN_MEASURE_INTERRUPTED,
        "interrupt betweenness");
  CHECK(cn_measure_closeness(&g, CN_MODE_ALL, CN_LEN_HOPS, v) ==
            CN_MEASURE_INTERRUPTED,
        "interrupt closeness");
  CHECK(cn_measure_harmonic(&g, CN_MODE_OUT, CN_LEN_HOPS, 0, v) ==
            CN_MEASURE_INTERRUPTED,
        "interrupt harmonic");
  CHECK(cn_measure_brokerage(&g, grp, raw, NULL, NULL, NULL, NULL) ==
            CN_MEASURE_INTERRUPTED,
        "interrupt brokerage");
  cn_path_opts o = cn_path_defaults();
  double ties[4];
  CHECK(cn_measure_tie_betweenness(&g, 0, &o, ties) == CN_MEASURE_INTERRUPTED,
        "interrupt tie betweenness");
  int32_t src[1] = {0};
  o.sources = src, o.nsources = 1;
  CHECK(cn_measure_harmonic_opts(&g, CN_MODE_ALL, &o, v) ==
            CN_MEASURE_INTERRUPTED,
        "interrupt harmonic from sources");
  cn_measure_interrupt = 0;
  expect_ok(cn_measure_betweenness(&g, 0, CN_LEN_HOPS, 0, v), "interrupt",
            "after reset");
  CHECK(v[1] == 1.0, "betweenness after reset");
  cn_graph_free(&g);
}

/* Tiny deterministic generator (xorshift64*), so runs are reproducible. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint32_t rnd(uint32_t bound) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (uint32_t)((rng_state * 2685821657736338717u) >> 33) % bound;
}

/* σ_st for every pair, by dynamic programming over vertices sorted by
 * distance from s: σ_st = Σ over last steps u->t with d(s,u) + len(u,t) =
 * d(s,t).  d comes from all_pairs on the same view; exact with integer
 * weights. */
static double *path_counts(const cn_graph *g, int directed, int weighted,
                           const double *d) {
  int32_t n = g->n;
  size_t nn = (size_t)n;
  double *sigma = xmalloc(nn * nn * sizeof *sigma);
  const int64_t *off = directed ? g->in_off : g->und_off;
  const int32_t *adj = directed ? g->in_adj : g->und_adj;
  const double *w = directed ? g->in_d : g->und_d;
  int32_t *byd = xmalloc(nn * sizeof *byd);
  for (int32_t s = 0; s < n; s++) {
    const double *ds = d + (size_t)s * nn;
    for (int32_t x = 0; x < n; x++)
      byd[x] = x;
    for (int32_t a = 1; a < n; a++) /* insertion sort by distance */
      for (int32_t b = a; b > 0 && ds[byd[b]] < ds[byd[b - 1]]; b--) {
        int32_t tmp = byd[b];
        byd[b] = byd[b - 1], byd[b - 1] = tmp;
      }
    double *ss = sigma + (size_t)s * nn;
    for (int32_t a = 0; a < n; a++) {
      int32_t x = byd[a];
      ss[x] = x == s ? 1.0 : 0.0;
      if (x == s || isinf(ds[x]))
        continue;
      for (int64_t e = off[x]; e < off[x + 1]; e++) {
        int32_t u = adj[e];
        if (ds[u] + (weighted ? w[e] : 1.0) == ds[x])
          ss[x] += ss[u];
      }
    }
  }
  free(byd);
  return sigma;
}

/* Random multigraphs with integer weights (exact sums): betweenness,
 * closeness and harmonic against Floyd–Warshall path counting; effective
 * size against Borgatti's n - 2t/n on unit weights; strong components
 * against mutual reachability. */
static void test_random(int directed, int unit, int32_t n, size_t nties) {
  char gname[64];
  snprintf(gname, sizeof gname, "random(directed=%d,unit=%d,n=%d)", directed,
           unit, n);
  cn_graph_tie *t = xmalloc(nties * sizeof *t);
  for (size_t k = 0; k < nties; k++) {
    t[k].u = (int32_t)rnd((uint32_t)n);
    t[k].v = (int32_t)rnd((uint32_t)n);
    t[k].w = unit ? 1.0 : 1.0 + rnd(4);
    t[k].directed = directed ? (int)rnd(4) != 0 : 0; /* some undirected */
  }
  cn_graph g;
  if (cn_graph_build(&g, n, t, nties) != 0)
    exit(2);
  size_t nn = (size_t)n;
  double *v = dalloc(n);
  for (int weighted = 0; weighted <= 1; weighted++) {
    cn_mode view = directed ? CN_MODE_OUT : CN_MODE_ALL;
    double *d = all_pairs(&g, view, weighted);
    double *sigma = path_counts(&g, directed, weighted, d);
    cn_len_mode len = weighted ? CN_LEN_WEIGHT : CN_LEN_HOPS;
    expect_ok(cn_measure_betweenness(&g, directed, len, 0, v), gname,
              "betweenness");
    for (int32_t x = 0; x < n; x++) {
      double b = 0.0;
      for (int32_t s = 0; s < n; s++)
        for (int32_t u = 0; u < n; u++) {
          if (s == x || u == x || s == u || isinf(d[ix(s, n, u)]))
            continue;
          if (d[ix(s, n, x)] + d[ix(x, n, u)] ==
              d[ix(s, n, u)])
            b += sigma[ix(s, n, x)] * sigma[ix(x, n, u)] /
                 sigma[ix(s, n, u)];
        }
      if (!directed)
        b /= 2;
      CHECK(same(b, v[x]), "%s betweenness_%s %d expected %.17g got %.17g",
            gname, len_name[len], x, b, v[x]);
    }
    expect_ok(cn_measure_closeness(&g, view, len, v), gname, "closeness");
    double *hv = dalloc(n);
    expect_ok(cn_measure_harmonic(&g, view, len, 0, hv), gname, "harmonic");
    for (int32_t x = 0; x < n; x++) {
      double sum = 0.0, inv = 0.0;
      int32_t r = 0;
      for (int32_t u = 0; u < n; u++) {
        double dxu = d[ix(x, n, u)];
        if (u != x && !isinf(dxu))
          sum += dxu, inv += 1.0 / dxu, r++;
      }
      double c = r > 0 ? r / sum : NAN;
      CHECK(same(c, v[x]), "%s closeness_%s %d expected %.17g got %.17g",
            gname, len_name[len], x, c, v[x]);
      CHECK(same(inv, hv[x]), "%s harmonic_%s %d expected %.17g got %.17g",
            gname, len_name[len], x, inv, hv[x]);
    }
    free(hv), free(d), free(sigma);
  }
  if (unit && !directed) {
    /* Borgatti: with one record per pair (z = 2 everywhere) ES = n - 2t/n.
     * Rebuild from the distinct pairs. */
    cn_graph_tie *pairs = xmalloc((size_t)g.und_off[n] * sizeof *pairs);
    size_t np = 0;
    for (int32_t i = 0; i < n; i++)
      for (int64_t e = g.und_off[i]; e < g.und_off[i + 1]; e++)
        if (g.und_adj[e] > i)
          pairs[np++] = (cn_graph_tie){i, g.und_adj[e], 1.0, 0};
    cn_graph h;
    cn_graph_build(&h, n, pairs, np);
    expect_ok(cn_measure_effective_size(&h, v, NULL), gname, "effsize");
    for (int32_t i = 0; i < n; i++) {
      int64_t k = h.und_off[i + 1] - h.und_off[i];
      double ties = 0;
      for (int64_t a = h.und_off[i]; a < h.und_off[i + 1]; a++)
        for (int64_t b = a + 1; b < h.und_off[i + 1]; b++)
          ties += adjacent(&h, 0, h.und_adj[a], h.und_adj[b]);
      double want = k ? (double)k - 2.0 * ties / (double)k : NAN;
      CHECK(same(want, v[i]), "%s effective_size_borgatti %d expected %.17g got %.17g",
            gname, i, want, v[i]);
    }
    cn_graph_free(&h);
    free(pairs);
  }
  if (directed) {
    int32_t *comp = xmalloc(nn * sizeof *comp);
    int32_t k = cn_measure_strong_components(&g, comp);
    double *d = all_pairs(&g, CN_MODE_OUT, 0);
    int32_t next = 0;
    int ok = k >= 1;
    for (int32_t x = 0; x < n && ok; x++) {
      int32_t first = x; /* smallest vertex mutually reachable with x */
      for (int32_t u = 0; u < x; u++)
        if (!isinf(d[ix(x, n, u)]) && !isinf(d[ix(u, n, x)])) {
          first = u;
          break;
        }
      if (first == x)
        ok = comp[x] == next++;
      else
        ok = comp[x] == comp[first];
    }
    CHECK(ok && next == k, "%s strong components", gname);
    free(d), free(comp);
  }
  free(v);
  free(t);
  cn_graph_free(&g);
}

/* A path length within the cutoff (and finite). */
static int within(double d, double cutoff) { return !isinf(d) && d <= cutoff; }

/* A random subset of 0..n-1 (each vertex with probability 1/2), as a list;
 * NULL (every vertex) one time in four. */
static int32_t *random_subset(int32_t n, int32_t *count, unsigned char *mask) {
  memset(mask, 0, (size_t)n);
  if (rnd(4) == 0) {
    memset(mask, 1, (size_t)n);
    *count = n;
    return NULL;
  }
  int32_t *list = xmalloc((size_t)n * sizeof *list);
  *count = 0;
  for (int32_t v = 0; v < n; v++)
    if (rnd(2))
      mask[v] = 1, list[(*count)++] = v;
  return list;
}

/* The peers' options against brute force on random multigraphs with
 * integer weights: cutoff, endpoints and sources/targets for betweenness,
 * tie betweenness, closeness (not normalized, wf_improved) and harmonic
 * from sources, all with cutoffs; sampled betweenness is the sum over its
 * sample scaled as NetworkX does, and k = n is the full measure bit for
 * bit. */
static void test_options(int directed, int32_t n, size_t nties) {
  char gname[64];
  snprintf(gname, sizeof gname, "options(directed=%d,n=%d)", directed, n);
  cn_graph_tie *t = xmalloc(nties * sizeof *t);
  for (size_t k = 0; k < nties; k++) {
    t[k].u = (int32_t)rnd((uint32_t)n);
    t[k].v = (int32_t)rnd((uint32_t)n);
    t[k].w = 1.0 + rnd(4);
    t[k].directed = directed ? (int)rnd(4) != 0 : 0;
  }
  cn_graph g;
  if (cn_graph_build(&g, n, t, nties) != 0)
    exit(2);
  size_t nn = (size_t)n;
  double *v = dalloc(n), *want = dalloc(n);
  unsigned char *in_s = xmalloc(nn), *in_t = xmalloc(nn);
  cn_mode view = directed ? CN_MODE_OUT : CN_MODE_ALL;
  cn_view vw = cn_graph_view(&g, view);
  int64_t narcs = vw.off[n];
  double *ev = dalloc((int32_t)narcs + 1), *ewant = dalloc((int32_t)narcs + 1);
  static const double cutoffs[] = {-1, 0, 1, 2, 2.5, 4};
  for (int round = 0; round < 12; round++) {
    int weighted = round & 1;
    double *d = all_pairs(&g, view, weighted);
    double *sigma = path_counts(&g, directed, weighted, d);
#define D(a, b) d[(size_t)(a) * nn + (size_t)(b)]
#define SG(a, b) sigma[(size_t)(a) * nn + (size_t)(b)]
    cn_path_opts o = cn_path_defaults();
    o.len = weighted ? CN_LEN_WEIGHT : CN_LEN_HOPS;
    o.cutoff = cutoffs[rnd(6)];
    double cut = o.cutoff < 0 ? INFINITY : o.cutoff;
    o.normalized = (int)rnd(2);
    o.endpoints = (int)rnd(2);
    int32_t *src = random_subset(n, &o.nsources, in_s);
    int32_t *tgt = random_subset(n, &o.ntargets, in_t);
    o.sources = src, o.targets = tgt;
    char what[160];
    snprintf(what, sizeof what, "%s %s cutoff=%g normalized=%d endpoints=%d "
             "sources=%d targets=%d", gname, len_name[o.len], o.cutoff,
             o.normalized, o.endpoints, src ? o.nsources : -1,
             tgt ? o.ntargets : -1);
    /* betweenness: the ordered-pair sum, then NetworkX's scale */
    for (int32_t x = 0; x < n; x++)
      want[x] = 0.0;
    for (int32_t a = 0; a < n; a++)
      for (int32_t b = 0; b < n; b++) {
        if (a == b || !in_s[a] || !in_t[b] || !within(D(a, b), cut))
          continue;
        for (int32_t x = 0; x < n; x++)
          if (x != a && x != b && D(a, x) + D(x, b) == D(a, b))
            want[x] += SG(a, x) * SG(x, b) / SG(a, b);
        if (o.endpoints)
          want[a] += 1.0, want[b] += 1.0;
      }
    double N = o.endpoints ? n : n - 1.0;
    for (int32_t x = 0; x < n; x++)
      want[x] *= o.normalized ? 1.0 / (N * (N - 1.0)) : directed ? 1.0 : 0.5;
    expect_ok(cn_measure_betweenness_opts(&g, directed, &o, v), what,
              "betweenness");
    for (int32_t x = 0; x < n; x++)
      CHECK(same(want[x], v[x]), "%s betweenness %d expected %.17g got %.17g",
            what, x, want[x], v[x]);
    /* tie betweenness: every pair's share of each arc */
    for (int32_t u = 0; u < n; u++)
      for (int64_t e = vw.off[u]; e < vw.off[u + 1]; e++) {
        int32_t w = vw.adj[e];
        double len = weighted ? vw.d[e] : 1.0, sum = 0.0;
        for (int32_t a = 0; a < n; a++)
          for (int32_t b = 0; b < n; b++)
            if (a != b && within(D(a, b), cut) &&
                D(a, u) + len + D(w, b) == D(a, b))
              sum += SG(a, u) * SG(w, b) / SG(a, b);
        ewant[e] = sum;
      }
    expect_ok(cn_measure_tie_betweenness(&g, directed, &o, ev), what,
              "tie betweenness");
    double escale = o.normalized ? 1.0 / ((double)n * (n - 1.0))
                                 : directed ? 1.0 : 0.5;
    for (int32_t u = 0; u < n; u++)
      for (int64_t e = vw.off[u]; e < vw.off[u + 1]; e++) {
        double x = ewant[e];
        if (!directed) /* the pair's paths in both directions */
          for (int64_t f = vw.off[vw.adj[e]]; f < vw.off[vw.adj[e] + 1]; f++)
            if (vw.adj[f] == u)
              x += ewant[f];
        CHECK(same(x * escale, ev[e]), "%s tie %d-%d expected %.17g got %.17g",
              what, u, vw.adj[e], x * escale, ev[e]);
      }
    /* closeness and harmonic, both directions on digraphs */
    for (int m = directed ? CN_MODE_OUT : CN_MODE_ALL;
         m <= (directed ? CN_MODE_IN : CN_MODE_ALL); m++) {
      cn_mode mode = (cn_mode)m;
      o.wf_improved = (int)rnd(2);
      expect_ok(cn_measure_closeness_opts(&g, mode, &o, v), what, "closeness");
      double *hv = dalloc(n);
      expect_ok(cn_measure_harmonic_opts(&g, mode, &o, hv), what, "harmonic");
      for (int32_t x = 0; x < n; x++) {
        double sum = 0.0, inv = 0.0, r1 = 0.0;
        for (int32_t u = 0; u < n; u++) {
          double dd = mode == CN_MODE_IN ? D(u, x) : D(x, u);
          if (u == x || !within(dd, cut))
            continue;
          sum += dd, r1 += 1.0;
          if (in_s[u])
            inv += 1.0 / dd;
        }
        double c = r1 == 0 ? (o.wf_improved ? 0.0 : NAN)
                           : (o.normalized ? r1 : 1.0) / sum *
                                 (o.wf_improved ? r1 / (n - 1.0) : 1.0);
        double h = o.normalized ? inv / (n - 1.0) : inv;
        CHECK(same(c, v[x]),
              "%s closeness_%s wf_improved=%d %d expected %.17g got %.17g",
              what, mode_name[mode], o.wf_improved, x, c, v[x]);
        CHECK(same(h, hv[x]), "%s harmonic_%s %d expected %.17g got %.17g",
              what, mode_name[mode], x, h, hv[x]);
      }
      free(hv);
    }
#undef D
#undef SG
    free(src), free(tgt), free(d), free(sigma);
  }
  /* sampling: k = n is the full measure; a sample is the subset of its
   * sources, scaled by (n-1)/k, or (n-1)/(k-1) at a sampled vertex */
  cn_path_opts o = cn_path_defaults();
  o.normalized = 0;
  expect_ok(cn_measure_betweenness_opts(&g, directed, &o, want), gname, "full");
  o.k = n;
  expect_ok(cn_measure_betweenness_opts(&g, directed, &o, v), gname, "k = n");
  CHECK(memcmp(want, v, nn * sizeof *v) == 0, "%s k = n is the full measure",
        gname);
  int32_t *sample = xmalloc(nn * sizeof *sample);
  for (int round = 0; round < 6; round++) {
    o.k = 1 + (int32_t)rnd((uint32_t)n - 1);
    o.seed = rnd(1000);
    expect_ok(cn_measure_sample_sources(n, o.k, o.seed, sample), gname,
              "sample");
    int ok = 1;
    for (int32_t i = 0; i < o.k; i++)
      ok &= sample[i] >= 0 && sample[i] < n && (i == 0 || sample[i] > sample[i - 1]);
    CHECK(ok, "%s sample of %d is ascending and distinct", gname, o.k);
    cn_path_opts sub = cn_path_defaults();
    sub.normalized = 0;
    sub.sources = sample, sub.nsources = o.k;
    expect_ok(cn_measure_betweenness_opts(&g, directed, &sub, want), gname,
              "subset");
    expect_ok(cn_measure_betweenness_opts(&g, directed, &o, v), gname,
              "sampled");
    double *again = dalloc(n);
    expect_ok(cn_measure_betweenness_opts(&g, directed, &o, again), gname,
              "sampled again");
    CHECK(memcmp(again, v, nn * sizeof *v) == 0, "%s k=%d seed=%llu repeats",
          gname, o.k, (unsigned long long)o.seed);
    free(again);
    for (int32_t x = 0, next = 0; x < n; x++) {
      int sampled = next < o.k && sample[next] == x;
      next += sampled;
      double w = sampled ? (o.k > 1 ? want[x] * (n - 1.0) / (o.k - 1.0) : NAN)
                         : want[x] * (n - 1.0) / o.k;
      CHECK(same(w, v[x]), "%s k=%d seed=%llu vertex %d expected %.17g got %.17g",
            gname, o.k, (unsigned long long)o.seed, x, w, v[x]);
    }
  }
  free(sample), free(v), free(want), free(ev), free(ewant), free(in_s),
      free(in_t), free(t);
  cn_graph_free(&g);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FIXTURE_DIR\n", argv[0]);
    return 2;
  }
  int nfix = run_fixture_dir(argv[1]);
  CHECK(nfix > 0, "no fixtures found in %s", argv[1]);
  test_build();
  test_lazy_views();
  test_holes_with_hub();
  test_tiny();
  test_interrupt();
  test_random(0, 1, 40, 90);
  test_random(0, 0, 40, 90);
  test_random(1, 1, 40, 120);
  test_random(1, 0, 40, 120);
  test_random(1, 0, 60, 100); /* sparse: many components */
  test_options(0, 25, 50);
  test_options(1, 25, 70);
  test_options(1, 30, 40); /* sparse */
  printf("%ld passed, %ld failed\n", passed, failed);
  return failed ? 1 : 0;
}
