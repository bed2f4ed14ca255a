/* fuzz_dot.c — libFuzzer harness: a fuzzed case drawn as DOT (the figure
 * before layout, as dot() gives it), and every DOT text read back by
 * Graphviz's own parser: a text cgraph refuses is a bug. */
#include <graphviz/cgraph.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* fz_check_dot(text): abort unless cgraph reads the text as one graph. */
static cn_value check_dot(cn_eval *E, cn_call *call) {
  (void)E;
  if (call->npos != 1 || call->pos[0].t != CN_V_STR)
    return cn_nil();
  Agraph_t *g = agmemread(call->pos[0].u.str);
  if (!g) {
    fprintf(stderr, "cgraph refused the DOT text:\n%s\n", call->pos[0].u.str);
    abort();
  }
  agclose(g);
  return cn_nil();
}

static const cn_native checks[] = {
    {"fz_check_dot", NULL, 0, "abort unless cgraph reads the text", check_dot},
};

static const char queries[] =
    "fz_check_dot(dot())\n"
    "fz_check_dot(dot(highlight=brokers, cluster=\"kind\", title=\"t\\\\\"))\n"
    "fz_check_dot(dot(layout=\"neato\", labels=false, isolates=false))\n"
    "fz_check_dot(dot(stage=first(stages())))\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_run_case("case.cnet", (const char *)data, size, queries, checks, 1);
  return 0;
}
