/* fuzz_export.c — libFuzzer harness: a fuzzed case written in every export
 * format (whole case, and its first stage), files in a private directory. */
#include "harness.h"

static const char queries[] =
    "export(to=\"x.graphml\")\nexport(to=\"x.gexf\")\nexport(to=\"x.net\")\n"
    "export(to=\"x.net\", dialect=\"pajek\")\nexport(to=\"x.dl\")\n"
    "export(to=\"x.csv\")\nexport(to=\"x.json\")\n"
    "export(to=\"s.graphml\", stage=first(stages()))\n"
    "export(to=\"s.json\", isolates=false)\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_workdir();
  fz_run_case("case.cnet", (const char *)data, size, queries, NULL, 0);
  return 0;
}
