/* time_measures.c — the time of eigenvector, PageRank, coreness and
 * transitivity alone, through the runtime/net API, on the graph of an edge
 * list written by bench/gen.py (each name ends in the actor's number, as
 * a123 or 企业123).  The counterpart of igraph_load.py's --eigenvector …
 * timings; bench/README.md ("Measures alone") says how to build and run it.
 *
 *   time_measures FILE.edges [ROUNDS]
 *
 * Prints, per round and measure, the wall and the CPU seconds (all threads). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cohesion.h"
#include "spectral.h"

static double seconds(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The number a name ends in (-1 when it has none). */
static long number_of(const char *name) {
  const char *p = name, *digits = NULL;
  for (; *p; p++)
    if (*p >= '0' && *p <= '9') {
      if (!digits)
        digits = p;
    } else {
      digits = NULL;
    }
  return digits ? strtol(digits, NULL, 10) : -1;
}

static int read_edges(const char *path, cn_graph *g) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  size_t cap = 1024, n = 0;
  cn_graph_tie *t = malloc(cap * sizeof *t);
  char a[256], b[256];
  long top = -1;
  while (t && fscanf(f, "%255s %255s", a, b) == 2) {
    long u = number_of(a), v = number_of(b);
    if (u < 0 || v < 0 || u > 2000000000 || v > 2000000000)
      continue;
    if (n == cap) {
      cn_graph_tie *more = realloc(t, 2 * cap * sizeof *t);
      if (!more)
        break;
      t = more, cap *= 2;
    }
    t[n++] = (cn_graph_tie){(int32_t)u, (int32_t)v, 1.0, 0};
    top = u > top ? u : top;
    top = v > top ? v : top;
  }
  fclose(f);
  int rc = t ? cn_graph_build(g, (int32_t)(top + 1), t, n) : -1;
  free(t);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: time_measures FILE.edges [ROUNDS]\n");
    return 2;
  }
  cn_graph g;
  if (read_edges(argv[1], &g) != 0) {
    fprintf(stderr, "time_measures: cannot read %s\n", argv[1]);
    return 1;
  }
  int rounds = argc > 2 ? atoi(argv[2]) : 3;
  double *x = malloc(sizeof *x * (size_t)(g.n + 1));
  int32_t *core = malloc(sizeof *core * (size_t)(g.n + 1));
  if (!x || !core)
    return 1;
  for (int r = 0; r < rounds; r++)
    for (int m = 0; m < 5; m++) {
      double w = seconds(CLOCK_MONOTONIC), c = seconds(CLOCK_PROCESS_CPUTIME_ID);
      static const char *const name[] = {"eigenvector", "pagerank", "coreness",
                                         "transitivity", "constraint"};
      int rc = CN_MEASURE_OK;
      switch (m) {
      case 0:
        rc = cn_measure_eigenvector(&g, CN_MODE_ALL, 0, CN_SCALE_MAX, x, NULL);
        break;
      case 1:
        rc = cn_measure_pagerank(&g, 0, 0, 0.85, x);
        break;
      case 2:
        rc = cn_measure_coreness(&g, CN_MODE_ALL, core);
        break;
      case 3:
        cn_measure_transitivity(&g, &rc);
        break;
      default:
        rc = cn_measure_constraint(&g, x);
      }
      printf("%-12s wall %.3f s  cpu %.3f s%s\n", name[m],
             seconds(CLOCK_MONOTONIC) - w, seconds(CLOCK_PROCESS_CPUTIME_ID) - c,
             rc == CN_MEASURE_OK ? "" : "  (failed)");
    }
  cn_graph_free(&g);
  free(x), free(core);
  return 0;
}
