/* fuzz_csv.c — libFuzzer harness: a fuzzed spreadsheet imported as actors
 * or ties (the first byte picks the statement and CSV or TSV), then listed,
 * summed up and exported back as CSV. */
#include <string.h>

#include "harness.h"

static const char *const scripts[] = {
    "import actors \"in.csv\"\n",
    "layer L\nimport ties \"in.csv\" : L\n",
    "import ties \"in.csv\"\n",
    "kind K\nimport actors \"in.tsv\" { kind = K }\n",
    "layer L\nstage S 1990..2000\nimport ties \"in.tsv\" : L { directed = true }\n",
    "import actors \"in.csv\" { name = a, sep = \";\" }\n"
    "layer L\nimport ties \"in.csv\" : L { from = a, to = b, span = c, sep = \";\" }\n",
};
enum { NSCRIPTS = sizeof scripts / sizeof *scripts };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  const char *script = scripts[data[0] % NSCRIPTS];
  fz_write_file(strstr(script, ".tsv") ? "in.tsv" : "in.csv", data + 1, size - 1);
  fz_run_case("case.cnet", script, strlen(script),
              "actors()\nties()\ncount(ties())\nexport(to=\"out.csv\")\n",
              NULL, 0);
  return 0;
}
